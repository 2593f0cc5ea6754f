from __future__ import annotations

import datetime

import pytest

from generator.load.yamldata import YamlSyntaxError, parse_yaml


def test_lines_of_keys_and_list_items_are_kept() -> None:
    doc = parse_yaml("title: A\nagenda:\n  - title: One\n  - title: Two\n", line_offset=1)
    assert doc.value == {"title": "A", "agenda": [{"title": "One"}, {"title": "Two"}]}
    assert doc.lines[("title",)] == 2
    assert doc.lines[("agenda", 1)] == 5
    assert doc.lines[("agenda", 1, "title")] == 5
    assert doc.line_of(("agenda", 1, "missing")) == 5


def test_duplicate_keys_are_reported_with_their_line() -> None:
    doc = parse_yaml("title: A\nsummary: x\ntitle: B\n")
    assert doc.duplicates == [(("title",), 3)]


def test_tab_indentation_gives_plain_message_and_line() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("title: A\nagenda:\n\t- one\n")
    assert caught.value.line == 3
    assert "tab" in caught.value.message
    assert "spaces" in caught.value.hint


def test_impossible_date_stays_text_for_the_field_to_explain() -> None:
    # The field's own check then says "'2024-02-30' is not a real date" with its name.
    doc = parse_yaml("title: A\nupdated: 2024-02-30\nbig: " + "9" * 5000 + "\n")
    assert doc.value["updated"] == "2024-02-30"
    assert doc.value["big"] == "9" * 5000


def test_dates_become_dates_and_datetimes_without_seconds_stay_text() -> None:
    doc = parse_yaml("a: 2024-05-20\nb: 2024-05-20T14:00\n")
    assert doc.value["a"] == datetime.date(2024, 5, 20)
    assert doc.value["b"] == "2024-05-20T14:00"


def test_alias_bomb_is_refused() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, "
                     f"*{prev}, *{prev}, *{prev}, *{prev}]")
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("\n".join(lines))
    assert "too many" in caught.value.message


def test_only_true_and_false_are_booleans() -> None:
    doc = parse_yaml("a: yes\nb: no\nc: on\nd: true\ne: False\n")
    assert doc.value == {"a": "yes", "b": "no", "c": "on", "d": True, "e": False}
@pytest.mark.parametrize("text", [
    "a: " + "[" * 200_000 + "]" * 200_000,        # crashed libyaml's recursive composer
    "a:\n" + "  - " * 200_000 + "x",
    "a: " + "{b: " * 5_000 + "1" + "}" * 5_000,   # RecursionError in our own builder
])
def test_absurd_nesting_is_a_located_error_not_a_crash(text: str) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text, line_offset=1)
    assert "nested more than 100 levels" in caught.value.message
    assert caught.value.line in {2, 3}


@pytest.mark.parametrize("text, tag", [
    ("title: !!python/name:os.system x\n", "!!python/name:os.system"),
    ("base: &b {title: A}\n<<: *b\n", "!!merge"),
    ("title: !!python/object/apply:os.system [echo pwned]\n",
     "!!python/object/apply:os.system"),
    ("title: !!set {a, b}\n", "!!set"),
    ("title: !local [a]\n", "!local"),
])
def test_unsafe_and_unsupported_tags_are_refused(text: str, tag: str) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text)
    assert caught.value.message == f"the YAML tag '{tag}' is not allowed"


def test_control_characters_are_located() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("title: A\nsummary: B\x1fC\n", line_offset=1)
    assert (caught.value.line, caught.value.message) == (
        3, "the text contains an invisible control character (U+001F)")


CURLY = ("the YAML is invalid: this line uses curly quotes (“ ” or ‘ ’), which YAML does "
         "not read as quotes")


@pytest.mark.parametrize(("text", "line"), [
    ("title: “Item: detail”\n", 1),  # was "put text that contains ': ' in quotes"
    ("a: 1\nb: [“x”, y\n", 2),
    ("a: 1\nnavigation:\n  - {title: “About, us”, link: about.md}\n", 3),  # read silently
    ("summary: ok\ntitle: ‘Plan: 2026’\n", 2),
    ("x: {title: “Plan: 2026”}\n", 1),  # was "expected ',' or '}'"
])
def test_curly_quotes_are_named_with_their_line(text: str, line: int) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text)
    assert (caught.value.message, caught.value.line) == (CURLY, line)
    assert "straight quotes \" or '" in caught.value.hint


def test_a_curly_apostrophe_is_just_text() -> None:
    assert parse_yaml("title: The Commissioner’s plan\n").value == {
        "title": "The Commissioner’s plan"}
    with pytest.raises(YamlSyntaxError) as caught:  # not the apostrophe's fault
        parse_yaml("title: The Commissioner’s plan: 2026\n")
    assert "curly" not in caught.value.message
