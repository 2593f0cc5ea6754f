"""The editors' handbook: builds with ``mkdocs build --strict`` and its field reference
lists every field of every content type (read from CONTENT_TYPES, so it cannot drift)."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from fake_types import install
from field_keys import all_keys, key_paths

from generator.authoring.fieldref import describe_model, editor_fields
from generator.authoring.handbook import (
    example_errors,
    expand_markers,
    field_reference,
    handbook_updates,
    update_markers,
)
from generator.authoring.scaffolds import SCAFFOLDS
from generator.authoring.settingsref import settings_reference
from generator.load.config import SiteConfig
from generator.load.content_types import CONTENT_TYPES


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("handbook")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                           "--config-file", str(REPO / "mkdocs.yml"), "--site-dir", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    return out


def _sections(page: str) -> dict[str, str]:
    """The HTML of each h2 section of a built page, keyed by the h2's id."""
    parts = re.split(r'(?=<h2 id=")', page)
    return {re.match(r'<h2 id="([^"]+)"', p).group(1): p  # type: ignore[union-attr]
            for p in parts[1:]}


def _codes(section: str) -> set[str]:
    return {html.unescape(c) for c in re.findall(r"<td><code>([^<]+)</code></td>", section)}


def test_every_field_of_every_content_type_is_in_the_built_reference(built: Path) -> None:
    page = (built / "reference/fields/index.html").read_text(encoding="utf-8")
    sections = _sections(page)
    shared = _codes(sections["publishing-fields"])
    assert shared == {"type", "draft", "publish_from", "updated"}
    for content_type in CONTENT_TYPES:
        section = sections[f"type-{content_type.name}"]
        fields = editor_fields(content_type)
        expected = set(all_keys([d for d in fields if not d.reserved]))
        assert expected <= _codes(section), content_type.name
        for doc in fields:
            if doc.reserved:
                assert f"<code>{doc.key}</code>" in section


def test_every_site_yml_setting_is_in_the_built_settings_reference(built: Path) -> None:
    """Every key SiteConfig accepts, nested ones included, has a row in the generated page
    (so a setting added to config.py appears in the handbook with no other change)."""
    page = (built / "reference/settings/index.html").read_text(encoding="utf-8")
    sections = _sections(page)
    for path in key_paths(describe_model(SiteConfig)):
        group = "top-level" if len(path) == 1 else "-".join(path[:-1]).replace("_", "-")
        assert group in sections, f"no section for {'.'.join(path[:-1])}"
        assert path[-1] in _codes(sections[group]), ".".join(path)
    assert "—" not in html.unescape(re.sub(r"<[^>]+>", "", page)), "a setting has no description"
    for key in ("time_zone", "recent", "not_applicable", "events", "columns", "logo",
                "brand_colour"):
        assert f"<td><code>{key}</code></td>" in page, key


def test_settings_reference_quotes_the_example_site_yml() -> None:
    text = settings_reference(REPO / "site.yml")
    assert "In the example site:" in text
    assert "  brand_colour: \"#1d4f91\"" in text  # as written, comments and quotes kept
    assert "# Events that start a deadline" in text
    assert "In the example site:" not in settings_reference(None)


