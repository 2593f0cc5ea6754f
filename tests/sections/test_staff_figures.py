"""Pure staff figures: medians, the pay multiple, shares, trees, bands."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from generator.sections.staff_figures import (
    PayEntry,
    Share,
    build_tree,
    fte_text,
    multiple_disagrees,
    pay_multiple,
    pay_range_text,
    salary_bands,
    weighted_median,
)


def entries(*pays: int | tuple[int, str], fte: str = "1") -> list[PayEntry]:
    found = []
    for index, item in enumerate(pays):
        pay, title = item if isinstance(item, tuple) else (item, f"Post {index}")
        found.append(PayEntry(f"p{index}", title, D(pay), D(fte), True))
    return found


def test_median_of_an_odd_count_is_the_middle_value() -> None:
    assert weighted_median([(D(30), D(1)), (D(10), D(1)), (D(20), D(1))]) == D(20)


def test_median_of_an_even_count_is_the_mean_of_the_two_middle_values() -> None:
    assert weighted_median([(D(v), D(1)) for v in (40, 10, 30, 20)]) == D(25)


def test_median_with_ties_in_the_middle() -> None:
    assert weighted_median([(D(v), D(1)) for v in (10, 20, 20, 90)]) == D(20)


def test_median_weights_each_value_by_its_fte() -> None:
    # 10 counts 2.2 times out of 4.2: more than half, so it is the median.
    assert weighted_median([(D(10), D("2.2")), (D(50), D(1)), (D(90), D(1))]) == D(10)
    # Running weight lands exactly on half: mean of that value and the next.
    assert weighted_median([(D(10), D("0.5")), (D(30), D("0.5"))]) == D(20)


def test_median_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        weighted_median([])


def test_pay_multiple_odd_count() -> None:
    result = pay_multiple(entries(90000, 30000, 45000))
    assert result is not None
    assert (result.value, result.highest, result.median) == (D("2.00"), D(90000), D(45000))
    assert result.posts == 3 and result.fte == D(3)


def test_pay_multiple_even_count_rounds_to_two_places() -> None:
    result = pay_multiple(entries(81216, 23713.5, 31483.5, 52851))  # type: ignore[arg-type]
    assert result is not None
    assert result.median == D("42167.25")  # (31483.5 + 52851) / 2
    assert result.value == D("1.93")  # 81216 / 42167.25 = 1.926...


def test_pay_multiple_tie_for_highest_names_every_post() -> None:
    result = pay_multiple(entries((60000, "Head of B"), (60000, "Head of A"), (30000, "Officer")))
    assert result is not None
    assert result.highest_titles == ("Head of A", "Head of B")
    assert result.value == D("1.00")


def test_pay_multiple_counts_grade_midpoints() -> None:
    found = [PayEntry("a", "A", D(80000), D(1), True), PayEntry("b", "B", D(40000), D(1), False)]
    result = pay_multiple(found)
    assert result is not None and result.midpoints == 1


def test_no_entries_no_pay_multiple() -> None:
    assert pay_multiple([]) is None


@pytest.mark.parametrize(("declared", "computed", "disagrees"), [
    ("2.73", "2.73", False), ("1.85", "1.80", False), ("1.86", "1.80", True),
    ("1.74", "1.80", True), ("1.75", "1.80", False),
])
def test_declared_pay_multiple_may_differ_by_0_05(declared: str, computed: str,
                                                  disagrees: bool) -> None:
    assert multiple_disagrees(D(declared), D(computed)) is disagrees


def test_small_counts_are_suppressed_with_their_percentage() -> None:
    share = Share("disabled", 3, 12, 5)
    assert share.suppressed and share.percent is None and share.published_count is None


def test_zero_and_counts_at_the_threshold_are_published() -> None:
    assert Share("disabled", 0, 12, 5).percent == 0
    assert not Share("disabled", 0, 12, 5).suppressed
    assert Share("women", 5, 12, 5).percent == 42  # 41.67
    assert Share("women", 1, 8, 0).percent == 13  # 12.5 rounds half up


def test_share_of_an_empty_workforce_has_no_percentage() -> None:
    assert Share("women", 0, 0, 5).percent is None


def test_tree_orders_children_and_finds_roots() -> None:
    tree = build_tree({"pcc": None, "cos": "pcc", "cfo": "pcc", "a": "cos", "b": "cos"},
                      order=lambda s: {"cos": 0, "cfo": 1}.get(s, 2))
    assert tree.roots == ["pcc"]
    assert tree.children["pcc"] == ["cos", "cfo"]
    assert tree.walk() == [("pcc", 0), ("cos", 1), ("a", 2), ("b", 2), ("cfo", 1)]
    assert tree.cycles == []


def test_tree_breaks_a_loop_at_its_first_slug() -> None:
    # a reports to c, c to b, b to a: the loop is cut above a, which becomes the top.
    tree = build_tree({"c": "b", "b": "a", "a": "c", "d": "a"})
    assert tree.cycles == [("a", "c", "b")]
    assert tree.roots == ["a"]
    assert tree.walk() == [("a", 0), ("b", 1), ("c", 2), ("d", 1)]


def test_tree_self_loop_and_unknown_parent() -> None:
    tree = build_tree({"a": "a", "b": "nobody"})
    assert tree.cycles == [("a",)]
    assert tree.roots == ["a", "b"]


def test_salary_bands_of_5000_from_50000() -> None:
    bands = salary_bands([(D(81216), D(1)), (D(52851), D(1)), (D(52851), D("0.5")),
                          (D(49999), D(1)), (D(55000), D(1))])
    assert bands == [(50000, 54999, D("1.5")), (55000, 59999, D(1)), (80000, 84999, D(1))]


def test_formatting() -> None:
    assert pay_range_text(D(77874), D(83127)) == "£77,874 – £83,127"
    assert pay_range_text(D(5), D(5)) == "£5"
    assert [fte_text(D(v)) for v in ("1", "0.80", "10.8", "2.20", "1.0")] == \
        ["1", "0.8", "10.8", "2.2", "1"]
