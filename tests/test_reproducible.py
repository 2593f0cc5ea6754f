"""Two builds of the same content are byte-identical, whatever the machine.

The same site is laid out twice (files created in opposite orders) and built in
separate processes that differ in everything a build must not depend on: the time zone
(UTC against UTC+14, with file dates chosen so the local calendar day differs), the
hash seed, the locale and the order in which the file system lists folders (listings
are shuffled with different seeds). Dates come either from git (the same commit in
two clones) or from file times.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "hostile" / "_baseline"
# 2026-03-01 12:00 UTC is already 2 March in Kiritimati (UTC+14).
STAMP = 1772366400

EXTRA: dict[str, str] = {
    # Equal nav_order and titles differing only in case: ordering must not rely on luck.
    **{f"content/plan/part-{n}.md": f"---\ntitle: {'Part' if n % 2 else 'part'} {n % 3}\n"
                                     f"nav_order: {n % 2}\n---\nPart {n}.\n" for n in range(12)},
    "content/no-date.md": "---\ntitle: Dated by git or the file\n---\nText.\n",
}

# Runs the CLI with every directory listing shuffled (seeded), so the build cannot
# depend on the order the file system happens to return.
SHUFFLED_CLI = """
import os, random, sys
rng = random.Random(int(os.environ["SHUFFLE_SEED"]))
_scandir, _listdir = os.scandir, os.listdir

class _Shuffled:
    def __init__(self, entries):
        self.entries = entries
        self._it = iter(entries)
    def __iter__(self):
        return self
    def __next__(self):
        return next(self._it)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return False
    def close(self):
        pass

def scandir(path="."):
    with _scandir(path) as it:
        entries = list(it)
    rng.shuffle(entries)
    return _Shuffled(entries)

def listdir(path="."):
    names = _listdir(path)
    rng.shuffle(names)
    return names

os.scandir, os.listdir = scandir, listdir
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _files() -> dict[str, bytes]:
    files = {p.relative_to(FIXTURE).as_posix(): p.read_bytes()
             for p in sorted(FIXTURE.rglob("*")) if p.is_file()}
    files.update({rel: text.encode() for rel, text in EXTRA.items()})
    return files


def _lay_out(root: Path, reverse: bool) -> None:
    items = sorted(_files().items(), reverse=reverse)
    for rel, data in items:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for path in sorted(root.rglob("*"), reverse=not reverse):
        os.utime(path, (STAMP, STAMP), follow_symlinks=False)


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-03-01T23:30:00+00:00",
           "GIT_COMMITTER_DATE": "2026-03-01T23:30:00+00:00", "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "editor@example.org", "GIT_CONFIG_NOSYSTEM": "1",
           "HOME": str(root.parent)}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env,
                   timeout=60)


