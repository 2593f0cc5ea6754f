"""The theme's words (templates/messages/*.yml): a count's noun agrees with it."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from generator.render.renderer import counted, message_catalogue

ENGLISH = message_catalogue([REPO / "templates"], "en")
# Counts that are never one: the chart's "other" bar adds up at least two types.
NEVER_ONE = {"chart_other"}


def test_every_counted_noun_has_a_singular_form() -> None:
    """A message with "{count} <plural noun>" (or "the other {count} rows") needs a
    "<key>_one" form, or it says "1 rows"."""
    missing = [key for key, text in ENGLISH.items()
               if re.search(r"\{count\}( [a-z-]+)* [a-z]+s\b", text)
               and not key.endswith("_one") and f"{key}_one" not in ENGLISH
               and key not in NEVER_ONE]
    assert missing == []
    orphans = [key for key in ENGLISH if key.endswith("_one")
               and key.removesuffix("_one") not in ENGLISH]
    assert orphans == []


@pytest.mark.parametrize(("key", "texts"), [
    ("rows_count", ("0 rows", "1 row", "2 rows")),
    ("meeting_has_papers", ("0 papers", "1 paper", "2 papers")),
    ("scheme_items", ("0 items", "1 item", "2 items")),
    ("home_spending_items", ("0 items over £500", "1 item over £500", "2 items over £500")),
    ("staff_establishment_vacant", ("0 full-time equivalent of these posts are vacant.",
                                    "1 full-time equivalent of these posts is vacant.",
                                    "2 full-time equivalent of these posts are vacant.")),
    ("show_more_rows", ("Show the other 0 rows", "Show the other row",
                        "Show the other 2 rows")),
])
def test_counts_of_0_1_and_2(key: str, texts: tuple[str, str, str]) -> None:
    assert tuple(counted(ENGLISH, key, {"count": n}) for n in (0, 1, 2)) == texts
    assert counted(ENGLISH, key, {"count": "1"}) == texts[1]  # counts arrive formatted


def test_a_catalogue_without_the_singular_keeps_its_one_form() -> None:
    assert counted({"rows_count": "{count} rhes"}, "rows_count", {"count": 1}) == "1 rhes"
