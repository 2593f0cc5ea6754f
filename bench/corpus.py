"""Benchmark corpora: plain Markdown pages (for comparing with MkDocs) and a large OPCC site.

    python bench/corpus.py plain DIR --pages 4000
    python bench/corpus.py opcc DIR --scale 1.0

Deterministic (seeded); writes our content format (site.yml + content/) and, for the
plain corpus, an mkdocs.yml + docs/ copy so MkDocs builds the very same pages.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

_WORD_TEXT = ("policing community safety victims commissioner panel budget precept plan "
              "constable partnership prevention neighbourhood accountability scrutiny "
              "transparency report performance officer service funding strategy priority "
              "domestic abuse violence reduction youth rural road harm fraud cyber custody "
              "volunteer complaint review decision meeting agenda minutes estate contract")
WORDS = tuple(_WORD_TEXT.split())

SITE_YML = """\
organisation:
  name: Office of the Police and Crime Commissioner for Benchshire
  short_name: Benchshire OPCC
base_url: https://bench.example/
"""


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def plain_page(rng: random.Random, index: int, total: int) -> str:
    """About 600 words with headings, lists, a table and links, like a real policy page."""
    parts = [f"---\ntitle: Page {index}\nsummary: {_sentence(rng, 10)}\n---\n"]
    for section in range(4):
        parts.append(f"## Section {section + 1}\n")
        for _ in range(3):
            parts.append(" ".join(_sentence(rng, rng.randint(12, 20)) for _ in range(3)) + "\n")
        parts.append("\n".join(f"- {_sentence(rng, 8)}" for _ in range(4)) + "\n")
    parts.append("| Area | Amount | Change |\n|---|---:|---:|\n" + "\n".join(
        f"| {rng.choice(WORDS)} | {rng.randint(1000, 90000)} | {rng.randint(-9, 9)}% |"
        for _ in range(5)) + "\n")
    links = [f"[see page {j}](page-{j:05d}.md)" for j in rng.sample(range(total), 3)]
    parts.append("Related: " + ", ".join(links) + ".\n")
    return "\n".join(parts)


def write_plain(root: Path, pages: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    content = root / "content"
    docs = root / "mkdocs" / "docs"
    content.mkdir(parents=True)
    docs.mkdir(parents=True)
    (root / "site.yml").write_text(SITE_YML, encoding="utf-8")
    (content / "index.md").write_text("---\ntitle: Home\n---\nWelcome.\n", encoding="utf-8")
    (docs / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    for index in range(pages):
        text = plain_page(rng, index, pages)
        (content / f"page-{index:05d}.md").write_text(text, encoding="utf-8")
        front, body = text.split("---\n", 2)[1:]
        title = front.split("\n")[0].removeprefix("title: ")
        (docs / f"page-{index:05d}.md").write_text(f"# {title}\n\n{body}", encoding="utf-8")
    (root / "mkdocs" / "mkdocs.yml").write_text(
        "site_name: Benchshire OPCC\nsite_url: https://bench.example/\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["plain"])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--pages", type=int, default=4000)
    args = parser.parse_args()
    write_plain(args.dir, args.pages)


if __name__ == "__main__":
    main()
