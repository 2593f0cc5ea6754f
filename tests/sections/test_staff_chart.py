"""The organisation chart: nested list and SVG, both drawn from reports_to."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from staff_helpers import Node, main, output, role, staff_files

from generator.build import BuildResult
from generator.sections.staff_chart import BOX_WIDTH, ChartLabel, layout_chart
from generator.sections.staff_figures import build_tree

Build = Callable[..., BuildResult]
SVG = "{http://www.w3.org/2000/svg}"
TRICKY = "Research & <Data> Officer"


def chart_site(make_site: Callable[..., Path]) -> Path:
    return make_site(staff_files(**{
        "content/staff/roles/researcher.md": role(
            f'"{TRICKY}"', grade="S5", reports_to="head-of-policy", vacant=True)}))


def nested(ul: Node) -> list[tuple[str, list[object]]]:
    """The list as (post title, [children]) pairs."""
    found: list[tuple[str, list[object]]] = []
    for li in ul.elements():
        title = li.find("span", class_="org-post").find("a").text()
        inner = [child for child in li.elements() if child.tag == "ul"]
        found.append((title, nested(inner[0]) if inner else []))
    return found


def svg_of(html: bytes) -> ET.Element:
    match = re.search(rb"<svg.*?</svg>", html, re.S)
    assert match, "no SVG in the page"
    return ET.fromstring(match.group(0))


def test_chart_page_has_the_tree_as_a_nested_list(make_site: Callable[..., Path],
                                                  build_site_at: Build) -> None:
    result = build_site_at(chart_site(make_site), write=False)
    assert not result.problems
    chart = main(result, "staff/organisation-chart/index.html")
    assert nested(chart.find("ul", class_="org-chart")) == [
        ("Police and Crime Commissioner", [
            ("Chief of Staff", [
                ("Head of Policy", [("Policy Officer", []), (TRICKY, [])]),
                ("Support Officer", []),
            ]),
        ]),
    ]
    items = {li.find("a").text(): li for li in chart.find_all("li")}
    assert items["Chief of Staff"].find("span", class_="org-meta").text().startswith(
        "Grade SM7: £77,874 – £83,127; Full-time equivalent 1; Bea Example")
    assert items["Policy Officer"].find("span", class_="org-meta").text() == \
        "Grade S5: £22,668 – £24,759; Full-time equivalent 0.8"
    assert "Vacant" in items[TRICKY].find("span", class_="org-post").text()
    assert items["Police and Crime Commissioner"].find("a").attrs["href"] == \
        "/staff/roles/commissioner/"


def test_chart_svg_is_an_accessible_image(make_site: Callable[..., Path],
                                          build_site_at: Build) -> None:
    result = build_site_at(chart_site(make_site), write=False)
    svg = svg_of(output(result, "staff/organisation-chart/index.html"))
    assert svg.get("role") == "img"
    title_id, desc_id = (svg.get("aria-labelledby") or "").split()
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert title is not None and title.get("id") == title_id
    assert desc is not None and desc.get("id") == desc_id
    assert title.text == "Organisation chart: Office of the Police and Crime Commissioner for " \
                         "Testshire"
    assert svg.get("viewBox") == f"0 0 {svg.get('width')} {svg.get('height')}"


def test_chart_svg_draws_one_box_per_post_and_one_line_per_report(
        make_site: Callable[..., Path], build_site_at: Build) -> None:
    result = build_site_at(chart_site(make_site), write=False)
    svg = svg_of(output(result, "staff/organisation-chart/index.html"))
    boxes = svg.findall(f".//{SVG}g[@class='org-box']")
    assert len(boxes) == 6
    assert len(svg.findall(f".//{SVG}path")) == 5
    by_title = {}
    for box in boxes:
        texts = box.findall(f"{SVG}text")
        title = " ".join(t.text or "" for t in texts[0].findall(f"{SVG}tspan"))
        rect = box.find(f"{SVG}rect")
        assert rect is not None
        by_title[title] = (rect, texts[1].text)
    assert TRICKY in by_title  # escaped in the page, read back intact
    assert by_title[TRICKY][1] == "S5 · Vacant"
    assert by_title[TRICKY][0].get("stroke-dasharray") == "6 4"
    assert by_title["Police and Crime Commissioner"][1] == "Office holder"
    assert by_title["Chief of Staff"][1] == "SM7"

    def x(title: str) -> int:
        return int(by_title[title][0].get("x") or 0)

    def y(title: str) -> int:
        return int(by_title[title][0].get("y") or 0)

    assert x("Police and Crime Commissioner") == x("Chief of Staff")
    assert x("Chief of Staff") == (x("Head of Policy") + x("Support Officer")) // 2
    assert x("Policy Officer") < x(TRICKY) < x("Support Officer")
    assert y("Police and Crime Commissioner") < y("Chief of Staff") < y("Head of Policy") \
        < y("Policy Officer") == y(TRICKY)


def test_chart_is_on_the_staff_index_and_output_is_deterministic(
        make_site: Callable[..., Path], build_site_at: Build) -> None:
    site = chart_site(make_site)
    first = build_site_at(site, write=False)
    second = build_site_at(site, write=False)
    index = output(first, "staff/index.html")
    assert svg_of(index).get("role") == "img"
    assert main(first, "staff/index.html").find("a", href="/staff/organisation-chart/")
    for path in ("staff/index.html", "staff/organisation-chart/index.html",
                 "staff/organisation-chart.csv", "staff/roles.json"):
        assert output(first, path) == output(second, path)


def test_layout_of_a_known_tree() -> None:
    tree = build_tree({"a": None, "b": "a", "c": "a", "d": "b"})
    labels = {s: ChartLabel(f"Post {s.upper()}", "G1") for s in "abcd"}
    layout = layout_chart(tree, labels)
    boxes = {b.slug: b for b in layout.boxes}
    assert [b.slug for b in layout.boxes] == ["a", "b", "d", "c"]
    assert boxes["d"].x == boxes["b"].x  # a single child sits under its parent
    assert boxes["c"].x - boxes["d"].x == BOX_WIDTH + 16
    assert boxes["a"].centre == (boxes["b"].centre + boxes["c"].centre) // 2
    assert layout.width == boxes["c"].x + BOX_WIDTH + 8
    assert layout.connectors[0] == (
        f"M{boxes['a'].centre} {boxes['a'].y + layout.box_height}"
        f"V{boxes['a'].y + layout.box_height + 20}H{boxes['b'].centre}V{boxes['b'].y}")


def test_layout_wraps_long_titles_and_grows_every_box() -> None:
    tree = build_tree({"a": None})
    layout = layout_chart(tree, {"a": ChartLabel("Deputy Police and Crime Commissioner", None)})
    assert layout.boxes[0].lines == ("Deputy Police and", "Crime Commissioner")
    assert layout.box_height == 2 * 10 + 3 * 17
