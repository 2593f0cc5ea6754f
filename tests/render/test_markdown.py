from __future__ import annotations

from htmltools import parse_html

from generator.render.markdown import MarkdownRenderer, RenderContext, sanitise
from generator.urls import LinkFailure

TARGETS = {"about.md": "/about/", "staff/index.md": "/staff/", "papers/report.pdf":
           "/papers/report.pdf"}


def _resolve(rel: str) -> str | LinkFailure:
    return TARGETS.get(rel) or LinkFailure(f"the link points to '{rel}', which does not exist",
                                           "check the name")


def _render(text: str, *, source: str = "staff/roles/x.md", allow_html: bool = False,
            hosts: tuple[str, ...] = ()) -> tuple[str, RenderContext]:
    ctx = RenderContext(source_rel=source, display=f"content/{source}", body=text, body_line=10,
                        resolve=_resolve, href=lambda p: "/sub" + p)
    html = MarkdownRenderer(allow_html=allow_html, webcast_hosts=hosts).convert(text, ctx)
    return html, ctx



def test_each_bad_link_to_the_same_address_is_reported_on_its_own_line() -> None:
    _, ctx = _render("Intro [one](nope.md).\n\nText.\n\n![two](nope.md)\n\n"
                     "- [three](nope.md) and [four](nope.md)\n")
    assert [p.line for p in ctx.problems] == [10, 14, 16, 16]

def test_relative_links_become_site_urls_with_base_path_and_fragment() -> None:
    html, ctx = _render("[a](../../about.md#pay) and [b](../index.md) and "
                        "[c](../../papers/report.pdf)")
    links = [a.attrs["href"] for a in parse_html(html).find_all("a")]
    assert links == ["/sub/about/#pay", "/sub/staff/", "/sub/papers/report.pdf"]
    assert ctx.problems == []
    assert ctx.linked_assets == {"papers/report.pdf"}


def test_missing_link_is_an_error_on_the_right_line() -> None:
    _, ctx = _render("Intro\n\nSee [x](nope.md).")
    assert [(p.line, p.message) for p in ctx.problems] == [
        (12, "the link points to 'staff/roles/nope.md', which does not exist")]


def test_link_leaving_content_folder_is_an_error() -> None:
    _, ctx = _render("[x](../../../../etc/passwd)")
    assert ctx.problems[0].message.endswith("points outside the content folder")


def test_external_and_anchor_links_are_untouched() -> None:
    html, ctx = _render("[x](https://example.org/a) [y](#here) [z](mailto:a@b.example)")
    assert [a.attrs["href"] for a in parse_html(html).find_all("a")] == [
        "https://example.org/a", "#here", "mailto:a@b.example"]
    assert ctx.problems == []


def test_raw_html_is_escaped_by_default() -> None:
    html, _ = _render('<script>alert(1)</script>\n\nHello <b onclick="x()">bold</b>')
    tree = parse_html(html)
    assert tree.find("script") is None and tree.find("b") is None
    assert "<script>alert(1)</script>" in tree.text


def test_javascript_links_are_removed_and_reported() -> None:
    html, ctx = _render("[click](javascript:alert(1))")
    assert "javascript" not in html
    assert ctx.problems and "unsafe" in ctx.problems[0].message


def test_allowed_html_is_sanitised_and_webcast_iframes_kept() -> None:
    text = ('<div onclick="steal()">ok</div>\n\n<iframe src="https://www.youtube.com/embed/x" '
            'title="Webcast"></iframe>\n\n<iframe src="https://evil.example/x"></iframe>\n\n'
            '<a href="javascript:alert(1)">x</a>')
    html, _ = _render(text, allow_html=True, hosts=("www.youtube.com",))
    tree = parse_html(html)
    assert "onclick" not in html and "javascript:" not in html
    srcs = [f.attrs.get("src") for f in tree.find_all("iframe")]
    assert "https://www.youtube.com/embed/x" in srcs
    assert "https://evil.example/x" not in srcs


def test_sanitise_strips_script_tags() -> None:
    assert "<script" not in sanitise("<p>a</p><script>alert(1)</script>")


