"""The bad-input corpus: broken sites must fail cleanly and leave the last good site alone.

Every folder in tests/hostile/ (except _baseline) is a bad commit to a good site: its
files are laid over a copy of tests/hostile/_baseline/ and the CLI builds the result
into a copy of the baseline's own output. Each case must exit with its code (1 unless
expected.txt says otherwise), print the exact first error line from expected.txt
naming the file (and the line, where the problem has one), print no traceback, and
leave the previous _site byte-for-byte unchanged with no staging folder left over.

Cases that cannot live in git (a 50 MB file, symlinks pointing out of the folder)
are made at test time by the functions in GENERATED. Add a case by adding a folder;
see tests/hostile/README.md.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

HOSTILE = Path(__file__).resolve().parent / "hostile"
BASELINE = HOSTILE / "_baseline"

# Problems about a whole file have no line to name: its name, where a link points, or
# the address it would be published at.
WHOLE_FILE_PROBLEMS = ("cannot be used in a web address", "this link points outside",
                       "would be published at", "cannot be shown or used in a web address")


def _huge_file(site: Path) -> None:
    """A 50 MB finance export: refused by size before it is read into memory."""
    row = b"2026-04-01,Acme Supplies Ltd,Stationery and office equipment,1234.56\n"
    with (site / "content" / "spending-2026.csv").open("wb") as handle:
        handle.write(b"date,supplier,description,amount\n")
        handle.write(row * (50 * 1024 * 1024 // len(row) + 1))


def _symlinked_file_outside(site: Path) -> None:
    private = site.parent / "private"
    private.mkdir(exist_ok=True)
    (private / "passwords.md").write_text("---\ntitle: Passwords\n---\nhunter2\n")
    (site / "content" / "notes.md").symlink_to(private / "passwords.md")


def _symlinked_folder_outside(site: Path) -> None:
    private = site.parent / "private"
    (private / "hr").mkdir(parents=True, exist_ok=True)
    (private / "hr" / "grievance.md").write_text("---\ntitle: Grievance\n---\nConfidential.\n")
    (site / "content" / "hr").symlink_to(private / "hr", target_is_directory=True)


def _symlink_to_site_folder(site: Path) -> None:
    (site / "content" / "up").symlink_to("..", target_is_directory=True)


def _latin1_file_name(site: Path) -> None:
    """A name saved by a Windows tool in Latin-1: not valid UTF-8, so not printable."""
    name = os.path.join(os.fsencode(site / "content"), b"caf\xe9-menu.md")
    with open(name, "wb") as handle:
        handle.write(b"---\ntitle: Menu\n---\n")


def _newline_in_file_name(site: Path) -> None:
    (site / "content" / "minutes\nfinal.md").write_text("---\ntitle: Minutes\n---\n")


GENERATED: dict[str, tuple[Callable[[Path], None], str]] = {
    "file-name-not-utf8": (_latin1_file_name,
                           "content/caf?-menu.md: this name has characters that cannot be shown "
                           "or used in a web address. Hint: rename it with lower-case letters, "
                           "digits and hyphens."),
    "file-name-with-newline": (_newline_in_file_name,
                               "content/minutes?final.md: this name has characters that cannot "
                               "be shown or used in a web address. Hint: rename it with "
                               "lower-case letters, digits and hyphens."),
    "huge-file-50mb": (_huge_file,
                       "content/spending-2026.csv, line 1: the file is too large (50 MB). Hint: "
                       "split it into smaller files (e.g. one per month)."),
    "symlinked-file-outside": (_symlinked_file_outside,
                               "content/notes.md: this link points outside the content folder. "
                               "Hint: copy the file into content/ instead of linking to it."),
    "symlinked-folder-outside": (_symlinked_folder_outside,
                                 "content/hr: this link points outside the content folder. "
                                 "Hint: copy the file into content/ instead of linking to it."),
    "symlink-to-site-folder": (_symlink_to_site_folder,
                               "content/up: this link points outside the content folder. "
                               "Hint: copy the file into content/ instead of linking to it."),
}


def folder_cases() -> list[str]:
    return sorted(p.name for p in HOSTILE.iterdir() if p.is_dir() and not p.name.startswith("_"))


def tree_hash(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` with a hash of its bytes."""
    return {p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest()
                                              if p.is_file() else "folder")
            for p in sorted(root.rglob("*"))}


