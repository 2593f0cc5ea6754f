"""``transparency new``: every kind builds, nothing is overwritten, rows are appended.

Run twice: with the real ``CONTENT_TYPES`` of this branch (whatever it holds) and with
stand-in types shaped like the design's roles, meetings and registers (fake_types).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL_SITE_YML, TODAY, SiteFactory
from fake_types import install
from field_keys import all_keys

from generator.authoring.fieldref import editor_fields, row_docs
from generator.authoring.scaffold import content_type_for, new, scaffold_named
from generator.authoring.scaffolds import SCAFFOLDS, Scaffold, ScaffoldError
from generator.build import BuildResult
from generator.cli import main

Builder = Callable[..., BuildResult]
GIVEN = {"title": "Chief of Staff", "name": "Rebecca Ashworth", "body": "test-board",
         "date": "2026-12-09", "reference": "2026/014"}
BODY_PAGE = "---\ntitle: Test board\n---\nWhat the board does.\n"


@pytest.fixture(params=["this-branch", "stand-in-types"])
def types(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "stand-in-types":
        install(monkeypatch)
    return str(request.param)


def _prepare(site: Path, scaffold: Scaffold) -> None:
    """A meeting needs its body: create it the way an editor would."""
    if scaffold.name != "meeting":
        return
    body = scaffold_named("body")
    if content_type_for(body) is not None:
        new(site, body, {"title": "Test board"}, today=TODAY)
    else:
        (site / "content/meetings/test-board").mkdir(parents=True)
        (site / "content/meetings/test-board/index.md").write_text(BODY_PAGE)


@pytest.mark.parametrize("scaffold", SCAFFOLDS, ids=lambda s: s.name)
def test_every_kind_builds_or_says_it_is_not_available(
        types: str, scaffold: Scaffold, make_site: SiteFactory, build_site_at: Builder) -> None:
    site = make_site()
    content_type = content_type_for(scaffold)
    if content_type is None:
        with pytest.raises(ScaffoldError, match="is not available yet") as refused:
            new(site, scaffold, GIVEN, today=TODAY)
        assert refused.value.exit_code == 1
        assert list((site / "content").rglob("*")) == [site / "content/index.md"]
        return
    _prepare(site, scaffold)
    created = new(site, scaffold, GIVEN, today=TODAY)
    assert created.action in {"created", "appended"}
    text = (site / "content" / created.rel).read_text(encoding="utf-8")
    docs = row_docs(content_type) if scaffold.rows else editor_fields(content_type)
    for key in all_keys(docs):
        if key != "type":
            assert f"{key}:" in text, f"field {key} is missing from the new {scaffold.name}"
    assert "draft: true  # delete this line when it is ready to publish" in text
    result = build_site_at(site)
    assert [str(p) for p in result.errors] == []
    assert created.rel in result.site.loaded.withheld or scaffold.rows  # type: ignore[union-attr]


def test_page_in_the_right_place_that_publishes_once_draft_is_deleted(
        make_site: SiteFactory, build_site_at: Builder, tmp_path: Path) -> None:
    site = make_site()
    created = new(site, scaffold_named("page"), {"title": "Our history"}, today=TODAY)
    assert created.rel == "our-history.md"
    path = site / "content/our-history.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n# A free page, started with `transparency new page`.")
    assert "\ntitle: Our history  # required. The page heading" in text
    assert "\nclass:  # optional. Where the page sits in the publication scheme" in text
    assert "One of: who-we-are, what-we-spend," in text
    path.write_text(text.replace("draft: true  # delete this line when it is ready to publish\n",
                                 ""), encoding="utf-8")
    result = build_site_at(site, out_dir=tmp_path / "out")
    assert result.errors == [] and result.written
    page = (tmp_path / "out/our-history/index.html").read_text(encoding="utf-8")
    assert "Our history</h1>" in page


def test_never_overwrites(make_site: SiteFactory) -> None:
    site = make_site({"content/our-history.md": "---\ntitle: Mine\n---\nKeep me.\n"})
    with pytest.raises(ScaffoldError, match="already exists; nothing was changed") as refused:
        new(site, scaffold_named("page"), {"title": "Our history"}, today=TODAY)
    assert refused.value.exit_code == 1
    assert (site / "content/our-history.md").read_text() == "---\ntitle: Mine\n---\nKeep me.\n"


def test_slugs_and_folders(make_site: SiteFactory) -> None:
    site = make_site()
    created = new(site, scaffold_named("page"), {"title": "Records", "slug": "policies/records"},
                  today=TODAY)
    assert created.rel == "policies/records.md"
    with pytest.raises(ScaffoldError, match="'Bad Name' cannot be used in a file name. "
                                            "Hint: use lower-case words joined by hyphens, "
                                            "e.g. bad-name") as bad:
        new(site, scaffold_named("page"), {"title": "X", "slug": "Bad Name"}, today=TODAY)
    assert bad.value.exit_code == 2


def test_without_a_terminal_the_flags_are_required(make_site: SiteFactory) -> None:
    site = make_site()
    with pytest.raises(ScaffoldError) as refused:
        new(site, scaffold_named("page"), {}, today=TODAY, ask=None)
    assert refused.value.exit_code == 2
    assert str(refused.value) == ("'transparency new page' needs --title (title), e.g. "
                                  'transparency new page --title "…"')


def test_at_a_terminal_it_asks(make_site: SiteFactory) -> None:
    site = make_site()
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return "Our values"

    created = new(site, scaffold_named("page"), {}, today=TODAY, ask=ask)
    assert asked == ["Title: "] and created.rel == "our-values.md"


def test_cli_new(make_site: SiteFactory, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site()
    args = ["new", "page", "--source", str(site), "--today", "2026-11-23"]
    assert main([*args, "--title", "Our history"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("Created content/our-history.md (a free page).\n")
    assert "delete the line `draft: true` to publish" in err
    assert main([*args, "--title", "Our history"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(args) == 2, "stdin is not a terminal under pytest: flags are required"
    assert "needs --title" in capsys.readouterr().err
    assert main(["new", "nonsense", "--source", str(site)]) == 2


# ----------------------------------------------------------------- with stand-in types


@pytest.fixture
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)


@pytest.mark.usefixtures("stand_ins")
def test_meeting_needs_an_existing_body_and_a_date(make_site: SiteFactory) -> None:
    site = make_site({"content/meetings/police-and-crime-panel/index.md": BODY_PAGE})
    meeting = scaffold_named("meeting")
    with pytest.raises(ScaffoldError, match="there is no meeting body 'police-and-crime-pannel' "
                                            "in content/meetings/. Hint: did you mean "
                                            "'police-and-crime-panel'?") as unknown:
        new(site, meeting, {"body": "police-and-crime-pannel", "date": "2026-12-09"},
            today=TODAY)
    assert unknown.value.exit_code == 2
    for wrong in ("12/31/2026", "next Tuesday", "2026-02-30"):  # US order, words, no such day
        with pytest.raises(ScaffoldError, match=f"'{wrong}' is not a date: write YYYY-MM-DD or "
                                                "DD/MM/YYYY"):
            new(site, meeting, {"body": "police-and-crime-panel", "date": wrong}, today=TODAY)
    created = new(site, meeting, {"body": "police-and-crime-panel", "date": "2026-12-09"},
                  today=TODAY)
    assert created.rel == "meetings/police-and-crime-panel/2026-12-09.md"
    assert "\ndate: 2026-12-09T10:00  # required." in created.text
    assert created.notes == ['The time in "date" is set to 10:00: change it if needed.']
    with pytest.raises(ScaffoldError, match="already exists"):
        new(site, meeting, {"body": "police-and-crime-panel", "date": "2026-12-09"}, today=TODAY)
    second = new(site, meeting, {"body": "police-and-crime-panel", "date": "2026-12-09T18:30",
                                 "slug": "extraordinary"}, today=TODAY)
    assert second.rel == "meetings/police-and-crime-panel/2026-12-09-extraordinary.md"
    assert "\ndate: 2026-12-09T18:30  #" in second.text and second.notes == []
    # UK dates, as the validator accepts them in a file, and written in ISO
    third = new(site, meeting, {"body": "police-and-crime-panel", "date": "10/12/2026 9:15",
                                "slug": "uk"}, today=TODAY)
    assert third.rel == "meetings/police-and-crime-panel/2026-12-10-uk.md"
    assert "\ndate: 2026-12-10T09:15  #" in third.text
    fourth = new(site, meeting, {"body": "police-and-crime-panel", "date": "3/2/2027"},
                 today=TODAY)
    assert fourth.rel == "meetings/police-and-crime-panel/2027-02-03.md"


@pytest.mark.usefixtures("stand_ins")
def test_meeting_asks_for_body_and_date_at_a_terminal(make_site: SiteFactory) -> None:
    site = make_site({"content/meetings/joint-audit-committee/index.md": BODY_PAGE})
    answers = iter(["joint-audit-committee", "2027-01-20"])
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    created = new(site, scaffold_named("meeting"), {}, today=TODAY, ask=ask)
    assert prompts == ["Meeting body (its folder in content/meetings/) [joint-audit-committee]: ",
                       "Date (YYYY-MM-DD or DD/MM/YYYY): "]
    assert created.rel == "meetings/joint-audit-committee/2027-01-20.md"


GIFTS = """\
# Gifts and hospitality register.
entries:
  - {date: 2025-11-06, recipient: Rebecca Ashworth, value: 65, status: accepted}
  - {date: 2025-11-13, recipient: Daniel Mensah, value: 25.50, status: declined}
