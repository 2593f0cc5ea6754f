"""The one Markdown renderer: Python-Markdown plus link rewriting and safety.

- Relative links to content files (``../police-and-crime-plan.md#priorities``) become
  site URLs; a link to a missing or unpublished file is a located problem.
- Raw HTML is escaped unless ``allow_html``; when allowed, the output is sanitised
  with nh3 (iframes only from the configured webcast hosts).
- ``javascript:`` and other unsafe link schemes are removed whatever the setting.
"""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from generator.errors import Problem, error
from generator.render.contacts import link_contacts
from generator.urls import SAFE_SCHEMES, LinkFailure, resolve_relative

_EXTENSIONS = ["tables", "sane_lists", "fenced_code", "def_list", "toc"]

# Resolves a content-relative target (no fragment) to a site path, or explains why not.
LinkResolver = Callable[[str], "str | LinkFailure"]


@dataclass
class RenderContext:
    """What the link rewriter needs to know about the document being converted."""

    source_rel: str
    display: str
    body: str
    body_line: int
    resolve: LinkResolver
    href: Callable[[str], str]
    problems: list[Problem] = field(default_factory=list)
    linked_assets: set[str] = field(default_factory=set)
    _after: dict[str, int] = field(default_factory=dict)
    # Last, as the name hides dataclasses.field in the rest of the class body.
    field: str | None = None
    """For a Markdown field of the front matter (an agenda item's minute): its name, as
    problems give it ("agenda[3].minute"); ``body_line`` is then the field's line."""

    def line_for(self, needle: str) -> int:
        """The line of the next occurrence of ``needle``: links are met in document
        order, so a second link to the same address is found on its own line (and is
        reported there, not merged with the first). A field's problems are on its line:
        its text is not laid out in the file line for line (quoted, escaped, folded)."""
        if self.field is not None:
            return self.body_line
        index = self.body.find(needle, self._after.get(needle, 0))
        if index < 0:
            index = self.body.find(needle)
        if index >= 0:
            self._after[needle] = index + max(len(needle), 1)
        return self.body_line + (self.body.count("\n", 0, index) if index >= 0 else 0)


class _LinkRewriter(Treeprocessor):
    def __init__(self, md: markdown.Markdown, owner: MarkdownRenderer):
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        ctx = self.owner.context
        if ctx is None:
            return
        for element in root.iter():
            attr = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            if attr is None or attr not in element.attrib:
                continue
            element.set(attr, self._rewrite(element.attrib[attr], ctx, element, attr))

    def _rewrite(self, target: str, ctx: RenderContext, element: etree.Element,
                 attr: str) -> str:
        raw = target.strip()
        # Judge the address as a browser will read it: entities decoded (Python-Markdown
        # keeps "&#106;" and obfuscates e-mail autolinks that way), controls stripped.
        plain = browser_url(raw)
        parts = urlsplit(plain)
        if parts.scheme:
            if parts.scheme.lower() not in SAFE_SCHEMES:
                ctx.problems.append(error(
                    ctx.display, f"the link '{plain[:40]}' uses an unsafe address type",
                    line=ctx.line_for(raw), field=ctx.field,
                    hint="only http, https, mailto and tel links are allowed; the link was "
                         "removed"))
                del element.attrib[attr]
                return "#"
            return raw
        raw = plain
        if raw.startswith("#") or not raw:
            return raw
        if raw.startswith("/") or raw.startswith("\\"):
            ctx.problems.append(error(
                ctx.display, f"the link '{raw}' starts with /", line=ctx.line_for(raw),
                field=ctx.field, hint="link to the content file relatively, e.g. ../about.md"))
            return "#"
        path = unquote(parts.path)
        resolved = resolve_relative(ctx.source_rel, path)
        if resolved is None:
            ctx.problems.append(error(
                ctx.display, f"the link '{raw}' points outside the content folder",
                line=ctx.line_for(raw), field=ctx.field,
                hint="link only to files inside content/"))
            return "#"
        outcome = ctx.resolve(resolved)
        if isinstance(outcome, LinkFailure):
            if not outcome.quiet:
                ctx.problems.append(error(ctx.display, outcome.message, line=ctx.line_for(raw),
                                          field=ctx.field, hint=outcome.hint))
            return "#"
        if not resolved.endswith(".md"):
            ctx.linked_assets.add(resolved)
        url = ctx.href(outcome)
        return url + (f"#{parts.fragment}" if parts.fragment else "")


_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def browser_url(value: str) -> str:
    """An attribute value as a browser resolves it: character references decoded,
    leading and trailing control characters and spaces dropped, tabs and newlines
    removed (so ``java&#9;script:`` and ``&#106;avascript:`` show their scheme)."""
    text = html_lib.unescape(value.replace(AMP_SUBSTITUTE, "&"))
    return re.sub(r"[\t\n\r]", "", text).strip(_C0_AND_SPACE)