def run_build(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--today", "2026-11-23",
         "--source", str(source), "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=300, cwd=source)


def first_error(stderr: str) -> str:
    """The first located error the editor sees (or the CLI's one-line error)."""
    lines = stderr.splitlines()
    for line in lines:
        if line.startswith("  error: "):
            return line[len("  error: "):]
    for line in lines:
        if line.startswith("Error: "):
            return line[len("Error: "):]
    return lines[0] if lines else ""


def read_expected(case: str) -> tuple[str, list[str], int]:
    """expected.txt: the exact first error line, then optional extra lines that must
    appear in the output; ``exit code: N`` overrides the default of 1; # comments."""
    lines = [line for line in (HOSTILE / case / "expected.txt").read_text(
        encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    code = 1
    for line in list(lines):
        match = re.fullmatch(r"exit code: (\d)", line.strip())
        if match:
            code = int(match.group(1))
            lines.remove(line)
    return lines[0], lines[1:], code


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The baseline built once: the "last good _site" every case must leave alone."""
    out = tmp_path_factory.mktemp("baseline") / "_site"
    proc = run_build(BASELINE, out)
    assert proc.returncode == 0, proc.stderr
    return out, tree_hash(out)


@dataclass
class Outcome:
    returncode: int
    stderr: str
    site_unchanged: bool
    leftovers: list[str]


def _attack(prepare: Callable[[Path], None], tmp_path: Path,
            previous: tuple[Path, dict[str, str]]) -> Outcome:
    """Lay the hostile files over the good site and build into the last good _site."""
    site = tmp_path / "site"
    shutil.copytree(BASELINE, site, symlinks=True)
    prepare(site)
    out = tmp_path / "_site"
    shutil.copytree(previous[0], out)
    proc = run_build(site, out)
    return Outcome(proc.returncode, proc.stderr + proc.stdout, tree_hash(out) == previous[1],
                   sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")))


def _overlay(case: str) -> Callable[[Path], None]:
    return lambda site: shutil.copytree(HOSTILE / case, site, symlinks=True, dirs_exist_ok=True,
                                        ignore=shutil.ignore_patterns("expected.txt"))


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory,
             previous_site: tuple[Path, dict[str, str]]) -> dict[str, Outcome]:
    """Every case built once, several at a time (each build is its own process)."""
    jobs = {case: _overlay(case) for case in folder_cases()}
    jobs.update({case: prepare for case, (prepare, _) in GENERATED.items()})
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {case: pool.submit(_attack, prepare, tmp_path_factory.mktemp(case),
                                     previous_site) for case, prepare in jobs.items()}
        return {case: future.result() for case, future in futures.items()}


def _assert_clean_failure(case: str, outcome: Outcome, first: str, code: int) -> None:
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.returncode == code, outcome.stderr
    assert first_error(outcome.stderr) == first, outcome.stderr
    assert _names_file_and_line(first), f"{case}: the message must name the file and line"
    assert outcome.site_unchanged, f"{case}: the previous _site was changed"
    assert outcome.leftovers == [], f"{case}: a staging folder was left behind"


def _names_file_and_line(line: str) -> bool:
    located = re.match(r"^(content/[^,:]+|site\.yml), line \d+[,:]", line)
    whole_file = re.match(r"^content/[^,:]+: ", line) and any(
        kind in line for kind in WHOLE_FILE_PROBLEMS)
    return bool(located or whole_file)


@pytest.mark.parametrize("case", folder_cases())
def test_hostile_folder_fails_cleanly(case: str, outcomes: dict[str, Outcome]) -> None:
    first, others, code = read_expected(case)
    _assert_clean_failure(case, outcomes[case], first, code)
    for line in others:
        assert line in outcomes[case].stderr, outcomes[case].stderr


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_generated_hostile_case_fails_cleanly(case: str, outcomes: dict[str, Outcome]) -> None:
    _assert_clean_failure(case, outcomes[case], GENERATED[case][1], 1)


def test_every_folder_case_has_an_expectation() -> None:
    cases = folder_cases()
    assert len(cases) >= 40
    missing = [c for c in cases if not (HOSTILE / c / "expected.txt").is_file()]
    assert missing == []
    assert not set(cases) & set(GENERATED)
