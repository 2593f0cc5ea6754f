"""One set of numbers: the headline every summary line shares, errors first everywhere."""

from __future__ import annotations

import json
from datetime import date

from duty_helpers import catalogue, duty, page, settings

from generator.duties.evaluate import evaluate
from generator.duties.report import DutyReport
from generator.errors import error, errors_first, warning
from generator.reporting import format_problems
from generator.serve.livereload import BuildStatus, overlay_html
from generator.site import PageSpec
from generator.summary import Outcome

TODAY = date(2026, 12, 6)


def _report() -> DutyReport:
    """One duty failing (missing), two late (registers a month behind), one advisory."""
    cat = catalogue(duty("fails"), duty("late-a", "period:month"), duty("late-b", "period:month"),
                    duty("advice", basis="guidance"))
    register = PageSpec(path="/r/", template="layouts/register.html", title="R",
                        updated=date(2026, 10, 30), duties=("late-a", "late-b"),
                        kind="register")
    return DutyReport(TODAY, evaluate(cat, [register], date(2027, 1, 10), settings()))


def test_the_headline_says_first_what_blocks_publishing() -> None:
    content = [warning("content/b.md", "a warning"), error("content/z.md", "broken")]
    outcome = Outcome.of(content, _report())
    assert outcome.headline() == ("1 error stops publishing; 1 duty fails the duty check; "
                                  "2 duties are late; 1 duty is missing (advisory); "
                                  "1 other warning")
    assert Outcome.of([], None).headline() == "Nothing stops publishing"
    assert Outcome.of([error("a", "x"), error("b", "y")], None).headline() == \
        "2 errors stop publishing"


def test_every_count_comes_from_the_same_list() -> None:
    content = [warning("content/b.md", "a warning"), error("content/z.md", "broken")]
    outcome = Outcome.of(content, _report())
    problems = outcome.problems
    counts = outcome.counts()
    errors = [p for p in problems if p.is_error]
    assert len(errors) == counts["errors"] + counts["duties_failing"]
    assert len(problems) - len(errors) == (counts["warnings"] + counts["duties_late"]
                                           + counts["duties_missing"])
    assert outcome.as_json()["headline"] == outcome.headline()


def test_errors_come_before_warnings_in_the_terminal_and_in_serve() -> None:
    problems = [warning("content/a.md", "first by path"), error("content/z.md", "blocks")]
    assert [p.path for p in errors_first(problems)] == ["content/z.md", "content/a.md"]
    text = format_problems(problems, "1 error stops publishing (2 files).")
    assert text.index("content/z.md") < text.index("content/a.md")
    assert text.endswith("1 error stops publishing (2 files).")
    overlay = overlay_html(problems, "1 error stops publishing; 1 other warning")
    assert overlay.index("blocks") < overlay.index("first by path")
    status = json.loads(BuildStatus(2, False, tuple(problems),
                                    "1 error stops publishing; 1 other warning").as_json())
    assert status["summary"].startswith(
        "The site could not be rebuilt: 1 error stops publishing; 1 other warning.")


def test_a_page_duty_hint_does_not_talk_about_spending_files() -> None:
    cat = catalogue(duty("d", "P1M"))
    result = evaluate(cat, [page("/p/", "d", updated=date(2026, 9, 1))], TODAY, settings())[0]
    problem = result.problem()
    assert problem is not None and "spending" not in (problem.hint or "")
