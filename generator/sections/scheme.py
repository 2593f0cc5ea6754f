"""The publication scheme page (Freedom of Information Act 2000 s.19): /publication-scheme/.

Two steps, because the listing needs every other section's pages:

1. ``build_publication_scheme`` (a section, run with the others) puts the page in the site
   model, so navigation, links to ``publication-scheme.md`` and duplicate checks see it.
   Its introduction (charges, how to ask for information) comes from the optional
   ``content/publication-scheme.md``, else from the message catalogue.
2. ``finish_publication_scheme`` (the whole-site phase, ``whole_site.py``, once every
   section has run) makes the finished page: every published page and dataset exactly once,
   grouped by the seven classes of the ICO model scheme, with the legal basis beside items
   that satisfy a statutory duty. The phase also links the scheme from the footer, so every
   item is at most two clicks from any page.

A page without a ``class`` takes the class of its nearest ancestor page that has one (a
meeting takes its meeting body's); anything still unclassified is listed under "Other
information" rather than left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from generator.errors import error
from generator.law.catalogue import Catalogue
from generator.models.fields import PUBLICATION_CLASSES
from generator.render.renderer import message_catalogue, template_dirs
from generator.site import PageSpec, SectionResult, Site, SiteInput
from generator.urls import parent_paths
from generator.writer import OutputFile

SCHEME_PATH = "/publication-scheme/"
SCHEME_SOURCE = "publication-scheme.md"
SCHEME_TEMPLATE = "layouts/publication-scheme.html"
DUTY = "foia-s19-publication-scheme"
OTHER = "other"


@dataclass
class SchemeEntry:
    """One published item in the scheme: a page, or a dataset (its CSV and JSON together)."""

    title: str
    url: str
    kind: str
    updated: date | None
    bases: tuple[str, ...] = ()
    """Legal sources of the statutory duties the item satisfies."""
    downloads: tuple[tuple[str, str], ...] = ()
    """(format, site path) for a dataset's files; a dataset's title is not itself a link."""


@dataclass
class SchemeGroup:
    publication_class: str
    entries: list[SchemeEntry] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "class-" + self.publication_class

    @property
    def message_key(self) -> str:
        return "class_" + self.publication_class.replace("-", "_")


def build_publication_scheme(site_input: SiteInput) -> SectionResult:
    result = SectionResult(link_targets={SCHEME_SOURCE: SCHEME_PATH})
    records = site_input.records("publication_scheme")
    for extra in records[1:]:
        result.problems.append(error(extra.display, "there is already a publication scheme page "
                                     f"({records[0].display})", line=1,
                                     hint="keep one publication-scheme.md and delete this one"))
    record = records[0] if records else None
    if record is not None:
        meta = record.meta
        title, summary, duties = meta.title, meta.summary, (DUTY, *meta.duties)
    else:
        messages = message_catalogue(template_dirs(site_input.site_dir),
                                     site_input.config.language)
        title, summary, duties = messages["scheme_title"], messages["scheme_summary"], (DUTY,)
    result.pages.append(PageSpec(
        path=SCHEME_PATH, template=SCHEME_TEMPLATE, title=title, record=record,
        body=record.body if record else None,
        body_line=record.source.body_line if record else 1,
        summary=summary, updated=record.updated if record else None,
        publication_class="services-we-offer", duties=tuple(dict.fromkeys(duties)),
        kind="page", context={"groups": []}))
    return result


def finish_publication_scheme(site: Site, page: PageSpec, catalogue: Catalogue) -> PageSpec:
    """The scheme page listing the complete site; dated by its newest item."""
    groups = scheme_groups(site, catalogue, exclude=page.path)
    dates = [e.updated for g in groups for e in g.entries if e.updated is not None]
    if page.updated is not None:
        dates.append(page.updated)
    return replace(page, context={**page.context, "groups": groups},
                   updated=max(dates, default=None))


def scheme_groups(site: Site, catalogue: Catalogue, exclude: str = SCHEME_PATH
                  ) -> list[SchemeGroup]:
    """The seven classes in the ICO's order (then "other" if needed), each sorted by title."""
    groups = {name: SchemeGroup(name) for name in (*PUBLICATION_CLASSES, OTHER)}
    bases_of: dict[tuple[str, ...], tuple[str, ...]] = {}  # thousands of pages, few duty sets
    for page in site.pages:
        if not page.in_sitemap or page.path == exclude:
            continue
        if page.duties not in bases_of:
            bases_of[page.duties] = _bases(page.duties, catalogue)
        groups[_class_of(site, page.path) or OTHER].entries.append(
            SchemeEntry(page.title, page.path, page.kind, page.updated, bases_of[page.duties]))
    for stem, files in _datasets(site.files).items():
        owner = _owner(site, stem)
        first = files[0]
        publication_class = first.publication_class or _class_of(site, f"/{stem}/")
        downloads = tuple((f.path.rsplit(".", 1)[-1].upper(), "/" + f.path) for f in files)
        groups[publication_class or OTHER].entries.append(SchemeEntry(
            first.title or stem, downloads[0][1], "dataset", first.updated,
            _bases(owner.duties, catalogue) if owner else (), downloads))
    for group in groups.values():
        group.entries.sort(key=lambda e: (e.title.lower(), e.url, e.kind))
    return [g for g in groups.values() if g.publication_class != OTHER or g.entries]


def _bases(duty_ids: tuple[str, ...], catalogue: Catalogue) -> tuple[str, ...]:
    sources = []
    for duty_id in duty_ids:
        duty = catalogue.get(duty_id)
        if duty is not None and duty.statutory:
            sources.append(duty.source)
    return tuple(dict.fromkeys(sources))


def _class_of(site: Site, path: str) -> str | None:
    """The page's own class, else its nearest classed ancestor's (never the home page's)."""
    for candidate in [path, *reversed(parent_paths(path))]:
        if candidate == "/" and path != "/":
            break
        found = site.page_at(candidate)
        if found is not None and found.publication_class:
            return found.publication_class
    return None


def _owner(site: Site, stem: str) -> PageSpec | None:
    """The page a dataset belongs to: the page at its path, else its nearest parent page."""
    path = f"/{stem}/"
    for candidate in [path, *reversed(parent_paths(path))]:
        if candidate == "/":
            return None
        found = site.page_at(candidate)
        if found is not None:
            return found
    return None


def _datasets(files: list[OutputFile]) -> dict[str, list[OutputFile]]:
    """Dataset files grouped by path without extension (x.csv and x.json are one dataset)."""
    grouped: dict[str, list[OutputFile]] = {}
    for output in sorted(files, key=lambda f: f.path):
        if output.kind == "dataset":
            grouped.setdefault(output.path.rsplit(".", 1)[0], []).append(output)
    return grouped
