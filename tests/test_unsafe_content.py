"""Hostile text in every place an editor can type it never becomes active content.

An attack corpus goes through Markdown bodies (raw HTML escaped by default, sanitised
with allow_html), YAML fields (title, summary) and site.yml values. Every built page is
parsed back and checked as a browser would read it: no script but the theme's own, no
event handler, no javascript:/vbscript:/data: address, no iframe except the allow-listed
webcast hosts, no embedded objects, forms, base, meta refresh or style attributes from
content; and escaped text is shown intact.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from conftest import MINIMAL_SITE_YML, SiteFactory
from htmltools import Element, parse_html

from generator.build import BuildResult
from generator.render.markdown import browser_url

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">a</a>',
    '<a href="JaVaScRiPt:alert(1)">b</a>',
    '<a href="java&#x09;script:alert(1)">c</a>',
    '<a href="&#106;avascript:alert(1)">d</a>',
    '<a href=" javascript:alert(1)">e</a>',
    '<a href="vbscript:msgbox(1)">f</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">g</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example/"><input name=p>'
    '<button formaction="javascript:alert(1)">go</button></form>',
    '<p style="background:url(javascript:alert(1));width:expression(alert(1))">styled</p>',
    '<div style="behavior:url(x.htc)">behaviour</div>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'\"><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "{{ 7*7 }} {% raw %} ${7*7} #{7*7}",
    "[a](javascript:alert(1))",
    "[b](JaVaScRiPt:alert(1))",
    "[c](&#106;avascript:alert(1))",
    "[d](data:text/html,<script>alert(1)</script>)",
    "![e](javascript:alert(1))",
    "[f][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '<https://evil.example/" onmouseover="alert(1)>',
    '[g](https://example.org/" onmouseover="alert(1))',
    '![h" onerror="alert(1)](https://example.org/a.png)',
]

WEBCAST_HOSTS = ("www.youtube.com", "player.vimeo.com")
SITE_YML = MINIMAL_SITE_YML + "webcast_hosts: [www.youtube.com, player.vimeo.com]\n"
UNSAFE_SCHEMES = {"javascript", "vbscript", "data"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                  "background", "srcset", "ping", "cite", "longdesc"}
NEVER_FROM_CONTENT = {"object", "embed", "applet", "form", "input", "button", "textarea",
                      "select", "base", "meta", "link", "frame", "frameset", "svg", "math",
                      "style", "script"}


def dangers(html: bytes) -> list[str]:
    """Everything in a page that could run code or load something it should not."""
    found = []
    tree = parse_html(html)
    main = tree.find("main")
    inside_main = {id(e) for e in main.iter()} if main is not None else set()
    for element in tree.iter():
        where = f"<{element.tag}> {element.attrs}"
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"event handler {name}: {where}")
            if name in URL_ATTRIBUTES:
                scheme = urlsplit(browser_url(value)).scheme.lower()
                if scheme in UNSAFE_SCHEMES:
                    found.append(f"{scheme}: address in {name}: {where}")
            if name == "style" or name == "srcdoc":
                found.append(f"{name} attribute: {where}")
        if element.tag == "script" and not _theme_script(element):
            found.append(f"script: {where} {element.text!r}")
        if element.tag == "iframe" and not _webcast(element):
            found.append(f"iframe not from a webcast host: {where}")
        if element.tag in NEVER_FROM_CONTENT and id(element) in inside_main \
                and not _theme_svg(element):
            found.append(f"<{element.tag}> inside main: {where}")
    return found


THEME_SCRIPTS = {"/assets/tables.js", "/assets/filter.js", "/assets/search.js",
                 "/pagefind/pagefind-ui.js"}


def _theme_script(element: Element) -> bool:
    """The theme's own scripts, and structured data that is inert JSON (never code): its
    text must parse as JSON and may not contain "<" (so it cannot close the element)."""
    if element.attrs.get("src") in THEME_SCRIPTS and not element.text:
        return True
    if element.attrs.get("type") == "application/ld+json" and "src" not in element.attrs:
        raw = element.text
        if "<" in raw:
            return False
        try:
            json.loads(raw)
        except ValueError:
            return False
        return True
    return False


THEME_SVG_TAGS = {"svg", "title", "desc", "g", "path", "rect", "text", "tspan"}
THEME_SVG_CLASSES = {"org-chart-svg", "chart-svg"}


def _theme_svg(element: Element) -> bool:
    """The theme's organisation chart and bar charts, drawn at build time: shapes and
    text only (any event handler or unsafe address inside it is still reported on its
    own element)."""
    return element.tag == "svg" and element.attrs.get("class") in THEME_SVG_CLASSES and all(
        e.tag in THEME_SVG_TAGS for e in element.iter())


def _webcast(element: Element) -> bool:
    parts = urlsplit(element.attrs.get("src", ""))
    return parts.scheme == "https" and parts.hostname in WEBCAST_HOSTS


def _pages(result: BuildResult) -> dict[str, bytes]:
    return {o.path: o.content for o in result.outputs if o.path.endswith(".html")}


def _site_with(make_site: SiteFactory, files: dict[str, str], allow_html: bool) -> SiteFactory:
    yml = SITE_YML + f"allow_html: {'true' if allow_html else 'false'}\n"
    return make_site(files, site_yml=yml)


@pytest.mark.parametrize("allow_html", [False, True], ids=["escaped", "sanitised"])
def test_attack_bodies_leave_no_active_content(
        allow_html: bool, make_site: SiteFactory,
        build_site_at: Callable[..., BuildResult]) -> None:
    files = {f"content/attack-{i}.md": f"---\ntitle: Attack {i}\n---\nBefore.\n\n{payload}\n\n"
                                       "After.\n" for i, payload in enumerate(PAYLOADS)}
    files["content/all.md"] = "---\ntitle: All at once\n---\n" + "\n".join(PAYLOADS) + "\n"
    result = build_site_at(_site_with(make_site, files, allow_html), write=False)
    pages = _pages(result)
    assert {f"attack-{i}/index.html" for i in range(len(PAYLOADS))} <= set(pages)
    for path, html in sorted(pages.items()):
        assert dangers(html) == [], path
    # Markdown links to unsafe schemes are removed and reported, so the build fails.
    unsafe = {p.path for p in result.errors if "unsafe address type" in p.message}
    expected = {f"content/attack-{i}.md" for i, payload in enumerate(PAYLOADS)
                if payload.startswith(("[", "!["))
                and any(s in payload.lower() for s in ("javascript", "data:"))}
    assert expected <= unsafe


# Payloads whose text Markdown leaves alone (no *, _, [, `, autolinks…), so escaped they
# must read exactly as typed.
PLAIN = [p for p in PAYLOADS if not set(p) & set("*_`[]!\\#+|~")
         and not p.startswith(("<!", "<http"))]


def test_escaped_html_reads_exactly_as_typed(make_site: SiteFactory,
                                             build_site_at: Callable[..., BuildResult]) -> None:
    files = {f"content/attack-{i}.md": f"---\ntitle: Attack {i}\n---\n{payload}\n"
             for i, payload in enumerate(PLAIN)}
    result = build_site_at(_site_with(make_site, files, False), write=False)
    assert result.errors == []
    pages = _pages(result)
    for i, payload in enumerate(PLAIN):
        main = parse_html(pages[f"attack-{i}/index.html"]).find("main")
        assert " ".join(payload.split()) in main.text, payload


@pytest.mark.parametrize("allow_html", [False, True], ids=["escaped", "sanitised"])
def test_attack_titles_and_summaries_are_shown_as_text(
        allow_html: bool, make_site: SiteFactory,
        build_site_at: Callable[..., BuildResult]) -> None:
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    files = {f"content/attack-{i}.md": f"---\ntitle: {quoted(p)}\nsummary: {quoted(p)}\n"
                                       f"nav_order: {i}\n---\nBody.\n"
             for i, p in enumerate(PAYLOADS)}
    result = build_site_at(_site_with(make_site, files, allow_html), write=False)
    assert result.errors == []
    pages = _pages(result)
    for path, html in sorted(pages.items()):
        assert dangers(html) == [], path  # every page lists every title in its navigation
    for i, payload in enumerate(PAYLOADS):
        tree = parse_html(pages[f"attack-{i}/index.html"])
        text = " ".join(payload.split())
        assert tree.find("h1").text == text
        assert tree.find("p", **{"class": "lead"}).text == text
        assert tree.find("meta", name="description").attrs["content"] == payload
        assert tree.find("title").text.startswith(text)


def test_attack_values_in_site_yml_are_escaped(make_site: SiteFactory,
                                               build_site_at: Callable[..., BuildResult]) -> None:
    payload = '"><script>alert(1)</script><img src=x onerror=alert(1)>'
    yml = (f"organisation:\n  name: '{payload}'\n  short_name: '{payload}'\n"
           "base_url: https://example.org/\n"
           f"contact:\n  address: ['{payload}']\n  phone: '{payload}'\n"
           f"  email: '{payload}'\n"
           f"navigation:\n  - {{title: '{payload}', link: index.md}}\n")
    result = build_site_at(make_site({}, site_yml=yml), write=False)
    assert result.errors == []
    for path, html in _pages(result).items():
        assert dangers(html) == [], path
        tree = parse_html(html)
        assert tree.find("span", **{"class": "site-name-long"}).text == payload
        assert tree.find("span", **{"class": "site-name-short"}).text == payload
        assert payload in tree.find("address").text


def test_only_allow_listed_webcast_iframes_survive(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    body = ('<iframe src="https://www.youtube.com/embed/abc" title="Panel webcast"></iframe>\n\n'
            '<iframe src="https://player.vimeo.com/video/1" title="Vimeo"></iframe>\n\n'
            '<iframe src="https://evil.example/embed" title="Evil"></iframe>\n\n'
            '<iframe src="https://www.youtube.com.evil.example/x"></iframe>\n')
    files = {"content/meeting.md": f"---\ntitle: Meeting\n---\n{body}"}
    sanitised = build_site_at(_site_with(make_site, files, True), write=False)
    main = parse_html(_pages(sanitised)["meeting/index.html"]).find("main")
    assert [f.attrs["src"] for f in main.find_all("iframe")] == [
        "https://www.youtube.com/embed/abc", "https://player.vimeo.com/video/1"]
    escaped = build_site_at(_site_with(make_site, files, False), write=False)
    main = parse_html(_pages(escaped)["meeting/index.html"]).find("main")
    assert main.find_all("iframe") == [] and '<iframe src="https://evil.example/embed"' in main.text