"""


@pytest.mark.usefixtures("stand_ins")
def test_gift_is_appended_to_the_yaml_register(make_site: SiteFactory,
                                               build_site_at: Builder) -> None:
    site = make_site({"content/registers/gifts-and-hospitality.yml": GIFTS})
    register = site / "content/registers/gifts-and-hospitality.yml"
    first = new(site, scaffold_named("gift"), {}, today=TODAY)
    assert first.action == "appended" and first.notes == ["The new entry starts at line 6."]
    second = new(site, scaffold_named("gift"), {"date": "2026-11-20"}, today=TODAY)
    text = register.read_text(encoding="utf-8")
    assert text.startswith(GIFTS), "the existing entries are left exactly as they were"
    assert text[len(GIFTS):].splitlines()[:3] == [
        "  # New entry added by `transparency new gift` on 2026-11-23: fill in each value, "
        "then delete `draft: true`.",
        "  - date: 2026-11-23  # required. When it was offered. Date, YYYY-MM-DD or DD/MM/YYYY.",
        "    recipient: FILL IN  # required. Who was offered it.",
    ]
    entries = yaml.safe_load(text)["entries"]
    assert len(entries) == 4
    assert entries[2]["draft"] is True and str(entries[3]["date"]) == "2026-11-20"
    assert second.notes == [f"The new entry starts at line {6 + len(first.text.splitlines())}."]
    assert build_site_at(site).errors == []


@pytest.mark.usefixtures("stand_ins")
def test_gift_register_is_created_when_missing(make_site: SiteFactory,
                                               build_site_at: Builder) -> None:
    site = make_site()
    created = new(site, scaffold_named("gift"), {}, today=TODAY)
    assert created.action == "created"
    text = (site / "content/registers/gifts-and-hospitality.yml").read_text(encoding="utf-8")
    assert text.startswith("# The gifts and hospitality register: one entry per item.\n")
    assert "\nentries:\n  # New entry added by `transparency new gift`" in text
    assert len(yaml.safe_load(text)["entries"]) == 1
    assert build_site_at(site).errors == []


@pytest.mark.usefixtures("stand_ins")
def test_register_laid_out_otherwise_is_left_alone(make_site: SiteFactory) -> None:
    layout = "entries: []\n# nothing yet\n"
    site = make_site({"content/registers/gifts-and-hospitality.yml": layout})
    with pytest.raises(ScaffoldError, match="Add this entry to the list yourself:\n  - date: "):
        new(site, scaffold_named("gift"), {}, today=TODAY)
    assert (site / "content/registers/gifts-and-hospitality.yml").read_text() == layout


@pytest.mark.usefixtures("stand_ins")
def test_expense_for_a_csv_register_prints_the_row(make_site: SiteFactory) -> None:
    csv_text = "Date,person,Amount (£)\n2025-11-04,Rebecca Ashworth,17.10\n"
    site_yml = MINIMAL_SITE_YML + textwrap.dedent("""\
        registers:
          columns:
            Date: date
            "Amount (£)": amount
        """)
    site = make_site({"content/registers/expenses.csv": csv_text}, site_yml=site_yml)
    created = new(site, scaffold_named("expense"), {"date": "2026-11-02"}, today=TODAY)
    assert created.action == "printed"
    assert (site / "content/registers/expenses.csv").read_text() == csv_text
    assert "content/registers/expenses.csv is a CSV export, so nothing was changed" in created.text
    assert "\nDate,person,Amount (£)\n2026-11-02,FILL IN,0\n" in created.text
    assert "  Amount (£): required. How much, in pounds." in created.text


@pytest.mark.usefixtures("stand_ins")
def test_interests_file_named_after_the_person(make_site: SiteFactory,
                                               build_site_at: Builder) -> None:
    site = make_site()
    created = new(site, scaffold_named("interests"), {"name": "Daniel Mensah"}, today=TODAY)
    assert created.rel == "registers/interests/daniel-mensah.yml"
    data = yaml.safe_load(created.text)
    assert data["person"] == "Daniel Mensah" and len(data["interests"]) == 1
    assert build_site_at(site).errors == []


@pytest.mark.usefixtures("stand_ins")
def test_each_scaffold_finds_the_type_it_expects_by_its_path() -> None:
    found = {s.name: (content_type_for(s).name if content_type_for(s) else None)
             for s in SCAFFOLDS}
    assert found == {"page": "page", "role": "fake-role", "body": "fake-meeting-body",
                     "meeting": "fake-meeting", "decision": None, "interests": "fake-interests",
                     "gift": "fake-gifts-and-hospitality", "expense": "fake-expenses",
                     "contract": "fake-contracts"}


@pytest.mark.usefixtures("stand_ins")
def test_rules_across_fields_get_example_values(make_site: SiteFactory,
                                                build_site_at: Builder) -> None:
    """"An awarded contract needs its supplier": the optional supplier gets a placeholder."""
    site = make_site()
    created = new(site, scaffold_named("contract"), {"title": "Fleet maintenance"}, today=TODAY)
    entry = yaml.safe_load(created.text)["entries"][0]
    assert entry["title"] == "Fleet maintenance" and entry["stage"] == "awarded"
    assert entry["supplier"] == "FILL IN"
    assert build_site_at(site).errors == []
