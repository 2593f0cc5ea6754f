"""sitemap.xml (with lastmod) and robots.txt pointing at it."""

from __future__ import annotations

from xml.sax.saxutils import escape

from generator.site import Site
from generator.writer import OutputFile


def sitemap_xml(site: Site) -> list[OutputFile]:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in site.pages:
        if not page.in_sitemap:
            continue
        lines.append(f"  <url><loc>{escape(site.absolute_url(page.path))}</loc>"
                     + (f"<lastmod>{page.updated.isoformat()}</lastmod>" if page.updated else "")
                     + "</url>")
    lines.append("</urlset>")
    return [OutputFile("sitemap.xml", ("\n".join(lines) + "\n").encode("utf-8"))]


def robots_txt(site: Site) -> list[OutputFile]:
    admin = (f"Disallow: {site.href('/admin/')}\n" if site.config.editor is not None else "")
    text = f"User-agent: *\nAllow: /\n{admin}\nSitemap: {site.absolute_url('/sitemap.xml')}\n"
    return [OutputFile("robots.txt", text.encode("utf-8"))]
