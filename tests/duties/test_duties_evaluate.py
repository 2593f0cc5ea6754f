"""Duty statuses, severities and their problems; the catalogue and the duty settings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import BASE_SITE_YML, SiteFactory
from duty_helpers import catalogue, duty, page, settings

from generator.build import build
from generator.duties.evaluate import evaluate
from generator.errors import ConfigError, GeneratorError, Severity
from generator.law.catalogue import SATISFIED_BY, Catalogue, load_catalogue
from generator.load.config import load_config

TODAY = date(2026, 11, 23)


def _one(d: object, pages: list[object], **kwargs: object) -> object:
    return evaluate(catalogue(d), pages, TODAY, settings(**kwargs))[0]  # type: ignore[arg-type]


def test_each_status() -> None:
    cat = catalogue(duty("met-duty", "P1M"), duty("missing-duty"), duty("late-duty", "P1M"),
                    duty("na-duty"))
    pages = [page("/a/", "met-duty", updated=date(2026, 11, 1)),
             page("/b/", "late-duty", updated=date(2026, 9, 30))]
    results = evaluate(cat, pages, TODAY, settings({"na-duty": "no deputy is appointed"}))
    assert [(r.duty.id, r.status, r.due) for r in results] == [
        ("met-duty", "met", date(2026, 12, 1)),
        ("missing-duty", "missing", None),
        ("late-duty", "overdue", date(2026, 10, 30)),
        ("na-duty", "not_applicable", None),
    ]
    assert results[0].evidence[0].url == "/a/" and results[0].evidence[0].updated == \
        date(2026, 11, 1)
    assert results[3].reason == "no deputy is appointed"
    assert [r.failing for r in results] == [False, True, True, False]


def test_only_statutory_high_confidence_duties_can_fail() -> None:
    assert duty("a").severity is Severity.ERROR
    assert duty("b", confidence="medium").severity is Severity.WARNING
    assert duty("c", basis="guidance").severity is Severity.WARNING
    assert duty("d", basis="format-reference").severity is Severity.WARNING
    missing = _one(duty("e", basis="guidance"), [])
    assert missing.status == "missing" and missing.severity is Severity.WARNING  # type: ignore[attr-defined]
    assert not missing.failing  # type: ignore[attr-defined]


def test_lateness_fails_only_when_the_timing_is_trusted() -> None:
    stale = [page("/p/", "d", updated=date(2020, 1, 1))]
    for timing, severity in (("high", Severity.ERROR), ("medium", Severity.ERROR),
                             ("low", Severity.WARNING)):
        result = _one(duty("d", "P1Y", timing=timing), stale)
        assert result.status == "overdue"  # type: ignore[attr-defined]
        assert result.severity is severity  # type: ignore[attr-defined]


def test_met_and_not_applicable_raise_no_problem() -> None:
    assert _one(duty("d"), [page("/p/", "d")]).problem() is None  # type: ignore[attr-defined]
    na = _one(duty("d"), [page("/p/", "d")], not_applicable={"d": "reason"})
    assert na.problem() is None  # type: ignore[attr-defined]
    assert na.notes == ("pages claim this duty although site.yml says it does not apply",)  # type: ignore[attr-defined]


def test_problem_messages() -> None:
    missing = _one(duty("sio-9"), [])
    assert str(missing.problem()) == (  # type: ignore[attr-defined]
        "publication duties: duty sio-9 (Title of sio-9; Source of sio-9) is missing: no "
        "published page claims it. Hint: publish it as a page that lists the duty in its "
        "front matter `duties:`, or list it in site.yml duties.not_applicable with the "
        "reason it does not apply.")
    late = evaluate(catalogue(duty("sio-9", "P1M")),
                    [page("/p/", "sio-9", updated=date(2026, 9, 30))], TODAY, settings())[0]
    problem = late.problem()
    assert problem is not None and problem.path == "/p/"
    assert str(problem) == (
        "/p/: duty sio-9 (Title of sio-9; Source of sio-9) is overdue: the newest evidence is "
        "dated 30 September 2026 and was due by 30 October 2026 (rule P1M). Hint: publish the "
        "current information and set `updated:` to the date you did.")
    event = {"duty": "ev", "title": "Report X", "date": "2026-01-05"}
    cat = catalogue(duty("ev", "within:P56D"))
    missed = evaluate(cat, [page("/p/", "ev")], TODAY, settings(events=[event]))[0]
    assert str(missed.problem()) == (
        'site.yml, field "duties.events[1]": duty ev (Title of ev; Source of ev) is overdue: '
        'nothing was published for "Report X" (5 January 2026) by 1 March 2026. Hint: '
        "publish it, then add `published:` with that date to the event.")


def test_drafts_never_count_as_evidence(make_site: SiteFactory) -> None:
    site = make_site({"content/a.md": "---\ntitle: A\ndraft: true\n"
                                      "duties: [sio-2A-shared-staff-arrangements]\n---\n"})
    result = build(site, write=False, today=TODAY)
    assert result.duties is not None
    found = next(r for r in result.duties.results
                 if r.duty.id == "sio-2A-shared-staff-arrangements")
    assert found.status == "missing"


def test_unknown_duty_in_front_matter_is_an_error_with_did_you_mean(make_site: SiteFactory
                                                                    ) -> None:
    site = make_site({"content/a.md": "---\ntitle: A\nduties:\n  - sio-1b-office-holder-address\n"
                                      "  - sio-1b-office-holder-adress\n---\n"})
    result = build(site, write=False, today=TODAY)
    assert [str(p) for p in result.errors] == [
        "content/a.md, line 5, field \"duties\": 'sio-1b-office-holder-adress' is not a duty "
        "in the catalogue. Hint: did you mean 'sio-1b-office-holder-address'?"]


def _config(tmp_path: Path, extra: str) -> None:
    (tmp_path / "site.yml").write_text(BASE_SITE_YML + extra, encoding="utf-8")
    load_config(tmp_path)


def test_not_applicable_ids_must_exist(tmp_path: Path) -> None:
    _config(tmp_path, "duties:\n  not_applicable:\n    - {id: sio-7-csp-reports, reason: none}\n")
    with pytest.raises(ConfigError) as caught:
        _config(tmp_path, "duties:\n  not_applicable:\n"
                          "    - id: sio-7-csp-report\n      reason: none asked for\n")
    assert [str(p) for p in caught.value.problems] == [
        'site.yml, line 11, field "duties.not_applicable[1].id": \'sio-7-csp-report\' is not a '
        "duty in the catalogue (the nearest is 'sio-7-csp-reports')."]


def test_events_must_name_a_deadline_duty_and_be_in_order(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        _config(tmp_path, "duties:\n  events:\n"
                          "    - {duty: sio-3a-total-budget, title: X, date: 2026-01-01}\n"
                          "    - {duty: pa1996-s55-hmicfrs-response, title: Y, date: 2026-02-01,"
                          " published: 2026-01-01}\n")
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        'site.yml, line 11, field "duties.events[1].duty": \'sio-3a-total-budget\' has no '
        "deadline counted from an event (its rule is before:FY_START).",
        'site.yml, line 12, field "duties.events[2]": published (2026-01-01) is before the '
        "event's date (2026-02-01)."]


def test_financial_year_start_is_validated(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        _config(tmp_path, "financial_year_start: 04-31\n")
    assert "'04-31' is not a month and day like 04-01" in str(caught.value.problems[0])


def test_the_shipped_catalogue() -> None:
    cat = load_catalogue()
    assert len(cat) == 63 and len(set(cat.ids)) == 63
    assert sum("police-and-crime" in d.offices for d in cat) == 51
    assert sum("police-fire-and-crime" in d.offices for d in cat) == 59
    for item in cat:
        assert item.rule.text == item.freshness  # every rule parses
        assert set(item.satisfied_by) <= set(SATISFIED_BY)
        assert item.requirement and item.source and item.title
        can_fail = item.basis == "statutory" and item.confidence == "high"
        assert (item.severity is Severity.ERROR) == can_fail
    assert cat.get("sio-3a-total-budget").freshness == "before:FY_START"  # type: ignore[union-attr]
    assert cat.get("pa1996-s55-hmicfrs-response").freshness == "within:P56D"  # type: ignore[union-attr]
    assert cat.get("lgtc-spend-format").severity is Severity.WARNING  # type: ignore[union-attr]


def test_a_broken_catalogue_is_a_generator_error() -> None:
    one = duty("a").model_dump(by_alias=True)
    with pytest.raises(GeneratorError, match="appears twice"):
        Catalogue.from_yaml(__import__("yaml").safe_dump({"duties": [one, one]}))
    with pytest.raises(GeneratorError, match="is not a freshness rule"):
        Catalogue.from_yaml("duties:\n  - " + __import__("json").dumps(
            {**one, "freshness": "fortnightly"}))
