"""The whole-site phase: pages listing the finished site are made once, from the complete
model, after every section and before rendering; nothing is changed after it was made."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from typing import Any

from conftest import REPO, TODAY

from generator.build import BuildOptions, load_stage, settings, site_stage
from generator.sections.catalogue import DATA_PATH
from generator.sections.compliance import COMPLIANCE_PATH
from generator.sections.scheme import SCHEME_PATH
from generator.sections.whole_site import complete_site, with_whole_site
from generator.site import Site, SiteInput


def _example_site(report: bool = True) -> Site:
    config, today = settings(REPO, BuildOptions(today=TODAY, compliance_report=report))
    _sources, loaded, _problems = load_stage(REPO, config, today)
    return site_stage(SiteInput(config, loaded, today, REPO))


def _values(value: Any, seen: set[int] | None = None) -> Iterator[Any]:
    """Every value inside a page context: dicts, lists, tuples and dataclasses opened
    (each object once: a staff model links roles both ways)."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    yield value
    if isinstance(value, dict):
        for item in value.values():
            yield from _values(item, seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _values(item, seen)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _values(getattr(value, item.name), seen)


def test_no_page_context_holds_a_function() -> None:
    site = _example_site()
    finished = with_whole_site(site, complete_site(site))
    offenders = [(page.path, type(value).__name__) for page in finished.pages
                 for value in _values(page.context)
                 if callable(value) and not isinstance(value, type)]
    assert offenders == []


def test_the_phase_makes_new_pages_and_leaves_the_placeholders_as_they_were() -> None:
    site = _example_site()
    before = {path: dataclasses.replace(site.page_at(path))  # type: ignore[type-var]
              for path in (SCHEME_PATH, DATA_PATH, COMPLIANCE_PATH)}
    placeholders = {path: site.page_at(path) for path in before}
    footer_before = list(site.footer_links)
    whole = complete_site(site)
    finished = with_whole_site(site, whole)
    for path, placeholder in placeholders.items():
        assert placeholder is not None
        assert placeholder.context == before[path].context, path  # not filled in place
        assert placeholder.updated == before[path].updated, path
        assert finished.page_at(path) is whole.pages[path] is not placeholder
    assert site.footer_links == footer_before
    scheme = finished.page_at(SCHEME_PATH)
    assert scheme is not None and scheme.context["groups"]
    listed = {entry.url for group in scheme.context["groups"] for entry in group.entries}
    assert "/contact/" in listed and SCHEME_PATH not in listed
    assert any(item.url == SCHEME_PATH for item in finished.footer_links)
    data = finished.page_at(DATA_PATH)
    assert data is not None
    keys = {entry.key for entry in data.context["entries"]}
    assert any(key.startswith("registers/spending/") for key in keys), keys
    report = finished.page_at(COMPLIANCE_PATH)
    assert report is not None and report.updated == TODAY
    assert sum(report.context["counts"].values()) == len(whole.duties.results)


def test_the_scheme_is_dated_by_its_newest_item() -> None:
    site = _example_site(report=False)
    scheme = with_whole_site(site, complete_site(site)).page_at(SCHEME_PATH)
    assert scheme is not None and scheme.updated is not None
    newest = max(entry.updated for group in scheme.context["groups"]
                 for entry in group.entries if entry.updated is not None)
    assert scheme.updated >= newest and isinstance(newest, date)


def test_a_site_of_the_same_shape_reuses_the_evaluation_but_not_a_changed_intro() -> None:
    site = _example_site()
    first = complete_site(site)
    again = complete_site(site, same_shape_as=first)
    assert again.duties is first.duties
    assert again.pages[SCHEME_PATH] is first.pages[SCHEME_PATH]  # same placeholder: kept
    placeholder = site.page_at(SCHEME_PATH)
    assert placeholder is not None
    edited = dataclasses.replace(placeholder, body="A new introduction.")
    changed = dataclasses.replace(site, pages=[edited if p is placeholder else p
                                               for p in site.pages])
    remade = complete_site(changed, same_shape_as=first)
    assert remade.pages[SCHEME_PATH].body == "A new introduction."
    assert remade.pages[SCHEME_PATH].context["groups"] == first.pages[SCHEME_PATH].context[
        "groups"]
