"""Validation of page front matter through the whole load stage (exact messages)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import SiteFactory

from generator.build import BuildResult


def _messages(result: BuildResult) -> list[str]:
    return [str(p) for p in result.problems]


def test_unknown_key_suggests_the_right_one(make_site: SiteFactory,
                                            build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({"content/about.md": "---\ntitle: About\nsumary: typo\n---\nText\n"})
    result = build_site_at(site, write=False)
    assert _messages(result) == [
        'content/about.md, line 3, field "sumary": "sumary" is not a field here. '
        "Hint: did you mean 'summary'?"]


def test_missing_title(make_site: SiteFactory,
                       build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({"content/about.md": "---\nsummary: x\n---\nText\n"})
    assert _messages(build_site_at(site, write=False)) == [
        'content/about.md, line 2, field "title": this required field is missing. '
        "Hint: add a line `title: …`."]


def test_page_without_front_matter_needs_a_title(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({"content/about.md": "Just text\n"})
    problems = build_site_at(site, write=False).problems
    assert [(p.line, p.field) for p in problems] == [(1, "title")]


def test_bad_date_and_bad_class_and_bad_bool(make_site: SiteFactory,
                                             build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({"content/about.md":
                      "---\ntitle: A\nupdated: 1st March\nclass: who-we-r\ndraft: maybe\n---\n"})
    assert _messages(build_site_at(site, write=False)) == [
        "content/about.md, line 3, field \"updated\": '1st March' is not a date. "
        "Hint: write dates as YYYY-MM-DD, e.g. 2024-03-01.",
        "content/about.md, line 4, field \"class\": 'who-we-r' is not allowed here. "
        "Hint: did you mean 'who-we-are'?",
        "content/about.md, line 5, field \"draft\": 'maybe' is not true or false. "
        "Hint: write true or false.",
    ]


def test_duplicate_key_and_yaml_syntax_error(make_site: SiteFactory,
                                             build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({
        "content/a.md": "---\ntitle: A\ntitle: B\n---\n",
        "content/b.md": "---\ntitle: B: the sequel\n---\n",
    })
    messages = _messages(build_site_at(site, write=False))
    assert messages[0] == ('content/a.md, line 3, field "title": this key appears twice. '
                           "Hint: keep one of the two; the second would silently replace the "
                           "first.")
    assert messages[1].startswith("content/b.md, line 2: the YAML is invalid")
    assert "put text that contains ': ' in quotes" in messages[1]


def test_bad_file_name_gets_a_suggested_name(make_site: SiteFactory,
                                             build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({"content/Our Plan.md": "---\ntitle: Plan\n---\n"})
    assert _messages(build_site_at(site, write=False)) == [
        "content/Our Plan.md: the name 'Our Plan.md' cannot be used in a web address. "
        "Hint: rename it to 'our-plan.md' (lower-case letters, digits and hyphens)."]


def test_unknown_type_override(make_site: SiteFactory,
                               build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({"content/a.md": "---\ntitle: A\ntype: pgae\n---\n"})
    assert _messages(build_site_at(site, write=False)) == [
        "content/a.md, line 3, field \"type\": 'pgae' is not a content type. "
        "Hint: did you mean 'page'?"]


def test_every_problem_in_one_run(make_site: SiteFactory,
                                  build_site_at: Callable[..., BuildResult], ) -> None:
    site = make_site({
        "content/a.md": "---\ntitle: A\nfoo: 1\n---\n",
        "content/b.md": "---\nsummary: x\n---\n",
        "content/c.md": "---\ntitle: C\n---\n[x](missing.md)\n",
    })
    result = build_site_at(site, write=False)
    assert sorted({p.path for p in result.errors}) == [
        "content/a.md", "content/b.md", "content/c.md"]


def test_drafts_and_embargoed_pages_are_withheld(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult],
        tmp_path: Path) -> None:
    site = make_site({
        "content/draft.md": "---\ntitle: Secret draft\ndraft: true\n---\nDRAFTMARKER\n",
        "content/later.md": "---\ntitle: Later\npublish_from: 2027-01-01\n---\nLATERMARKER\n",
        "content/now.md": "---\ntitle: Now\npublish_from: 2026-11-23\n---\nNOWMARKER\n",
    })
    result = build_site_at(site, out_dir=tmp_path / "out")
    assert result.errors == []
    everything = b"".join(p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert b"NOWMARKER" in everything
    assert b"DRAFTMARKER" not in everything and b"Secret draft" not in everything
    assert b"LATERMARKER" not in everything and b"/later/" not in everything


def test_link_to_a_draft_is_an_error(make_site: SiteFactory,
                                     build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({
        "content/draft.md": "---\ntitle: D\ndraft: true\n---\n",
        "content/a.md": "---\ntitle: A\n---\nSee\n[the draft](draft.md).\n",
    })
    assert _messages(build_site_at(site, write=False)) == [
        "content/a.md, line 5: the link points to 'draft.md', which is a draft. "
        "Hint: publish that file first or remove the link."]


def test_impossible_date_names_field_and_line(make_site: SiteFactory,
                                             build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({"content/a.md": "---\ntitle: A\nupdated: 2026-02-30\n---\n"})
    assert _messages(build_site_at(site, write=False)) == [
        "content/a.md, line 3, field \"updated\": '2026-02-30' is not a real date. "
        "Hint: check the day and month: write YYYY-MM-DD, e.g. 2024-02-29."]


def test_a_key_with_brackets_is_reported_not_a_crash(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({"content/a.md": "---\ntitle: A\ntitle[: x\n---\n"})
    assert _messages(build_site_at(site, write=False)) == [
        'content/a.md, line 3, field "title[": "title[" is not a field here. '
        "Hint: did you mean 'title'?"]
