"""Phone numbers and email addresses written in content become ``tel:``/``mailto:`` links.

An editor writes "Phone 01632 960 123 or email opcc@northshire-pcc.example" as plain
text; on a phone a reader should be able to tap either. Only UK numbers of 10 or 11
digits starting 0 or +44 are linked (not "101" or "999", not dates or amounts), and
nothing already inside a link, code or a heading is touched.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markupsafe import Markup, escape

_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
_PHONE = r"(?:\+44\s?(?:\(0\)\s?)?|0)\d{2,4}(?:[ -]?\d{3,4}){1,2}"
_CONTACT = re.compile(rf"(?<![\w@.+/-])(?:(?P<email>{_EMAIL})|(?P<phone>{_PHONE}))(?![\w@/-])")
_SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style"}


def _href(match: re.Match[str]) -> str | None:
    """The link for a match, or None when it is not a phone number after all."""
    email = match.group("email")
    if email:
        return "mailto:" + email.rstrip(".")
    digits = re.sub(r"\D", "", match.group("phone"))
    if digits.startswith("44"):
        digits = "0" + digits[2:].removeprefix("0")
    if not 10 <= len(digits) <= 11:
        return None
    return "tel:+44" + digits[1:]


def _pieces(text: str) -> list[str | tuple[str, str]]:
    """``text`` cut into plain strings and (link text, href) pairs."""
    out: list[str | tuple[str, str]] = []
    last = 0
    for match in _CONTACT.finditer(text):
        href = _href(match)
        if href is None:
            continue
        shown = match.group(0)
        if match.group("email") and shown.endswith("."):
            shown = shown[:-1]
        out.append(text[last:match.start()])
        out.append((shown, href))
        last = match.start() + len(shown)
    out.append(text[last:])
    return out


def link_contacts(root: etree.Element) -> None:
    """Turn contacts in the text of ``root`` (a Markdown document tree) into links."""
    for parent in _outside_links(root):
        if parent.text and _CONTACT.search(parent.text):
            _insert(parent, 0, parent.text, lead=True)
        for index in range(len(parent) - 1, -1, -1):
            child = parent[index]
            if child.tail and _CONTACT.search(child.tail):
                _insert(parent, index + 1, child.tail, lead=False, before=child)


def _outside_links(root: etree.Element) -> list[etree.Element]:
    """Every element not inside a link, code, a heading (or one of them itself)."""
    found: list[etree.Element] = []
    stack = [root]
    while stack:
        element = stack.pop()
        if element.tag in _SKIP:
            continue
        found.append(element)
        stack.extend(reversed(list(element)))
    return found


def _insert(parent: etree.Element, at: int, text: str, *, lead: bool,
            before: etree.Element | None = None) -> None:
    pieces = _pieces(text)
    if len(pieces) == 1:
        return
    first = pieces[0]
    assert isinstance(first, str)
    if lead:
        parent.text = first
    elif before is not None:
        before.tail = first
    position = at
    rest = pieces[1:]
    for index in range(0, len(rest), 2):
        pair = rest[index]
        assert isinstance(pair, tuple)
        shown, href = pair
        link = etree.Element("a", {"href": href})
        link.text = shown
        tail = rest[index + 1] if index + 1 < len(rest) else ""
        link.tail = tail if isinstance(tail, str) else ""
        parent.insert(position, link)
        position += 1


def contact_links(text: str | None) -> Markup:
    """Plain text (a meeting body's contact line) escaped, with its contacts linked."""
    if not text:
        return Markup("")
    out = []
    for piece in _pieces(text):
        if isinstance(piece, str):
            out.append(str(escape(piece)))
        else:
            out.append(f'<a href="{escape(piece[1])}">{escape(piece[0])}</a>')
    return Markup("".join(out))
