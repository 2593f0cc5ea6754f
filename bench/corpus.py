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


SPEND_HEADER = ("Body,Service Area,Transaction Date,Supplier Name,Expense Description,"
                "Expense Type,Amount (£),Transaction Number,VFM Reason\n")
OPCC_SITE_YML = SITE_YML + """registers:
  spending:
    columns:
      Body: body
      Service Area: department
      Transaction Date: date
      Supplier Name: supplier
      Expense Description: description
      Expense Type: category
      "Amount (£)": amount
      Transaction Number: reference
      VFM Reason: value_for_money
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_opcc(root: Path, scale: float = 1.0, seed: int = 2) -> None:
    """A large OPCC site in our content format; scale 1.0 is about ten years of records:
    1,500 meetings across 6 bodies, 3,000 decisions, 300 roles, 120 monthly spending files
    of 1,000 rows and 2,000 pages."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    content = root / "content"
    _write(root / "site.yml", OPCC_SITE_YML)
    _write(content / "index.md", "---\ntitle: Home\n---\nWelcome.\n")
    n_pages, n_roles = int(2000 * scale), max(int(300 * scale), 2)
    n_meetings, n_decisions, n_months = int(1500 * scale), int(3000 * scale), int(120 * scale)
    for index in range(n_pages):
        folder = f"section-{index % 20:02d}"
        text = plain_page(rng, index, n_pages).replace("](page-", "](../section-")
        text = _fix_plain_links(text, n_pages)
        _write(content / folder / f"page-{index:05d}.md", text)
    for folder in range(20):
        _write(content / f"section-{folder:02d}" / "index.md",
               f"---\ntitle: Section {folder}\nnav_order: {folder + 1}\n---\nPages.\n")
    _write(content / "staff/pay-scales.yml", "effective_from: 2026-04-01\ngrades:\n"
           + "".join(f"  - {{code: G{g}, min: {20000 + g * 5000}, max: {24000 + g * 5000}}}\n"
                     for g in range(10)))
    _write(content / "staff/roles/role-0000.md", _role(rng, 0, None, senior=True))
    for index in range(1, n_roles):
        boss = f"role-{(index - 1) // 5:04d}"
        _write(content / "staff/roles" / f"role-{index:04d}.md",
               _role(rng, index, boss, senior=index < 10))
    bodies = [f"body-{b}" for b in range(6)]
    for body in bodies:
        _write(content / "meetings" / body / "index.md",
               f"---\ntitle: Board {body}\nmembers:\n  - {{name: A Member, role: Chair}}\n"
               "public: true\n---\nWhat the board does.\n")
    for index in range(n_meetings):
        body = bodies[index % 6]
        year = 2017 + index * 10 // max(n_meetings, 1)
        day = f"{year}-{1 + index % 12:02d}-{1 + (index // 12) % 27:02d}"
        _write(content / "meetings" / body / f"{day}.md", _meeting(rng, day))
    for index in range(n_decisions):
        year = 2017 + index * 10 // max(n_decisions, 1)
        _write(content / "registers/decisions" / f"{year}-{index:05d}.md",
               f"---\nreference: \"{year}/{index:05d}\"\ntitle: Decision {index}\n"
               f"date: {year}-{1 + index % 12:02d}-{1 + index % 27:02d}\n"
               "decision_maker: Police and Crime Commissioner\n"
               f"value: {rng.randint(1000, 900000)}\nsignificant_public_interest: false\n"
               f"---\n## Background\n\n{_sentence(rng, 40)}\n\n## Decision\n\n"
               f"{_sentence(rng, 20)}\n")
    number = 0
    for month in range(n_months):
        year, mon = 2017 + month // 12, 1 + month % 12
        rows = []
        for _ in range(1000):
            number += 1
            rows.append(f"PCC,Estates,{1 + number % 28:02d}/{mon:02d}/{year},Supplier "
                        f"{rng.randint(1, 400)} Ltd,{rng.choice(WORDS)} services,"
                        f"{rng.choice(WORDS).title()},\"£{rng.randint(501, 90000):,}.00\","
                        f"B-{number:07d},Framework price\n")
        _write(content / "registers/spending" / f"{year}-{mon:02d}.csv",
               SPEND_HEADER + "".join(rows))
    _write(content / "registers/spending/index.md",
           "---\ntitle: Spending over £500\n---\nFictional.\n")


def _fix_plain_links(text: str, total: int) -> str:
    import re

    return re.sub(r"\(\.\./section-(\d{5})\.md\)",
                  lambda m: f"(../section-{int(m.group(1)) % 20:02d}/page-{m.group(1)}.md)",
                  text)


def _role(rng: random.Random, index: int, boss: str | None, *, senior: bool) -> str:
    grade = 9 if senior else rng.randint(0, 5)
    lines = [f"title: Role {index}", f"grade: G{grade}", "fte: 1",
             "politically_restricted: true", f"senior: {'true' if senior else 'false'}"]
    if boss:
        lines.append(f"reports_to: {boss}")
    if senior:
        lines += [f"postholder: Person {index}", f"salary: {65000 + index}"]
    duties = "\n".join(f"{i}. {_sentence(rng, 15)}" for i in range(1, 9))
    return ("---\n" + "\n".join(lines) + "\n---\n## Job purpose\n\n" + _sentence(rng, 30)
            + "\n\n## Main responsibilities\n\n" + duties + "\n")


def _meeting(rng: random.Random, day: str) -> str:
    items = "".join(f"  - title: Item {i}\n    minute: {_sentence(rng, 25)}\n"
                    for i in range(1, 7))
    status = "held" if day < "2026-11-23" else "scheduled"
    return (f"---\ndate: {day}T10:00\nend: {day}T12:00\nlocation: Civic House\n"
            f"status: {status}\nattendance:\n  present: [A Member]\nagenda:\n" + items
            + ("minutes_status: approved\n" if status == "held" else "") + "---\n"
            + (_sentence(rng, 60) if status == "held" else "") + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["plain", "opcc"])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--pages", type=int, default=4000)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    if args.kind == "plain":
        write_plain(args.dir, args.pages)
    else:
        write_opcc(args.dir, args.scale)


if __name__ == "__main__":
    main()
