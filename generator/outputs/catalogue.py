"""The data catalogue: every dataset the site publishes, as data/catalog.json (DCAT).

Datasets are the OutputFiles tagged ``kind="dataset"`` by ``tables.dataset_files`` in
any section (registers, staff, meetings, decisions); the CSV and JSON of one dataset
are its two distributions. The /data/ page (sections/catalogue.py) lists the same
entries, so the page and the JSON never disagree.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.site import Site
from generator.writer import OutputFile

CATALOGUE_PATH = "data/catalog.json"
MEDIA_TYPES = {".csv": "text/csv", ".json": "application/json"}

LICENCE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
"""Every dataset is published under the Open Government Licence v3.0: the licence the
Specified Information Order's guidance and the Transparency Code expect public bodies to
use for the data they publish, so anyone may re-use it with attribution."""
LICENCE_NAME = "OGL-UK-3.0"
LICENCE_TITLE = "Open Government Licence v3.0"
TABLE_SCHEMA = "https://specs.frictionlessdata.io/table-schema/"
"""What every CSV distribution conforms to: its schema is in /datapackage.json."""


@dataclass(frozen=True)
class Distribution:
    """One downloadable file of a dataset."""

    path: str
    media_type: str
    size: int

    @property
    def format(self) -> str:
        return posixpath.splitext(self.path)[1].lstrip(".").upper()


@dataclass(frozen=True)
class CatalogueEntry:
    """One dataset: its title, description, rows, last update and files."""

    key: str
    title: str
    description: str
    updated: date | None
    rows: int | None
    publication_class: str | None
    distributions: tuple[Distribution, ...]
    conforms_to: tuple[str, ...] = ()
    page: str | None = None
    """The HTML page showing the dataset: by convention /<key>/ beside <key>.csv."""


def catalogue_entries(site: Site) -> list[CatalogueEntry]:
    """Every dataset in the site, by path; CSV before JSON within each."""
    groups: dict[str, list[OutputFile]] = {}
    for file in site.files:
        if file.kind == "dataset":
            groups.setdefault(posixpath.splitext(file.path)[0], []).append(file)
    entries = []
    for key in sorted(groups):
        files = sorted(groups[key], key=lambda f: (f.path.endswith(".json"), f.path))
        first = files[0]
        entries.append(CatalogueEntry(
            key=key, title=first.title or key, description=first.description or "",
            updated=first.updated, rows=first.rows, publication_class=first.publication_class,
            conforms_to=first.conforms_to,
            distributions=tuple(Distribution(
                f.path, MEDIA_TYPES.get(posixpath.splitext(f.path)[1], "application/octet-stream"),
                len(f.content)) for f in files),
            page=f"/{key}/" if site.page_at(f"/{key}/") else None))
    return entries


def catalogue_json(site: Site) -> list[OutputFile]:
    """data/catalog.json: a dcat:Catalog with one dcat:Dataset per dataset."""
    page = site.page_at("/data/")
    document: dict[str, Any] = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "title": "dct:title",
            "description": "dct:description",
            "modified": {"@id": "dct:modified", "@type": "http://www.w3.org/2001/XMLSchema#date"},
            "publisher": "dct:publisher",
            "language": "dct:language",
            "homepage": {"@id": "foaf:homepage", "@type": "@id"},
            "landingPage": {"@id": "dcat:landingPage", "@type": "@id"},
            "datasets": "dcat:dataset",
            "distribution": "dcat:distribution",
            "downloadURL": {"@id": "dcat:downloadURL", "@type": "@id"},
            "mediaType": "dcat:mediaType",
            "byteSize": "dcat:byteSize",
            "license": {"@id": "dct:license", "@type": "@id"},
            "conformsTo": {"@id": "dct:conformsTo", "@type": "@id"},
            "describedBy": {"@id": "dcat:describedBy"},
        },
        "@type": "dcat:Catalog",
        "title": page.title if page else site.config.organisation.name,
        "publisher": site.config.organisation.name,
        "language": site.config.language,
        "homepage": site.absolute_url("/data/") if page else site.absolute_url("/"),
        "license": LICENCE,
        "datasets": [{
            "@type": "dcat:Dataset",
            "title": entry.title,
            "description": entry.description,
            "modified": entry.updated.isoformat() if entry.updated else None,
            "rows": entry.rows,
            "license": LICENCE,
            "conformsTo": list(entry.conforms_to),
            "landingPage": site.absolute_url(entry.page) if entry.page else None,
            "distribution": [_distribution(site, d) for d in entry.distributions],
        } for entry in catalogue_entries(site)],
    }
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    return [OutputFile(CATALOGUE_PATH, text.encode("utf-8"))]


def _distribution(site: Site, distribution: Distribution) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "dcat:Distribution",
                             "downloadURL": site.absolute_url("/" + distribution.path),
                             "mediaType": distribution.media_type,
                             "byteSize": distribution.size, "license": LICENCE}
    if distribution.media_type == "text/csv":
        found["conformsTo"] = [TABLE_SCHEMA]
        found["describedBy"] = {"@type": "dcat:Distribution",
                                "downloadURL": site.absolute_url("/datapackage.json"),
                                "mediaType": "application/json"}
    return found
