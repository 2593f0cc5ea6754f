"""datapackage.json: every CSV the site publishes as one Frictionless Data Package.

A Data Package (https://specs.frictionlessdata.io/data-package/) lets a program open
the site's data without reading its pages: each CSV is a resource with its Table Schema
(every field's name, type, title and description), so tools such as ``frictionless
validate datapackage.json`` check the files and load them with the right types. It sits
at the root of the site because the data lives under several folders (registers/,
staff/, meetings/) and a resource's path may not climb out of the package's folder.

The JSON downloads are the same rows in another shape; the package lists the CSVs.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

from generator.outputs.catalogue import LICENCE, LICENCE_NAME, LICENCE_TITLE
from generator.site import Site
from generator.writer import OutputFile

PACKAGE_PATH = "datapackage.json"


def datapackage_json(site: Site) -> list[OutputFile]:
    """The package, or nothing when the site publishes no data."""
    resources = [_resource(file) for file in sorted(site.files, key=lambda f: f.path)
                 if file.kind == "dataset" and file.table_schema is not None]
    if not resources:
        return []
    organisation = site.config.organisation
    document: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": _name(organisation.short_name or organisation.name),
        "title": f"{organisation.name}: open data",
        "homepage": site.absolute_url("/data/"),
        "licenses": [{"name": LICENCE_NAME, "path": LICENCE, "title": LICENCE_TITLE}],
        "resources": resources,
    }
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    return [OutputFile(PACKAGE_PATH, text.encode("utf-8"))]


def _resource(file: OutputFile) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "name": _name(posixpath.splitext(file.path)[0]),
        "path": file.path,
        "profile": "tabular-data-resource",
        "title": file.title or file.path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": file.table_schema,
    }
    if file.description:
        resource["description"] = file.description
    return resource


def _name(text: str) -> str:
    """A Data Package name: lower-case letters, digits and - . _ / only."""
    name = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-._/") else "-"
                   for ch in text.lower())
    return "-".join(part for part in name.split("-") if part) or "data"
