"""serve's incremental builder, edit after edit, against a clean build of the same files.

One preview session on a copy of the example site goes through the edits an editor makes:
each kind of content, drafts, new and deleted files, settings, templates, a broken edit
and its fix. After every edit the files written (except the search index, refreshed
separately), the problems reported and the duty check (statuses, click depths, their
problems) must equal a clean build's, byte for byte; and edits that touch one area must
not re-render pages of another.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, TODAY, copy_example

from generator.build import BuildOptions, build
from generator.serve.incremental import IncrementalBuilder
from generator.summary import check_json

Edit = Callable[[Path], None]


def _replace(rel: str, old: str, new: str) -> Edit:
    def edit(site: Path) -> None:
        path = site / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _write(rel: str, text: str) -> Edit:
    def edit(site: Path) -> None:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return edit


def _delete(rel: str) -> Edit:
    return lambda site: (site / rel).unlink()


def _template(site: Path) -> None:
    target = site / "templates/layouts/page.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (REPO / "templates/layouts/page.html").read_text(encoding="utf-8")
    head, _, tail = text.rpartition("{% endblock %}")  # inside the block: shown
    target.write_text(head + "<p>{{ site.pages | length }} pages.</p>\n{% endblock %}" + tail,
                      encoding="utf-8")


def _section(site: Path) -> None:
    _write(SECTION, "---\ntitle: Guides\n---\nOur guides.\n")(site)
    _write(CHILD, "---\ntitle: First guide\nsummary: How to ask us for information.\n---\n"
                  "Write to us.\n")(site)


COMMISSIONER = "content/about-the-commissioner.md"
CONTACT = "content/contact.md"
ROLE = "content/staff/roles/business-support-officer.md"
MEETING = "content/meetings/joint-audit-committee/2026-07-21.md"
DECISION = "content/registers/decisions/2026-004.md"
PANEL = "content/meetings/police-and-crime-panel/2026-02-03.md"  # decision 2026-004's
GIFTS = "content/registers/gifts-and-hospitality.yml"
SECTION, CHILD = "content/guides/index.md", "content/guides/first.md"
# They list every page and dataset; the home page lists the recently updated pages.
WHOLE_SITE = {"/", "/data/", "/publication-scheme/"}
SPENDING = "content/registers/spending/2026-10.csv"

# (name, edit, pages that may be re-rendered: None = any)
EDITS: list[tuple[str, Edit, Callable[[str], bool] | None]] = [
    ("page body", _replace(COMMISSIONER, "## ", "A new paragraph.\n\n## "),
     lambda p: p == "/about-the-commissioner/"),
    ("page body with a broken link", _replace(
        COMMISSIONER, "A new paragraph.", "A [link](missing-page.md) that goes nowhere."),
     None),
    ("broken link fixed", _replace(COMMISSIONER, "missing-page.md", "contact.md"), None),
    # Links into another page's headings are checked in the HTML: renaming the heading
    # breaks a link on a page that was not rendered again.
    ("a link to a heading", _replace(COMMISSIONER, "A [link](contact.md)",
                                     "A [link](contact.md#visiting-us)"),
     lambda p: p == "/about-the-commissioner/"),
    ("the heading renamed", _replace(CONTACT, "## Visiting us", "## Visiting the office"),
     None),
    ("the heading restored", _replace(CONTACT, "## Visiting the office", "## Visiting us"),
     None),
    ("role", _replace(ROLE, "fte: 2.2", "fte: 2.4"), lambda p: p.startswith("/staff/")),
    ("meeting minute", _replace(MEETING, "There were no declarations of interest.",
                                "There were no declarations of interest at all."),
     # the meeting, its neighbours (they link to it), its body's page and the index
     lambda p: p in {"/meetings/", "/meetings/joint-audit-committee/"} or p in {
         f"/meetings/joint-audit-committee/{d}/" for d in
         ("2026-03-24", "2026-07-21", "2026-10-20")}),
    ("decision", _replace(DECISION, "## Background", "## Background\n\nEdited."),
     lambda p: p.startswith("/registers/decisions/") or p.startswith("/meetings/")),
    ("gifts register row", _replace(GIFTS, "value: 65,", "value: 66,"),
     lambda p: p.startswith("/registers/")),
    # The data catalogue and publication scheme list every dataset with its size.
    ("spending row added", _replace(SPENDING, "Chief Constable,", "Chief Constable,Fleet,"
                                    "01/10/2026,Ashbrook Tyre & Exhaust Ltd,Tyres,Vehicle "
                                    "maintenance,£5.61,NP-2610-9999,Competitive tender\n"
                                    "Chief Constable,"),
     # the home page shows the newest month's total, and this is the newest month
     lambda p: p.startswith("/registers/") or p in WHOLE_SITE),
    ("spending month added", _write(
        "content/registers/spending/2026-11.csv",
        "Body,Service Area,Transaction Date,Supplier Name,Expense Description,Expense Type,"
        "Amount (£),Transaction Number,VFM Reason\nChief Constable,Fleet,02/11/2026,"
        "Ashbrook Tyre & Exhaust Ltd,Tyres,Vehicle maintenance,£565.61,NP-2611-0001,"
        "Competitive tender\n"), None),
    # A page shows its ancestors' titles, its children's titles and summaries, the home
    # page its cards' summaries: a new title re-renders those pages, not every page.
    ("page title", _replace(COMMISSIONER, "title: About the Commissioner and Deputy",
                            "title: About the Commissioner and the Deputy"),
     lambda p: p in {"/", "/about-the-commissioner/", *WHOLE_SITE}),
    ("section with a page added", _section, None),
    ("child page renamed", _replace(CHILD, "title: First guide", "title: The first guide"),
     lambda p: p in {"/guides/", "/guides/first/", *WHOLE_SITE}),
    ("child summary changed", _replace(CHILD, "summary: How to", "summary: A guide to how to"),
     lambda p: p in {"/guides/", "/guides/first/", *WHOLE_SITE}),
    ("section page renamed", _replace(SECTION, "title: Guides", "title: Our guides"),
     lambda p: p in {"/guides/", "/guides/first/", *WHOLE_SITE}),
    ("new page", _write("content/new-page.md",
                        "---\ntitle: A new page\n---\nLinks to [contact](contact.md).\n"),
     None),
    ("page made a draft", _replace("content/new-page.md", "title: A new page",
                                   "title: A new page\ndraft: true"), None),
    ("page deleted", _delete("content/new-page.md"), None),
    ("a broken edit", _replace(ROLE, "grade: S5", "grade: [S5"), None),
    ("the broken edit fixed", _replace(ROLE, "grade: [S5", "grade: S5"), None),
    # Pages and the menu that link to a page that fails to load report nothing of it;
    # fixed, the links to it work again.
    ("a linked page broken", _replace("content/contact.md", "title: Contact us",
                                      "title: Contact: us"), None),
    ("the linked page fixed", _replace("content/contact.md", "title: Contact: us",
                                       "title: Contact us"), None),
    # A decision's meeting that fails to load: only the meeting's own error. Deleted, the
    # decision's "not a published meeting" is reported (serve notes what failed to load).
    ("a decision's meeting broken", _replace(PANEL, "status: held", "status: [held"), None),
    ("the broken meeting deleted", _delete(PANEL), None),
    ("the meeting restored", _write(PANEL, (REPO / PANEL).read_text(encoding="utf-8")), None),
    ("publication scheme introduction", _write(
        "content/publication-scheme.md",
        "---\ntitle: Our publication scheme\n---\nHow to ask for information.\n"), None),
    ("file added", _write(
        "content/meetings/joint-audit-committee/papers/extra-note.txt", "A short note.\n"),
     None),
    ("file linked", _replace(COMMISSIONER, "A [link](contact.md#visiting-us)", "A [note]("
                             "meetings/joint-audit-committee/papers/extra-note.txt)"), None),
    ("settings", _replace("site.yml", "{title: Contact, link: contact.md}",
                          "{title: Contact us, link: contact.md}"), None),
    ("template", _template, None),
    # The site's own template reads the site model freely: every page counts its pages.
    ("new page with the site's own templates", _write(
        "content/another-page.md", "---\ntitle: Another page\n---\nText.\n"), None),
    ("message catalogue", _write("templates/messages/en.yml", "contact_us: Get in touch\n"),
     None),
    ("message catalogue again", _write("templates/messages/en.yml",
                                       "contact_us: Write to us\n"), None),
]


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith("pagefind/")}


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, IncrementalBuilder]:
    root = tmp_path_factory.mktemp("edits")
    site = copy_example(root)
    builder = IncrementalBuilder(site, root / "serve", BuildOptions(today=TODAY))
    assert builder.build().written
    return site, builder


@pytest.mark.parametrize("name,edit,allowed", EDITS, ids=[e[0] for e in EDITS])
def test_each_edit_gives_what_a_clean_build_gives(
        session: tuple[Path, IncrementalBuilder], tmp_path: Path, name: str, edit: Edit,
        allowed: Callable[[str], bool] | None) -> None:
    site, builder = session
    edit(site)
    datasets = builder.sections.datasets
    encoded, reused = datasets.encoded, datasets.reused
    result = builder.build()
    clean = build(site, tmp_path / "clean", today=TODAY, search=False, use_cache=False,
                  workers=1, write=True)
    assert [str(p) for p in result.problems] == [str(p) for p in clean.problems], name
    assert result.written == clean.written
    # the duty check too: statuses, evidence, due dates, click depths and their problems
    assert result.duties is not None and clean.duties is not None, name
    assert [str(p) for p in result.duties.problems] == \
        [str(p) for p in clean.duties.problems], name
    assert result.duties.depths == clean.duties.depths and clean.duties.depths, name
    assert check_json(result.duties, result.problems) == \
        check_json(clean.duties, clean.problems), name
    if not clean.written:
        return
    assert _tree(builder.out_dir) == _tree(tmp_path / "clean"), name
    if allowed is not None:
        assert builder.rendered_paths, name
        outside = [p for p in builder.rendered_paths if not allowed(p)]
        assert outside == [], name
    if name == "spending row added":  # only the edited month is made again: its files
        # encoded, the twelve other spending months and the card month kept whole
        # (SiteInput.reuse: neither made nor their datasets looked up)
        assert (datasets.encoded - encoded, datasets.reused - reused) == (1, 0)
        assert len([k for k in builder.sections.kept if k.startswith("spending:")]) == 14


def test_an_unchanged_rebuild_renders_nothing_and_reruns_no_section(
        session: tuple[Path, IncrementalBuilder]) -> None:
    _site, builder = session
    assert builder.build().written
    assert builder.rendered_paths == [] and builder.sections.ran == []
