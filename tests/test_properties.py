"""Property tests: random content builds, round-trips through CSV/JSON, and never breaks
the HTML (parsed back, the text is intact and no element was injected)."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from conftest import MINIMAL_SITE_YML, TODAY, write_files
from htmltools import parse_html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from register_support import money, output, page, read_csv, read_json
from test_unsafe_content import dangers

from generator.build import BuildResult, build
from generator.datasets import (
    Column,
    Dataset,
    dataset_files,
    joined_dataset_files,
    plain,
    text_cell,
    to_csv,
    to_json,
    unguard,
)
from generator.load.sources import SourceFile, parse_source

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Any character a file can hold: everything but lone surrogates (not encodable) and NUL
# (refused as binary; tested in the hostile corpus).
ANY_CHAR = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
TEXT = st.text(ANY_CHAR, min_size=1, max_size=60)
# Markdown bodies: fragments chosen to provoke Markdown, HTML and template syntax.
FRAGMENTS = ["a", "Z", "é", "😀", " ", "\n", "\n\n", "<", ">", "&", '"', "'", "`", "*", "_",
             "[", "]", "(", ")", "!", "#", "-", "+", "|", ":", "/", "\\", "{{", "}}", "{%",
             "%}", "---", "<script>", "</p>", "<!--", "-->", "javascript:", "&#106;", "&amp;",
             "http://", "mailto:", "](", "    ", "1.", "> ", "<b>", "<img src=x onerror=y>"]
BODY = st.lists(st.sampled_from(FRAGMENTS) | TEXT, max_size=40).map("".join)
MARKDOWN_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong",
                 "code", "pre", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th",
                 "td", "dl", "dt", "dd", "img", "div", "span", "sup"}


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text``."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def normal(text: str) -> str:
    return " ".join(text.split())


def _build(files: dict[str, str | bytes]) -> BuildResult:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_files(root, {"site.yml": MINIMAL_SITE_YML,
                           "content/index.md": "---\ntitle: Home\n---\nWelcome.\n", **files})
        return build(root, today=TODAY, write=False)


@SETTINGS
@given(title=TEXT, summary=TEXT)
def test_random_titles_and_summaries_are_shown_intact_and_inject_nothing(
        title: str, summary: str) -> None:
    result = _build({"content/page.md": f"---\ntitle: {yaml_quoted(title)}\n"
                                        f"summary: {yaml_quoted(summary)}\n---\nBody.\n"})
    assert result.errors == []
    html = next(o.content for o in result.outputs if o.path == "page/index.html")
    tree = parse_html(html)
    h1 = tree.find("h1")
    assert h1.children == [] and normal(h1.text) == normal(title)
    lead = tree.find("p", **{"class": "lead"})
    assert lead.children == [] and normal(lead.text) == normal(summary)
    assert normal(tree.find("meta", name="description").attrs["content"]) == normal(summary)
    assert normal(tree.find("title").text).startswith(normal(title))
    assert dangers(html) == []
    visible = [e.tag for e in tree.find("main").children if "hidden" not in e.attrs]
    assert visible == ["h1", "p", "p", "p"]


@SETTINGS
@given(body=BODY)
def test_random_markdown_bodies_keep_the_page_whole(body: str) -> None:
    result = _build({"content/page.md": f"---\ntitle: Page\n---\n{body}"})
    for problem in result.problems:  # links to files that do not exist, unsafe links…
        assert problem.path == "content/page.md" and problem.line is not None, str(problem)
    html = next(o.content for o in result.outputs if o.path == "page/index.html")
    tree = parse_html(html)
    assert dangers(html) == []
    body_tags = [e.tag for e in tree.find("body").children]
    assert body_tags == ["a", "header", "nav", "main", "footer", "script"] or \
        body_tags == ["a", "header", "main", "footer", "script"]
    main = tree.find("main")
    shown = [child for child in main.children if "hidden" not in child.attrs]
    assert shown[0].tag == "h1" and shown[0].text == "Page"
    inside = {e.tag for child in shown[1:-1] for e in child.iter()}
    assert inside <= MARKDOWN_TAGS, inside - MARKDOWN_TAGS


ROW = st.fixed_dictionaries({
    "name": TEXT,
    "amount": st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2),
    "count": st.integers(min_value=-10**12, max_value=10**12),
    "day": st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    "flag": st.booleans(),
    "note": st.none() | TEXT,
})
COLUMNS = [Column("name", "Name"), Column("amount", "Amount", "money"),
           Column("count", "Count", "number"), Column("day", "Day", "date"),
           Column("flag", "Flag", "bool"), Column("note", "Note")]


@SETTINGS
@given(rows=st.lists(ROW, max_size=12))
def test_dataset_rows_round_trip_through_csv_and_json(rows: list[dict[str, object]]) -> None:
    dataset = Dataset("data/x", "X", "Random rows", COLUMNS, rows)
    document = json.loads(to_json(dataset).decode("utf-8"))
    assert document["rows"] == [{c.key: plain(row[c.key]) for c in COLUMNS} for row in rows]
    assert [Decimal(str(r["amount"])) for r in document["rows"]] == [r["amount"] for r in rows]
    encoded = to_csv(dataset)
    assert encoded.startswith(b"\xef\xbb\xbf")  # for Excel
    table = list(csv.reader(io.StringIO(encoded.decode("utf-8-sig"), newline="")))
    assert table[0] == [c.key for c in COLUMNS]
    expected = [[lf(row["name"]), f"{row['amount']:.2f}", str(row["count"]),
                 row["day"].isoformat(),  # type: ignore[attr-defined]
                 "true" if row["flag"] else "false", lf(row["note"] or "")] for row in rows]
    # Text cells that start like a formula carry an apostrophe; numbers never do.
    assert [[unguard(c) if i in (0, 5) else c for i, c in enumerate(r)]
            for r in table[1:]] == expected
    for row in table[1:]:
        assert not row[0].startswith(("=", "+", "-", "@")) or row[0][1:].isdigit()


@SETTINGS
@given(parts=st.lists(st.lists(ROW, max_size=5), max_size=5))
def test_a_dataset_joined_from_its_parts_is_byte_for_byte_the_dataset(
        parts: list[list[dict[str, object]]]) -> None:
    """All spending is written by joining the months' encoded rows (never encoded twice):
    that must be exactly what encoding all the rows gives, empty months included."""
    whole = Dataset("data/all", "All \"rows\"", "Every row", COLUMNS,
                    [row for part in parts for row in part], updated=date(2026, 1, 1))
    made = [(Dataset(f"data/{n}", f"Part {n}", "", COLUMNS, part), []) for n, part in
            enumerate(parts)]
    joined = joined_dataset_files(whole, [(d, dataset_files(d)) for d, _ in made])
    assert [f.content for f in joined] == [to_csv(whole), to_json(whole)]
    assert [f.content for f in joined] == [f.content for f in dataset_files(whole)]


def lf(value: object) -> str:
    """CSV cells carry line breaks as "\n" (a bare "\r" would split the row)."""
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


@SETTINGS
@given(rows=st.lists(st.lists(TEXT, min_size=3, max_size=3), min_size=1, max_size=10))
def test_our_csv_downloads_read_back_through_our_csv_reader(rows: list[list[str]]) -> None:
    """A published CSV can be re-imported as a register: same rows, same cells."""
    columns = [Column("a", "A"), Column("b", "B"), Column("c", "C")]
    data = to_csv(Dataset("x", "X", "", columns, [dict(zip("abc", r, strict=True))
                                                  for r in rows]))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.csv"
        path.write_bytes(data)
        source, problems = parse_source(SourceFile("x.csv", path))
    assert problems == [] and source is not None and source.csv_rows is not None

    def read_as(cell: str) -> str:  # the reader trims cells; line breaks are "\n"
        return lf(text_cell(cell)).strip()  # as written: formula-like text guarded

    expected = [dict(zip("abc", (read_as(c) for c in r), strict=True)) for r in rows]
    blank = [not any(read_as(c) for c in r) for r in rows]  # blank rows are skipped
    assert [cells for _, cells in source.csv_rows] == [
        e for e, skip in zip(expected, blank, strict=True) if not skip]


@SETTINGS
@given(name=TEXT, short=TEXT, line=TEXT, phone=TEXT, email=TEXT, nav=TEXT)
def test_random_site_settings_are_shown_intact_and_inject_nothing(
        name: str, short: str, line: str, phone: str, email: str, nav: str) -> None:
    yml = (f"organisation:\n  name: {yaml_quoted(name)}\n  short_name: {yaml_quoted(short)}\n"
           "base_url: https://example.org/\n"
           f"contact:\n  address: [{yaml_quoted(line)}]\n  phone: {yaml_quoted(phone)}\n"
           f"  email: {yaml_quoted(email)}\n"
           f"navigation:\n  - {{title: {yaml_quoted(nav)}, link: index.md}}\n")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_files(root, {"site.yml": yml, "content/index.md": "---\ntitle: Home\n---\n"})
        result = build(root, today=TODAY, write=False)
    assert result.errors == []
    html = next(o.content for o in result.outputs if o.path == "index.html")
    tree = parse_html(html)
    assert dangers(html) == []
    assert normal(tree.find("span", **{"class": "site-name-long"}).text) == normal(name)
    assert normal(tree.find("nav", **{"class": "site-nav"}).text) == normal(nav)
    address = normal(tree.find("address").text)
    assert all(normal(value) in address for value in (name, line, phone, email))


YAML_FRAGMENTS = ["title", "summary", "updated", "draft", "nav_order", "class", "duties",
                  "publish_from", "type", ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "&a ",
                  "*a", "!!str ", "!!python/name:os.system ", "? ", "|", ">", "\t", "#", "'",
                  '"', "\n", "  ", "---", "...", "%YAML 1.1\n", "<<: ", "~", "null", "yes",
                  "2026-02-30", "2026-11-23", "2026-11-23T10:00", "1e999", "-0", "0x1F", "é",
                  "\ufeff", "\r", "\\", "page", "true"]
FRONT = st.lists(st.sampled_from(YAML_FRAGMENTS) | TEXT, max_size=30).map("".join)


@SETTINGS
@given(front=FRONT, csv_text=st.lists(st.sampled_from(['"', ",", "\n", "\r", "a", "é", " "])
                                      | TEXT, max_size=30).map("".join))
def test_any_front_matter_or_csv_gives_problems_never_a_crash(front: str, csv_text: str) -> None:
    result = _build({"content/page.md": f"---\n{front}\n---\nBody.\n",
                     "content/data.csv": csv_text, "content/data.yml": front})
    for problem in result.problems:
        assert problem.path.startswith("content/"), str(problem)
        assert problem.line is not None or "cannot be used" in problem.message, str(problem)


GIFT = st.fixed_dictionaries({
    "recipient": TEXT.filter(str.strip), "offered_by": TEXT.filter(str.strip),
    "description": TEXT.filter(str.strip),
    "value": st.decimals(min_value=Decimal(0), max_value=Decimal("1e7"), places=2),
    "status": st.sampled_from(["accepted", "declined"]),
})


@SETTINGS
@given(gifts=st.lists(GIFT, min_size=1, max_size=6),
       days=st.lists(st.integers(min_value=0, max_value=3000), min_size=6, max_size=6,
                     unique=True))
def test_random_register_rows_read_back_from_the_table_and_downloads(
        gifts: list[dict[str, Any]], days: list[int]) -> None:
    """Gifts written in YAML by hand go through the register loader into the HTML table,
    the CSV and the JSON: every text reads back as typed (trimmed, as the loader trims
    cells), every amount as the same number."""
    rows = [{**gift, "date": date(2019, 1, 1) + timedelta(days=day)}
            for gift, day in zip(gifts, days, strict=False)]
    entries = "".join(
        f"  - date: {row['date']}\n    recipient: {yaml_quoted(row['recipient'])}\n"
        f"    offered_by: {yaml_quoted(row['offered_by'])}\n"
        f"    description: {yaml_quoted(row['description'])}\n"
        f"    value: {row['value']}\n    status: {row['status']}\n" for row in rows)
    result = _build({"content/registers/gifts-and-hospitality.md": "---\ntitle: Gifts\n---\n",
                     "content/registers/gifts-and-hospitality.yml": f"entries:\n{entries}"})
    assert [str(p) for p in result.errors] == []
    texts = ("recipient", "offered_by", "description")
    oldest_first = sorted(rows, key=lambda r: r["date"])
    document = read_json(result, "registers/gifts-and-hospitality.json")["rows"]
    assert [{k: r[k] for k in texts} for r in document] == [
        {k: r[k].strip() for k in texts} for r in oldest_first]
    assert [Decimal(str(r["value"])) for r in document] == [r["value"] for r in oldest_first]
    assert [(r["date"], r["status"]) for r in document] == [
        (r["date"].isoformat(), r["status"]) for r in oldest_first]
    table = read_csv(result, "registers/gifts-and-hospitality.csv")
    assert [{k: unguard(r[k]) for k in texts} for r in table] == [
        {k: lf(r[k].strip()) for k in texts} for r in oldest_first]
    assert [Decimal(r["value"]) for r in table] == [r["value"] for r in oldest_first]
    html = output(result, "registers/gifts-and-hospitality/index.html")
    assert dangers(html) == []
    shown = page(result, "registers/gifts-and-hospitality/index.html").table("Gifts")
    newest_first = oldest_first[::-1]
    for column, key in (("Recipient", "recipient"), ("Offered by", "offered_by"),
                        ("Description", "description")):
        assert shown.column(column) == [normal(r[key]) for r in newest_first]
    assert [money(v) for v in shown.column("Value")] == [r["value"] for r in newest_first]
