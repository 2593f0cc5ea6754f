"""The page-input comparison that decides what ``serve`` renders again."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from generator.serve.page_inputs import InputComparer
from generator.site import PageSpec


@dataclass(eq=False)
class Body:
    title: str
    meetings: list[Meeting] = field(default_factory=list)


@dataclass(eq=False)
class Meeting:
    body: Body | None
    title: str


def _body(*titles: str) -> Body:
    body = Body("Panel")
    body.meetings = [Meeting(body, t) for t in titles]
    return body


def test_equal_values_in_new_objects_are_the_same() -> None:
    old = PageSpec("/a/", "layouts/page.html", "A", context={
        "rows": [{"amount": Decimal("1.50"), "on": date(2026, 1, 2)}], "body": _body("x")})
    new = PageSpec("/a/", "layouts/page.html", "A", context={
        "rows": [{"amount": Decimal("1.50"), "on": date(2026, 1, 2)}], "body": _body("x")})
    assert InputComparer().same(old, new)


def test_any_difference_deep_inside_is_found() -> None:
    def page(amount: str, title: str) -> PageSpec:
        return PageSpec("/a/", "layouts/page.html", "A", context={
            "rows": [{"amount": Decimal(amount)}], "body": _body("x", title)})
    assert not InputComparer().same(page("1.50", "y"), page("1.51", "y"))
    assert not InputComparer().same(page("1.50", "y"), page("1.50", "z"))
    assert not InputComparer().same(page("1", "y"), PageSpec("/a/", "x", "A"))


def test_key_order_and_types_count() -> None:
    same = InputComparer().same
    assert not same({"a": 1, "b": 2}, {"b": 2, "a": 1})  # templates iterate in order
    assert not same([1], (1,))
    assert not same(1, 1.0)


def test_cycles_end_and_a_difference_behind_a_cycle_is_found() -> None:
    old, new = _body("x", "y"), _body("x", "y")
    assert InputComparer().same(old.meetings[0], new.meetings[0])
    changed = _body("x", "Y")
    assert not InputComparer().same(old.meetings[0], changed.meetings[0])


def test_an_answer_resting_on_a_disproved_assumption_is_not_remembered() -> None:
    """Comparing meeting 1 compares its body, whose meetings include meeting 1 again
    (assumed equal while in progress); meeting 1's title then differs. The body must
    not be remembered as equal: compared next, it differs (its meeting 1 does)."""
    old_body, new_body = _body("x"), _body("x")
    new_body.meetings[0].title = "changed"
    comparer = InputComparer()
    assert not comparer.same(old_body.meetings[0], new_body.meetings[0])
    assert not comparer.same(old_body, new_body)


def test_functions_and_methods_compare_by_what_they_are() -> None:
    same = InputComparer().same

    class Labels:
        def __init__(self, words: dict[str, str]):
            self.words = words

        def __call__(self, key: str) -> str:
            return self.words[key]

        def get(self, key: str) -> str:
            return self.words[key]

    def one() -> None: ...

    def other() -> None: ...

    assert same(one, one) and not same(one, other)
    assert same(Labels({"a": "A"}).get, Labels({"a": "A"}).get)
    assert not same(Labels({"a": "A"}).get, Labels({"a": "B"}).get)
    values: list[Any] = [Labels({"a": "A"})]
    assert same(values, [Labels({"a": "A"})])


def test_an_answer_is_never_reused_for_objects_freed_during_the_pass() -> None:
    """Temporaries (bound methods, fresh instances) are freed after each comparison and
    CPython hands their ids to the next ones: the memo must not answer for them."""

    class Labels:
        def __init__(self, word: str):
            self.word = word

        def get(self) -> str:
            return self.word

    same = InputComparer().same
    answers = [same(Labels(str(i)).get, Labels(str(i + i % 2)).get) for i in range(200)]
    assert answers == [i % 2 == 0 for i in range(200)]


def test_fields_left_out_of_equality_are_left_out_of_the_comparison() -> None:
    @dataclass
    class Parent:
        title: str
        children: list[str] = field(default_factory=list, compare=False)

    same = InputComparer().same
    assert same(Parent("a", ["x"]), Parent("a", ["y"]))
    assert not same(Parent("a", ["x"]), Parent("b", ["x"]))