def _build(site: Path, out: Path, tz: str, seed: str) -> None:
    env = {**os.environ, "TZ": tz, "PYTHONHASHSEED": seed, "SHUFFLE_SEED": seed,
           "LC_ALL": "C.UTF-8" if seed == "1" else "C", "PYTHONWARNINGS": "ignore",
           "PYTHONPATH": str(HERE.parent)}
    proc = subprocess.run([sys.executable, "-c", SHUFFLED_CLI, "build", "--today", "2026-11-23",
                           "--source", str(site), "--out", str(out)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr


def tree_hash(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("dates", ["file times", "git"])
def test_builds_are_byte_identical_across_time_zones_seeds_and_listing_order(
        dates: str, tmp_path: Path) -> None:
    if dates == "git" and shutil.which("git") is None:
        pytest.skip("git is not installed")
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    _lay_out(one, reverse=False)
    if dates == "git":
        _git(one, "init", "-q")
        _git(one, "add", "-A")
        _git(one, "commit", "-q", "-m", "Content")
        subprocess.run(["git", "clone", "-q", str(one), str(two)], check=True,
                       capture_output=True, timeout=60)
    else:
        two.mkdir()
        _lay_out(two, reverse=True)
    _build(one, tmp_path / "out-one", tz="UTC", seed="1")
    _build(two, tmp_path / "out-two", tz="Pacific/Kiritimati", seed="2")
    first, second = tree_hash(tmp_path / "out-one"), tree_hash(tmp_path / "out-two")
    assert len(first) > 20
    assert first == second
    # The file dates really were on different local days in the two time zones.
    no_date = (tmp_path / "out-two" / "no-date" / "index.html").read_text()
    assert "1 March 2026" in no_date


def _copy_example(root: Path, reverse: bool) -> None:
    """The repository's example site (site.yml, content/, templates/), files created in
    sorted or reverse order, every file time the same."""
    repo = HERE.parent
    files = [repo / "site.yml", *(p for folder in ("content", "templates")
                                  for p in (repo / folder).rglob("*") if p.is_file())]
    for path in sorted(files, reverse=reverse):
        target = root / path.relative_to(repo)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    for path in sorted(root.rglob("*"), reverse=not reverse):
        os.utime(path, (STAMP, STAMP), follow_symlinks=False)


def test_the_example_site_with_search_is_byte_identical_across_machines(
        tmp_path: Path) -> None:
    """The whole example site, search index included (Pagefind's output is
    canonicalised), built twice at once in different time zones and listing orders."""
    from concurrent.futures import ThreadPoolExecutor

    one, two = tmp_path / "one", tmp_path / "two"
    _copy_example(one, reverse=False)
    _copy_example(two, reverse=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        builds = [pool.submit(_build, one, tmp_path / "out-one", "UTC", "1"),
                  pool.submit(_build, two, tmp_path / "out-two", "Pacific/Kiritimati", "2")]
        for future in builds:
            future.result()
    first, second = tree_hash(tmp_path / "out-one"), tree_hash(tmp_path / "out-two")
    assert any(path.startswith("pagefind/") and path.endswith(".pf_fragment")
               for path in first)
    assert {"meetings/meetings.ics", "feed.xml", "sitemap.xml",
            "registers/spending.csv", "staff/roles.json"} <= set(first)
    assert first == second


def test_today_is_the_sites_date_not_the_machines() -> None:
    from datetime import UTC, date, datetime

    from generator.load.dates import site_today

    # 23:30 UTC on 30 June is already 1 July in London (BST) and still 30 June in UTC.
    late_june = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    assert site_today("Europe/London", late_june) == date(2026, 7, 1)
    assert site_today("Europe/London", datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == \
        date(2026, 12, 31)
    assert site_today("Pacific/Kiritimati", late_june) == date(2026, 7, 1)


def test_without_today_the_machines_time_zone_changes_nothing(tmp_path: Path) -> None:
    """An embargo ends on the site's calendar: a build server far east of London must
    not publish tomorrow's decision today (nor one far west publish it a day late)."""
    from datetime import timedelta

    from generator.load.dates import site_today

    london = site_today("Europe/London")
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    (site / "content" / "due-today.md").write_text(
        f"---\ntitle: Due today\npublish_from: {london.isoformat()}\n---\nDUE-TODAY-MARKER\n")
    (site / "content" / "due-tomorrow.md").write_text(
        f"---\ntitle: Due tomorrow\npublish_from: {(london + timedelta(days=1)).isoformat()}\n"
        "---\nDUE-TOMORROW-MARKER\n")
    hashes = []
    for tz in ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"):
        out = tmp_path / f"out-{tz.replace('/', '-')}"
        env = {**os.environ, "TZ": tz, "PYTHONWARNINGS": "ignore"}
        proc = subprocess.run([sys.executable, "-m", "generator", "build", "--source", str(site),
                               "--out", str(out)], capture_output=True, text=True, env=env,
                              timeout=300, cwd=HERE.parent)
        assert proc.returncode == 0, proc.stderr
        assert (out / "due-today" / "index.html").is_file()
        assert not (out / "due-tomorrow").exists()
        hashes.append(tree_hash(out))
    if site_today("Europe/London") == london:  # midnight in London did not pass meanwhile
        assert hashes[0] == hashes[1] == hashes[2]
