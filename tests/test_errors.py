"""Shared helpers of generator/errors.py: counted nouns."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.errors import ProblemSummary, error, is_one, plural, warning


@pytest.mark.parametrize(("count", "text"), [
    (0, "0 rows"), (1, "1 row"), (2, "2 rows"), ("1", "1 row"), (Decimal("1.0"), "1.0 row"),
    ("0.5", "0.5 rows"), ("1,000", "1,000 rows")])
def test_plural_is_singular_for_exactly_one(count: object, text: str) -> None:
    assert plural(count, "row") == text


def test_plural_takes_an_irregular_plural() -> None:
    assert [plural(n, "duty", "duties") for n in (0, 1, 2)] == ["0 duties", "1 duty",
                                                                  "2 duties"]
    assert not is_one("one") and is_one(1) and not is_one(1.5)


def test_the_problem_count_line_uses_it() -> None:
    one = [error("a.md", "x"), warning("a.md", "y")]
    assert str(ProblemSummary.of(one)) == "1 error and 1 warning in 1 file"
    assert str(ProblemSummary.of([])) == "0 errors and 0 warnings in 0 files"
    two = [error("a.md", "x"), error("b.md", "y"), warning("a.md", "z"), warning("b.md", "w")]
    assert str(ProblemSummary.of(two)) == "2 errors and 2 warnings in 2 files"
