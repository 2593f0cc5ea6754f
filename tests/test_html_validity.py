"""Every page the example site builds passes the Nu HTML Checker (vnu) with no errors.

vnu runs once over every .html file (one JVM; starting it costs about a second). It
needs Java and vnu.jar from scripts/ensure-system-deps.sh; when they are missing the
test fails (set ALLOW_SKIP_BROWSER=1 to skip it instead).
"""

from __future__ import annotations

from browser_support import format_vnu_messages, missing_vnu_tools, run_vnu
from public_site import example_build, require_tools


def test_every_built_page_is_valid_html() -> None:
    require_tools(missing_vnu_tools, "the HTML validity test")
    example = example_build()
    assert example.result.written, [str(p) for p in example.result.errors]
    pages = sorted(example.out.rglob("*.html"))
    # Every page, and only pages, plus the browser editor's page (site.yml `editor:`).
    assert example.out / "admin" / "index.html" in pages
    assert len(pages) == example.result.pages + 1
    errors = run_vnu(pages)
    assert errors == [], format_vnu_messages(errors, root=example.out)
    print(f"\nvnu: {len(pages)} pages, 0 errors")
