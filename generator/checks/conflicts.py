"""Every file a build will write, checked for clashes before anything is written.

Pages and data files that share an address are caught when the site model is built
(``site._duplicate_urls``); this check covers the rest of the output: whole-site files
(sitemap.xml, robots.txt), copied papers and images, the theme's assets, any path that
would leave the output folder, and any path that one output needs as a file and another
as a folder (a page ``robots.txt.md``
publishes ``robots.txt/index.html`` where robots.txt must be a file). Each clash is a
located problem naming both sides, instead of a crash half-way through writing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problem, error
from generator.writer import is_safe_relative

RESERVED_HINT = ("rename the file; some names are used by the site itself (404.html, "
                 "robots.txt, sitemap.xml, assets/)")


@dataclass(frozen=True)
class Claim:
    """One output path and who wants it: ``origin`` is how problems name it."""

    path: str
    origin: str
    in_site_model: bool = False
    """Pages and section files, whose exact duplicates the site model already reports."""

    @property
    def from_content(self) -> bool:
        return self.origin.startswith("content/")


def origin_of_copy(source: Path, site_dir: Path) -> str:
    """``content/papers/a.pdf`` for content files, else "the theme's file …"."""
    content = (site_dir / "content").resolve()
    resolved = source.resolve()
    if resolved.is_relative_to(content):
        return f"content/{resolved.relative_to(content).as_posix()}"
    return f"the theme's file {source.name}"


def output_conflicts(claims: list[Claim]) -> list[Problem]:
    problems: list[Problem] = []
    owners: dict[str, Claim] = {}
    for claim in claims:
        if not is_safe_relative(claim.path):
            # A section built an address from data (a slug, a reference): say whose.
            problems.append(error(claim.origin if claim.from_content else "site",
                                  f"this would be published outside the site folder "
                                  f"({claim.path!r})" if claim.from_content else
                                  f"{claim.origin} would be published outside the site "
                                  f"folder ({claim.path!r})",
                                  hint="use only lower-case letters, digits and hyphens in "
                                       "names and references"))
            continue
        first = owners.get(claim.path)
        if first is None:
            owners[claim.path] = claim
        elif not (first.in_site_model and claim.in_site_model):
            problems.append(_clash(claim, first, claim.path, claim.path))
    for path, claim in sorted(owners.items()):
        folder = path.rpartition("/")[0]
        while folder:  # each folder the path is in, nearest first
            if folder in owners:
                problems.append(_clash(claim, owners[folder], path, folder))
                break
            folder = folder.rpartition("/")[0]
    return problems


def _clash(one: Claim, other: Claim, one_path: str, other_path: str) -> Problem:
    """Blame the content file (the editor can rename it), naming the other side."""
    if other.from_content and not one.from_content:
        one, other, one_path, other_path = other, one, other_path, one_path
    if one_path == other_path:
        message = f"this would be published at the same address as {other.origin} ({one_path})"
    else:
        message = (f"this would be published at {one_path}, but {other.origin} is published at "
                   f"{other_path}; one name cannot be both a file and a folder")
    path = one.origin if one.from_content else "site"
    if not one.from_content:
        message = f"{one.origin}: {message}"
    return error(path, message, hint=RESERVED_HINT)
