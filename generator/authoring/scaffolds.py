"""What ``transparency new`` can start (``SCAFFOLDS``), and the checks both kinds of
scaffold share: pages and files (``scaffold.py``) and register rows (``scaffold_rows.py``).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.errors import Problem
from generator.load.config import load_config
from generator.load.dates import FileDates
from generator.load.records import load_records
from generator.load.sources import SourceFile

INPUTS = {
    "title": "Title",
    "name": "Full name of the person",
    "body": "Meeting body (its folder in content/meetings/)",
    "date": "Date (YYYY-MM-DD or DD/MM/YYYY)",
    "reference": "Decision reference, e.g. 2026/014",
}
"""Things a scaffold may ask for, each with its command-line flag ``--<input>``."""


@dataclass(frozen=True)
class Scaffold:
    """One kind of thing ``transparency new`` can start."""

    name: str
    """The word typed after ``transparency new``."""
    type_name: str
    """The content type this is expected to be (for messages; the path decides)."""
    path: str
    """Where it goes, relative to content/: {slug}, {body}, {date}, {dash_slug} are filled."""
    summary: str
    needs: tuple[str, ...] = ()
    """Inputs (keys of INPUTS) that must be given or asked for."""
    fills: dict[str, str] = field(default_factory=dict)
    """Input → the field it fills, e.g. {"name": "person"}."""
    slug_from: str | None = None
    """Input the file name is made from when --slug is not given."""
    body: str = ""
    """Markdown written under the front matter of a new .md file."""
    csv_path: str | None = None
    """Row registers: the CSV alternative of ``path`` (a finance-system export)."""

    @property
    def rows(self) -> bool:
        return self.csv_path is not None


SCAFFOLDS: list[Scaffold] = [
    Scaffold("page", "page", "{slug}.md", "a free page", ("title",), {"title": "title"},
             "title", "Write the page here, in Markdown.\n"),
    Scaffold("role", "role", "staff/roles/{slug}.md", "a role (job description)", ("title",),
             {"title": "title"}, "title",
             "## Job purpose\n\nOne paragraph: why the role exists.\n\n"
             "## Main responsibilities\n\n1. First responsibility.\n2. Second responsibility.\n\n"
             "## Person specification\n\nOptional: the skills and experience needed.\n"),
    Scaffold("body", "meeting-body", "meetings/{slug}/index.md",
             "a meeting body (a board, panel or committee)", ("title",), {"title": "title"},
             "title", "What this body does, who it reports to and how to attend.\n"),
    Scaffold("meeting", "meeting", "meetings/{body}/{date}{dash_slug}.md", "a meeting",
             ("body", "date"), {"date": "date", "title": "title"}, None,
             "The minutes, in Markdown, once the meeting has been held.\n"),
    Scaffold("decision", "decision", "registers/decisions/{slug}.md", "a decision record",
             ("reference", "title"), {"reference": "reference", "title": "title",
                                      "date": "date"}, "reference",
             "## Background\n\n## Decision\n\n## Implications\n"),
    Scaffold("interests", "interests", "registers/interests/{slug}.yml",
             "a register of interests for one person", ("name",), {"name": "person"}, "name"),
    Scaffold("gift", "gifts-and-hospitality", "registers/gifts-and-hospitality.yml",
             "an entry in the gifts and hospitality register", (), {"date": "date"},
             csv_path="registers/gifts-and-hospitality.csv"),
    Scaffold("expense", "expenses", "registers/expenses.yml",
             "an entry in the expenses register", (), {"date": "date"},
             csv_path="registers/expenses.csv"),
    Scaffold("contract", "contracts", "registers/contracts.yml",
             "an entry in the contracts register", ("title",), {"title": "title"},
             csv_path="registers/contracts.csv"),
]

SAMPLE_FILLS = {"slug": "example", "body": "example-body", "date": "2026-01-01", "dash_slug": ""}


class ScaffoldError(Exception):
    """``new`` could not go ahead; ``exit_code`` 1 (refused) or 2 (usage)."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class Created:
    """What ``new`` did: ``action`` is "created", "appended" or "printed" (CSV)."""

    rel: str
    action: str
    text: str
    notes: list[str] = field(default_factory=list)


def validate_text(site_dir: Path, rel: str, text: str, today: date) -> list[Problem]:
    """Load ``text`` as ``content/<rel>`` through the real loader; return its problems."""
    config = load_config(site_dir)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(rel).name
        path.write_text(text, encoding="utf-8")
        loaded = load_records([SourceFile(rel, path)], config, today, FileDates(Path(tmp)))
    return [p for p in loaded.problems if p.is_error]
