"""Every rule about slugs, URLs and output paths, in one place.

URLs inside the site are "site paths": they start with "/" and end with "/" for pages
(pretty URLs). ``href()`` adds the base path so links work under a sub-path.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

SLUG = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")


def is_valid_slug(name: str) -> bool:
    return bool(SLUG.match(name))


def suggest_slug(name: str) -> str:
    """"Chief of Staff (2).md" -> "chief-of-staff-2"; "Café" -> "cafe" (accents dropped)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return stem or "page"


# Editions in another language sit beside the English file: about.cy.md is the Welsh
# edition of about.md and is published under /cy/about/.
LANGUAGE_SUFFIXES = ("cy",)


def language_of(rel: str) -> str | None:
    """The language code of a translated edition (``about.cy.md`` -> "cy"), else None."""
    stem = rel[:-3] if rel.endswith(".md") else rel
    code = stem.rsplit(".", 1)[-1] if "." in stem.rsplit("/", 1)[-1] else None
    return code if code in LANGUAGE_SUFFIXES else None


@lru_cache(maxsize=65536)  # asked for every page, link and listing entry, every build
def page_path_for(rel: str) -> str:
    """Content-relative Markdown path to site path: about.md -> /about/, a/index.md -> /a/.

    A translated edition goes under its language: about.cy.md -> /cy/about/.
    """
    lang = language_of(rel)
    if lang:
        return f"/{lang}" + page_path_for(rel[: -len(f".{lang}.md")] + ".md")
    stem = rel[:-3] if rel.endswith(".md") else rel
    if stem == "index":
        return "/"
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return f"/{stem}/"


def output_file_for(site_path: str) -> str:
    """Site path -> file in the output folder: /about/ -> about/index.html."""
    if site_path.endswith("/"):
        return site_path.lstrip("/") + "index.html"
    return site_path.lstrip("/")


def href(base_path: str, site_path: str) -> str:
    """Prefix a site path with the base path (``/`` or ``/sub/``)."""
    return base_path.rstrip("/") + site_path


def resolve_relative(from_rel: str, target: str) -> str | None:
    """Resolve a link written in ``from_rel`` to a content-relative path.

    Returns None when the target leaves the content folder.
    """
    if target.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_rel), target))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return None
    return joined


def parent_paths(site_path: str) -> list[str]:
    """Ancestors of a site path for breadcrumbs: /a/b/c/ -> ["/", "/a/", "/a/b/"]."""
    parts = [p for p in site_path.strip("/").split("/") if p]
    return ["/"] + [f"/{'/'.join(parts[:i])}/" for i in range(1, len(parts))]


SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
"""The only address types a link may use; anything else (javascript:, data:) is removed."""


@dataclass(frozen=True)
class LinkFailure:
    """Why a content-relative link cannot be followed, and what to do about it."""

    message: str
    hint: str
    quiet: bool = False
    """The target exists but could not be loaded: its own problems are reported where it
    is, so the link is not reported as well (that would be a false "does not exist")."""
