"""The link check: every internal link and #anchor in the output leads somewhere."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from conftest import BASE_SITE_YML, MINIMAL_SITE_YML, REPO, SiteFactory

from generator.build import BuildResult
from generator.checks.links import check_links
from generator.writer import OutputFile

BuildAt = Callable[..., BuildResult]
PAGES = {
    "content/plan.md": "---\ntitle: The plan\n---\n## Aims\n\nText.\n\n## Money\n\nMore.\n",
    "content/report.pdf": b"%PDF-1.4",
}


def _link_problems(result: BuildResult) -> list[str]:
    return [str(p) for p in result.problems if "the link '" in p.message]


def test_a_clean_site_has_no_link_problems(make_site: SiteFactory,
                                           build_site_at: BuildAt) -> None:
    site = make_site({**PAGES, "content/about.md":
                      "---\ntitle: About\n---\nSee [aims](plan.md#aims), [top](#main), "
                      "[the report](report.pdf) and [money](plan.md#money).\n"})
    result = build_site_at(site, write=False)
    assert [str(p) for p in result.problems] == []


def test_anchor_missing_in_target_names_content_file_line_and_close_match(
        make_site: SiteFactory, build_site_at: BuildAt) -> None:
    site = make_site({**PAGES, "content/about.md":
                      "---\ntitle: About\n---\nIntro.\n\nSee [our aims](plan.md#aim).\n\n"
                      "Jump [down](#nowhere).\n"})
    assert _link_problems(build_site_at(site, write=False)) == [
        "content/about.md, line 6: the link '/plan/#aim' is broken: the page has no part "
        "called '#aim'. Hint: did you mean 'aims'?",
        "content/about.md, line 8: the link '#nowhere' is broken: the page has no part "
        "called '#nowhere'. Hint: link to a heading that exists on that page: a heading's "
        "anchor is its words in lower case joined by hyphens."]


def test_template_link_without_the_url_filter_breaks_under_a_sub_path(
        make_site: SiteFactory, build_site_at: BuildAt) -> None:
    yml = MINIMAL_SITE_YML.replace("https://example.org/", "https://example.org/opcc/")
    site = make_site({**PAGES, "templates/layouts/page.html":
                      '{% extends "base.html" %}{% block content %}'
                      '<a href="/plan/">plan</a> <a href="{{ \'/nowhere/\' | url }}">x</a>'
                      "{% endblock %}"}, site_yml=yml)
    assert _link_problems(build_site_at(site, write=False)) == [
        "content/plan.md: the link '/opcc/nowhere/' is broken: no such page or file is "
        "published. Hint: check the links in this file and in the template "
        "layouts/page.html.",
        "content/plan.md: the link '/plan/' is broken: it is outside the site's address "
        "(/opcc/). Hint: build internal links with the `url` filter, e.g. "
        "{{ page.path | url }}."]


def test_generated_pages_and_files_are_named_when_they_have_no_content_file(
        make_site: SiteFactory, build_site_at: BuildAt) -> None:
    site = make_site(PAGES)
    result = build_site_at(site, write=False)
    assert result.site is not None
    extra = OutputFile("extra.html", b'<a href="/missing.csv">data</a><a href="/plan">p</a>'
                                     b'<a href="/pagefind/pagefind-ui.js">s</a>'
                                     b'<a href="/plan/#money">m</a><a href="/plan/#cash">c</a>'
                                     b'<a href="https://example.org/webcasts/x/">w</a>'
                                     b'<a href="https://elsewhere.example/x">e</a>')
    # (theme assets are copies, left out here, so only extra.html's own problems count)
    problems = check_links(result.site, [*result.outputs, extra], [])
    assert [str(p) for p in problems if p.path == "generated file extra.html"] == [
        "generated file extra.html: the link '/missing.csv' is broken: no such page or file "
        "is published. Hint: this is a bug in the generator or a template.",
        "generated file extra.html: the link '/plan/#cash' is broken: "
        "the page has no part called '#cash'. Hint: link to a heading that exists on that "
        "page: a heading's anchor is its words in lower case joined by hyphens."]
    search = next(p for p in result.site.pages if p.path == "/search/")
    bad = OutputFile(search.output_path, b'<a href="/nope/">x</a>')
    others = [o for o in result.outputs if o.path != search.output_path]
    problems = check_links(result.site, [*others, bad], [])
    assert [str(p) for p in problems if p.path == "generated page /search/"] == [
        "generated page /search/: the link '/nope/' is broken: no such page or file is "
        "published. Hint: check the template layouts/search.html."]


def test_transparency_check_reports_broken_anchors_and_fails(make_site: SiteFactory) -> None:
    site = make_site({**PAGES, "content/about.md":
                      "---\ntitle: About\n---\nSee [our aims](plan.md#aim).\n"})
    proc = subprocess.run([sys.executable, "-m", "generator", "check", "--today", "2026-11-23"],
                          cwd=site, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 1
    assert "content/about.md, line 4: the link '/plan/#aim' is broken" in proc.stderr


def test_a_link_to_a_file_that_failed_to_load_is_not_reported_as_missing(
        make_site: SiteFactory, build_site_at: BuildAt) -> None:
    """A page whose front matter is broken gets its own error; the pages (and the menu)
    that link to it get no false "which does not exist" (no cascade)."""
    yml = BASE_SITE_YML + "navigation:\n  - {title: About, link: about.md}\n"
    site = make_site({
        "content/about.md": "---\ntitle: About: us\n---\nWho we are.\n",
        "content/plan.md": "---\ntitle: Plan\n---\nSee [about us](about.md).\n",
        "content/index.md": "---\ntitle: Home\n---\nRead [about us](about.md#who).\n",
    }, site_yml=yml)
    result = build_site_at(site, write=False)
    assert [(p.path, p.line) for p in result.problems if p.is_error] == [
        ("content/about.md", 2)]
    assert "does not exist" not in "".join(str(p) for p in result.problems)
    # a file that really is not there is still reported
    (site / "content/about.md").unlink()
    messages = [str(p) for p in build_site_at(site, write=False).problems]
    assert sum("'about.md', which does not exist" in m for m in messages) == 3, messages
