"""Bar charts of the tables a page names in ``charts:`` (the budget's sources)."""

from __future__ import annotations

from collections.abc import Callable

from conftest import SiteFactory
from htmltools import parse_html

from generator.build import BuildResult

BUDGET = """\
---
title: Budget
charts: [Where the money comes from, Not a heading here]
---
## Where the money comes from

| Source | £ | Share |
|---|---|---|
| Police precept | 89,179,479 | 36.7% |
| Core grant ([Home Office](https://example.org)) | 118,640,000 | 48.8% |
| **Total** | **207,819,479** | **100%** |

## Spending

| Area | £ |
|---|---|
| Policing | 5 |
"""


def test_a_named_table_is_drawn_before_itself(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({"content/budget.md": BUDGET})
    result = build_site_at(site)
    assert [str(p) for p in result.problems] == [
        'content/budget.md, line 3, field "charts[2]": there is no table of figures under '
        "the heading 'Not a heading here' to draw as a chart. Hint: give the heading "
        "exactly as written (without the #s), with a table below it whose first column "
        "names each row and another holds numbers."]
    main = parse_html((site / "_site/budget/index.html").read_bytes()).find("main")
    assert main is not None
    svgs = main.find_all("svg")
    assert len(svgs) == 1  # the Spending table is not named, so not drawn
    svg = svgs[0]
    assert svg.attrs["role"] == "img"
    assert svg.find("title").text == "Where the money comes from"  # type: ignore[union-attr]
    assert svg.find("desc").text.startswith(  # type: ignore[union-attr]
        "Bar chart of the table below: 2 rows; the largest is Core grant (Home Office), "
        "£118.6m (57% of the total).")
    labels = [t.text for t in svg.find_all("text") if t.attrs.get("class") == "chart-label"]
    assert labels == ["Police precept", "Core grant (Home Office)"]  # no Total bar
    # the chart comes just before the table's box
    figure = svg.parent
    assert figure is not None and figure.parent is not None
    siblings = figure.parent.children
    after = siblings[siblings.index(figure) + 1]
    assert after.attrs.get("data-scroll-labelledby") == "where-the-money-comes-from"