def test_settings_page_quotes_the_real_brand_colour_message(tmp_path: Path) -> None:
    from generator.errors import ConfigError
    from generator.load.config import load_config

    quoted = re.search(r"^  > `(site\.yml, line \d+, field \"organisation\.brand_colour\": .+)`$",
                       (REPO / "docs/settings.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert quoted is not None
    colour = re.search(r"brand colour (#[0-9a-f]{6})", quoted.group(1))
    assert colour is not None
    example = (REPO / "site.yml").read_text(encoding="utf-8")
    (tmp_path / "site.yml").write_text(
        example.replace('brand_colour: "#1d4f91"', f'brand_colour: "{colour.group(1)}"'),
        encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert [str(p) for p in raised.value.problems] == [quoted.group(1)]


def test_every_page_is_built_and_markers_are_expanded(built: Path) -> None:
    for name in ["index", "adding-pages", "staff", "meetings", "registers", "special-pages",
                 "settings", "errors", "preview", "publishing", "law", "public-site"]:
        path = built / ("index.html" if name == "index" else f"{name}/index.html")
        text = path.read_text(encoding="utf-8")
        assert "<!-- fields:" not in text and "<!-- new:" not in text, name
        assert "example-errors" not in text and "new-kinds" not in text, name
    index = (built / "index.html").read_text(encoding="utf-8")
    for scaffold in SCAFFOLDS:
        assert f"<td><code>{scaffold.name}</code></td>" in index
    adding = (built / "adding-pages/index.html").read_text(encoding="utf-8")
    assert "transparency new page --title &quot;Our history&quot;" in adding
    assert "<td><code>nav_order</code></td>" in adding
    special = (built / "special-pages/index.html").read_text(encoding="utf-8")
    assert "<td><code>compliance_status</code></td>" in special
    assert "type-fields" not in special


def test_error_examples_in_the_handbook_are_real_messages() -> None:
    real = example_errors()
    assert "3 errors and 0 warnings in 1 file" in real
    quoted = re.search(r"^> `(.+)`$", (REPO / "docs/errors.md").read_text(encoding="utf-8"),
                       re.MULTILINE)
    assert quoted is not None
    assert quoted.group(1) in real, "the anatomy example in errors.md drifted from the real text"


def test_reference_follows_content_types_added_later(monkeypatch: pytest.MonkeyPatch) -> None:
    """After the lead merges new types, they appear with no change to the handbook."""
    install(monkeypatch)
    text = field_reference()
    assert "## Fake meeting {#type-fake-meeting}" in text
    assert "- Start one: `transparency new meeting --body \"police-and-crime-panel\" --date " \
           "\"2026-12-09\"`" in text
    assert "### Each item of `agenda`" in text and "| `exempt` | optional | text |" in text
    assert "### Inside `attendance`" in text
    assert "## Fake expenses {#type-fake-expenses}" in text
    assert "### Each item of `entries`" in text
    staff = expand_markers("<!-- fields: role -->")
    assert "| `grade` | required | text | Grade code from content/staff/pay-scales.yml. |" in staff
    assert "Not in this version yet" in expand_markers("<!-- fields: decision -->")


def test_common_problems_table_quotes_real_messages(make_site: object,
                                                    build_site_at: object) -> None:
    site = make_site({  # type: ignore[operator]
        "content/a.md": "---\ntitel: A\n---\n",
        "content/b.md": "---\ntitle: B\nupdated: 1st March\n---\n",
        "content/c.md": "---\ntitle: C\ndraft: maybe\n---\n",
        "content/Annual Report.md": "---\ntitle: D\n---\n",
        "content/e.md": "---\ntitle: E\n---\n[old](old-plan.md), [new](new-plan.md), "
                        "[precept](f.md#the-precpt)\n",
        "content/new-plan.md": "---\ntitle: New plan\ndraft: true\n---\n",
        "content/f.md": "---\ntitle: F\n---\n## The police precept\n",
        "content/g.md": "---\ntitle: “Budget: 2026/27”\n---\n",
        "content/registers/contracts.yml": "entries:\n  - {reference: C1, title: Cleaning, "
                                           "value: 12000, start: 2026-12-01, "
                                           "procedure: Quotation}\n",
    })
    found = "\n".join(map(str, build_site_at(site).problems))  # type: ignore[operator]
    table = (REPO / "docs/errors.md").read_text(encoding="utf-8").split("## Common problems")[1]
    quoted = re.findall(r"^\| `([^`]+)` \|", table, re.MULTILINE)
    money = "'about £500' is not an amount of money"
    assert money in quoted
    from generator.models.fields import parse_money

    with pytest.raises(ValueError, match="'about £500' is not an amount of money"):
        parse_money("about £500")
    for message in quoted:
        if message != money:
            assert message in found, f"errors.md quotes a message the build never gives: {message}"


def test_duty_messages_quoted_on_the_law_page_are_real(make_site: object,
                                                       build_site_at: object) -> None:
    site = make_site({})  # type: ignore[operator]
    result = build_site_at(site)  # type: ignore[operator]
    real = {str(p) for p in result.duties.problems}
    law = (REPO / "docs/law.md").read_text(encoding="utf-8")
    quoted = re.findall(r"^  (?:error|warning): (publication duties: .+)$", law, re.MULTILINE)
    assert quoted, "law.md no longer quotes a duty message; update this test"
    for message in quoted:
        assert message in real, f"law.md quotes a duty message the build never gives: {message}"


def test_type_fields_marker_lists_a_content_type_without_a_scaffold() -> None:
    table = expand_markers("<!-- type-fields: accessibility_statement -->")
    assert "| `compliance_status` | required | one of: fully, partially, not |" in table
    assert "#### Each item of `non_accessible_content`" in table
    with pytest.raises(ValueError, match="'accessibility'"):
        expand_markers("<!-- type-fields: accessibility -->")


def test_committed_generated_parts_of_the_handbook_are_current() -> None:
    """The handbook is read on GitHub too: its generated parts are committed, and must be
    what the generator makes now."""
    stale = handbook_updates(REPO / "docs", REPO / "site.yml")
    assert not stale, ("out of date (run `transparency handbook --update`): "
                       + ", ".join(str(p.relative_to(REPO)) for p in stale))


def test_committed_pages_show_the_tables_between_markers() -> None:
    staff = (REPO / "docs/staff.md").read_text(encoding="utf-8")
    block = staff.split("<!-- fields: role -->", 1)[1].split("<!-- end fields -->", 1)[0]
    assert "| `politically_restricted` | required |" in block
    assert (REPO / "docs/reference/fields.md").read_text(encoding="utf-8").count("## ") > 5


def test_update_markers_fills_replaces_and_is_stable() -> None:
    fresh = update_markers("Intro\n\n<!-- new: role -->\n\nMore.\n")
    assert fresh == ('Intro\n\n<!-- new: role -->\n\n```sh\ntransparency new role --title '
                     '"Chief of Staff"\n```\n\n<!-- end new -->\n\nMore.\n')
    assert update_markers(fresh) == fresh
    stale = fresh.replace("Chief of Staff", "Old title")
    assert update_markers(stale) == fresh
    # the MkDocs build gets the generated part alone, without markers or the old copy
    assert expand_markers(stale) == ('Intro\n\n```sh\ntransparency new role --title '
                                     '"Chief of Staff"\n```\n\nMore.\n')


def test_handbook_command_reports_stale_pages_and_updates_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs/staff.md"
    page.write_text("# Staff\n\n<!-- fields: role -->\n", encoding="utf-8")
    (tmp_path / "site.yml").write_text((REPO / "site.yml").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    assert main(["handbook", "--source", str(tmp_path)]) == 1
    assert "docs/staff.md" in capsys.readouterr().err
    assert main(["handbook", "--update", "--source", str(tmp_path)]) == 0
    assert "<!-- end fields -->" in page.read_text(encoding="utf-8")
    assert (tmp_path / "docs/reference/settings.md").is_file()
    assert main(["handbook", "--source", str(tmp_path)]) == 0
    assert "up to date" in capsys.readouterr().err