class _TableWrapper(Treeprocessor):
    """Put each table in its own scrolling box so a wide table never widens the page.

    The box is named after the heading above the table, or its column headings when
    there is none; tables.js makes it a named, focusable region only when it does
    scroll, so a table that fits is not a tab stop (WCAG 1.4.10, 2.1.1)."""

    def run(self, root: etree.Element) -> None:
        heading: etree.Element | None = None
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag in {"h2", "h3", "h4", "h5", "h6"}:
                    heading = child
                if child.tag != "table":
                    continue
                wrapper = etree.Element("div", {"class": "table-wrap"})
                if heading is not None and heading.get("id"):
                    wrapper.set("data-scroll-labelledby", heading.get("id", ""))
                else:
                    cells = [" ".join("".join(th.itertext()).split())
                             for th in child.iter("th")]
                    wrapper.set("data-scroll-label", ", ".join(c for c in cells if c) or "Table")
                parent.remove(child)
                wrapper.append(child)
                parent.insert(index, wrapper)


class _ContactLinker(Treeprocessor):
    """Phone numbers and email addresses written as plain text become links."""

    def run(self, root: etree.Element) -> None:
        link_contacts(root)


class _Hooks(Extension):
    def __init__(self, owner: MarkdownRenderer):
        super().__init__()
        self.owner = owner

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - library API
        md.treeprocessors.register(_LinkRewriter(md, self.owner), "transparency_links", 1)
        md.treeprocessors.register(_TableWrapper(md), "transparency_tables", 0.5)
        md.treeprocessors.register(_ContactLinker(md), "transparency_contacts", 0.4)
        if not self.owner.allow_html:
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")


class MarkdownRenderer:
    """Reusable converter; one per process (Python-Markdown instances are not thread-safe)."""

    def __init__(self, *, allow_html: bool = False, webcast_hosts: tuple[str, ...] = ()):
        self.allow_html = allow_html
        self.webcast_hosts = webcast_hosts
        self.context: RenderContext | None = None
        self._md = markdown.Markdown(extensions=[*_EXTENSIONS, _Hooks(self)],
                                     extension_configs={"toc": {"toc_depth": "2-3"}},
                                     output_format="html")

    def convert(self, text: str, context: RenderContext | None = None) -> str:
        self.context = context
        try:
            html = self._md.reset().convert(text)
        except RecursionError:
            # Python-Markdown recurses per level of nested lists; hundreds of levels are
            # hostile or broken input, never a document, so refuse it with its location.
            if context is None:
                raise
            context.problems.append(error(
                context.display, "the text is nested too deeply to read (lists or quotes "
                                 "inside each other hundreds of times)", line=context.body_line,
                field=context.field, hint="check the indentation of lists and the > of quotes"))
            return ""
        finally:
            self.context = None
        if self.allow_html:
            html = sanitise(html, self.webcast_hosts)
        return html


# After nh3 every attribute value is double-quoted with " escaped, and the iframe filter
# below removes < and > from iframe attributes, so this matches whole iframe elements.
_IFRAME = re.compile(r"<iframe\b([^>]*)>.*?</iframe>", re.DOTALL)
_ATTRIBUTE = re.compile(r'\s([^\s="]+)(?:="[^"]*")?')


def _keep_iframe(match: re.Match[str]) -> str:
    names = _ATTRIBUTE.findall(match[1])
    return f"<iframe{match[1]}></iframe>" if "src" in names else ""


def _webcast_src(value: str, webcast_hosts: tuple[str, ...]) -> str | None:
    """An iframe address is kept only when it is https on an allowed host, without a
    user name, password or port that could disguise another host."""
    parts = urlsplit(value.strip())
    if parts.scheme != "https" or parts.username or parts.password or parts.port:
        return None
    return value.strip() if (parts.hostname or "") in webcast_hosts else None


def sanitise(html: str, webcast_hosts: tuple[str, ...] = ()) -> str:
    """Remove scripts, event handlers, unsafe URLs; keep iframes from webcast hosts only.

    An iframe whose address is not allowed is removed entirely (not left empty), and an
    allowed iframe loses any inner content (browsers never show it; it only hides markup).
    """
    tags = set(nh3.ALLOWED_TAGS) | {"iframe", "figure", "figcaption", "caption"}
    attributes = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
    attributes.setdefault("iframe", set()).update({"src", "title", "width", "height",
                                                   "allowfullscreen"})
    for tag in ("h1", "h2", "h3", "h4", "h5", "h6", "th", "td", "table"):
        attributes.setdefault(tag, set()).update({"id", "scope", "colspan", "rowspan"})
    # the scrolling region each table is wrapped in (see _TableWrapper)
    attributes.setdefault("div", set()).update({"class", "role", "tabindex", "aria-label",
                                                "aria-labelledby"})

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "iframe":
            if attribute == "src":
                return _webcast_src(value, webcast_hosts)
            return value.replace("<", "").replace(">", "")
        return value

    cleaned: str = nh3.clean(html, tags=tags, attributes=attributes, attribute_filter=keep,
                             url_schemes=SAFE_SCHEMES, link_rel="noopener noreferrer")
    return _IFRAME.sub(_keep_iframe, cleaned)