def test_tables_and_heading_ids() -> None:
    html, _ = _render("## Pay bands\n\n| Grade | Range |\n|---|---|\n| SM7 | x |\n")
    tree = parse_html(html)
    assert tree.find("h2", id="pay-bands") is not None
    assert [c.text for c in tree.find_all("td")] == ["SM7", "x"]


def test_disallowed_iframes_are_removed_entirely_not_left_empty() -> None:
    hosts = ("www.youtube.com",)
    for bad in ['<iframe src="https://evil.example/x" title="t">fallback</iframe>',
                '<iframe src="http://www.youtube.com/x"></iframe>',
                '<iframe src="https://www.youtube.com.evil.example/x"></iframe>',
                '<iframe src="https://user@www.youtube.com/x"></iframe>',
                '<iframe src="https://www.youtube.com:8443/x"></iframe>',
                '<iframe src="//www.youtube.com/x"></iframe>',
                '<iframe title=" src=">x<script>alert(1)</script></iframe>',
                '<iframe srcdoc="<script>alert(1)</script>"></iframe>']:
        assert "iframe" not in sanitise(bad, hosts), bad
    kept = sanitise('<iframe src="https://www.youtube.com/embed/x" title="a>b" onload="x()">'
                    "<script>alert(1)</script></iframe>", hosts)
    assert kept == '<iframe src="https://www.youtube.com/embed/x" title="ab"></iframe>'


def test_absurdly_nested_lists_are_a_located_error_not_a_crash() -> None:
    renderer = MarkdownRenderer()

    def ctx(text: str) -> RenderContext:
        return RenderContext(source_rel="a.md", display="content/a.md", body=text, body_line=10,
                             resolve=_resolve, href=lambda p: p)

    text = "".join("    " * level + "- x\n" for level in range(400))
    first = ctx(text)
    assert renderer.convert(text, first) == ""
    assert [(p.line, p.message.split(" (")[0]) for p in first.problems] == [
        (10, "the text is nested too deeply to read")]
    second = ctx("- still works")  # the same renderer is usable afterwards
    assert "<li>still works</li>" in renderer.convert("- still works", second)
    assert second.problems == []


def test_email_autolinks_work_and_entity_disguised_schemes_are_caught() -> None:
    # Python-Markdown obfuscates <a@b.example> with entities; the rewriter used to read
    # that as a relative link to a file called "amp" and fail the build.
    html, ctx = _render("Write to <opcc@testshire.example>.")
    assert ctx.problems == []
    link = parse_html(html).find("a")
    assert link.attrs["href"] == "mailto:opcc@testshire.example"
    assert link.text == "opcc@testshire.example"
    for disguised in ["&#106;avascript:alert(1)", "java&#9;script:alert(1)",
                      "&#x6A;avascript&#x3A;alert(1)", "%20javascript:alert(1)"]:
        html, ctx = _render(f"[x]({disguised})")
        hrefs = [a.attrs.get("href", "") for a in parse_html(html).find_all("a")]
        assert all("javascript" not in h.lower() for h in hrefs), (disguised, html)
        assert ctx.problems, disguised


def test_encoded_and_disguised_traversal_never_leaves_content() -> None:
    for target in ["%2e%2e/%2e%2e/%2e%2e/etc/passwd", "../../../../etc/passwd%00.md",
                   "a/../../../../site.yml", "./../../../secret.pdf",
                   "..%2f..%2f..%2fsecret.pdf"]:
        html, ctx = _render(f"[x]({target}) ![y]({target})")
        assert [p.message.endswith("points outside the content folder")
                for p in ctx.problems] == [True, True], target
        assert ctx.linked_assets == set()
        assert all(e.attrs.get("href", "#") == "#" and e.attrs.get("src", "#") == "#"
                   for e in parse_html(html).iter() if e.tag in {"a", "img"}), html
    for target in ["//evil.example/x", "/etc/passwd", "\\\\server\\share\\x.pdf"]:
        _, ctx = _render(f"[x]({target})")
        assert ctx.problems and ctx.linked_assets == set(), target
