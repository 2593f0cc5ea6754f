"""Phone numbers and emails written in content become tel: and mailto: links."""

from __future__ import annotations

from htmltools import parse_html

from generator.render.contacts import contact_links
from generator.render.markdown import MarkdownRenderer


def _links(markdown_text: str) -> list[tuple[str, str]]:
    tree = parse_html(MarkdownRenderer().convert(markdown_text))
    return [(a.attrs["href"], a.text) for a in tree.find_all("a")]


def test_phone_numbers_and_emails_become_links() -> None:
    text = ("Phone 01632 960 123 or email opcc@northshire-pcc.example. International: "
            "+44 1632 960124.\n\n| Ask | How |\n|---|---|\n| FOI | Email foi@x.example |\n")
    assert _links(text) == [("tel:+441632960123", "01632 960 123"),
                            ("mailto:opcc@northshire-pcc.example", "opcc@northshire-pcc.example"),
                            ("tel:+441632960124", "+44 1632 960124"),
                            ("mailto:foi@x.example", "foi@x.example")]


def test_what_is_not_a_phone_number_is_left_alone() -> None:
    text = ("Call 101 or 999. Reference NP-2610-0001 of 01/10/2026, budget 2026-27, "
            "£0.6 million at 09:30.\n\n`0300 123 4567`\n\n## Call 01632 960 123\n\n"
            "[ring **01632 960 125**](https://x.example)")
    assert _links(text) == [("https://x.example", "ring 01632 960 125")]


def test_plain_fields_are_escaped_and_linked() -> None:
    assert str(contact_links("Clerk <b>: 01632 960 200, clerk@x.example")) == (
        'Clerk &lt;b&gt;: <a href="tel:+441632960200">01632 960 200</a>, '
        '<a href="mailto:clerk@x.example">clerk@x.example</a>')
