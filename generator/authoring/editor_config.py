"""The browser editor at /admin/ (Sveltia CMS), configured from the validator's models.

Each collection of the editor's ``config.yml`` is one content type of
``load.content_types``; its fields are ``fieldref.editor_fields`` of that type, turned
into widgets here (dates, date-times, choices, true/false, lists, a role picker for
``reports_to``, Markdown for bodies). Nothing about a field is written twice, so the
editor's form cannot drift from what ``transparency check`` accepts: a field added to a
model appears in the form, a choice removed from a ``Literal`` disappears from its menu.

The editor's JavaScript is pinned (``EDITOR_VERSION``) and loaded with a Subresource
Integrity hash; ``scripts/ensure-system-deps.sh`` installs the same version into
``.cache/node`` for the tests and for ``transparency serve`` (see ``serve/editor_api.py``).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.authoring.fieldref import FieldDoc, editor_fields, nested_fields
from generator.load.content_types import ContentType, type_named

EDITOR_PACKAGE = "@sveltia/cms"
EDITOR_VERSION = "0.221.1"
"""Pinned; ``scripts/ensure-system-deps.sh`` installs the same version (a test compares)."""
EDITOR_FILE = "dist/sveltia-cms.js"
EDITOR_INTEGRITY = "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6"
"""The Subresource Integrity hash of ``EDITOR_FILE`` at ``EDITOR_VERSION``: a CDN serving
other bytes is refused by the browser."""
EDITOR_URL = f"https://cdn.jsdelivr.net/npm/{EDITOR_PACKAGE}@{EDITOR_VERSION}/{EDITOR_FILE}"
LOCAL_SCRIPT = "sveltia-cms.js"
"""The name ``serve`` answers with its local copy of the editor (``serve/editor_api.py``)."""

SKIPPED_FIELDS = frozenset({"type"})
"""Fields the form leaves out: ``type`` only overrides what the folder decides, and a form
per folder has nothing to override."""
LONG_TEXT = frozenset({"summary", "description", "contact", "declarations", "decision",
                       "minute", "how_to_report", "testing", "alternative"})
"""Text fields shown as a box of several lines rather than one line."""


@dataclass(frozen=True)
class EditorSite:
    """What the editor's configuration needs from a site, and nothing unpublished."""

    backend: dict[str, Any]
    """The ``backend:`` block: name, repo, branch (and app_id or base_url)."""
    site_url: str
    meeting_bodies: tuple[tuple[str, str], ...] = ()
    """(folder, title) of each published meeting body: one collection of meetings each."""
    csv_registers: frozenset[str] = field(default_factory=frozenset)
    """Content types (gifts_hospitality, expenses, contracts) kept as a CSV export: they
    are uploaded as files rather than edited row by row."""
    page_folders: tuple[str, ...] = ()
    """Folders below content/ that hold pages and nothing else in Markdown
    (``about/team.md``): one collection of pages each, as the editor lists one folder."""
    title: str = "Edit this site"
    """What the sign-in screen and the editor's header call it (the office's name)."""


# --- fields ------------------------------------------------------------------------

def widget(doc: FieldDoc, type_name: str) -> dict[str, Any]:
    """One field of the form: the widget that writes what the model accepts."""
    out: dict[str, Any] = {"name": doc.key, "label": _label(doc.key)}
    if doc.description:
        out["hint"] = doc.description
    out["required"] = doc.required
    special = _SPECIAL.get((type_name, doc.key))
    out.update(special(doc) if special is not None else _by_kind(doc, type_name))
    if (doc.has_default and doc.default is not None and not doc.required
            and isinstance(doc.default, str | bool | int) and "default" not in out):
        out["default"] = doc.default
    return out


def _by_kind(doc: FieldDoc, type_name: str) -> dict[str, Any]:
    kind = doc.kind
    if kind == "date":
        return {"widget": "datetime", "time_format": False, "format": "YYYY-MM-DD"}
    if kind == "datetime":
        return {"widget": "datetime", "format": "YYYY-MM-DDTHH:mm"}
    if kind == "bool":
        return {"widget": "boolean"}
    if kind in ("money", "number"):
        return {"widget": "number", "value_type": "float"}
    if kind == "integer":
        return {"widget": "number", "value_type": "int"}
    if kind == "choice":
        return {"widget": "select", "options": list(doc.choices)}
    if kind == "pay range":
        return {"widget": "string", "pattern": [r"^\d+(\.\d+)?-\d+(\.\d+)?$",
                                                "write it like 58479-64026"]}
    if kind == "fields":
        return {"widget": "object",
                "fields": [widget(c, type_name) for c in doc.children
                           if c.key not in SKIPPED_FIELDS]}
    if kind == "list":
        item = doc.item
        if item is not None and item.kind == "choice":
            return {"widget": "select", "multiple": True, "options": list(item.choices)}
        if item is not None and item.kind == "fields":
            return {"widget": "list",
                    "fields": [widget(c, type_name) for c in nested_fields(doc)
                               if c.key not in SKIPPED_FIELDS]}
        inner = widget(item, type_name) if item is not None else {"widget": "string"}
        inner.update({"name": "item", "label": _label(doc.key)})
        inner.pop("hint", None)
        return {"widget": "list", "field": inner}
    if kind == "text":
        return {"widget": "text" if doc.key in LONG_TEXT else "string"}
    raise ValueError(f"no editor widget for {type_name}.{doc.key} ({kind})")


def _reports_to(doc: FieldDoc) -> dict[str, Any]:
    """The role picker: a role's file name, chosen by its title."""
    return {"widget": "relation", "collection": "roles", "value_field": "{{slug}}",
            "search_fields": ["title"], "display_fields": ["title"]}


def _grade(doc: FieldDoc) -> dict[str, Any]:
    """A grade's code, chosen from the grades of pay-scales.yml."""
    return {"widget": "relation", "collection": "staff", "file": "pay_scales",
            "value_field": "grades.*.code", "search_fields": ["grades.*.code", "grades.*.name"],
            "display_fields": ["grades.*.code"]}


def _papers(doc: FieldDoc) -> dict[str, Any]:
    """A paper is uploaded into the meeting's papers/ folder and linked with its title."""
    return {"widget": "list", "fields": [
        {"name": "file", "label": "File", "widget": "file", "required": True,
         "hint": "Upload the paper (PDF, Word, a spreadsheet); it is saved in this meeting "
                 "body's papers/ folder."},
        {"name": "title", "label": "Title", "widget": "string", "required": False,
         "hint": "What the paper is called on the page (readers see this, not the file "
                 "name)."}]}


_SPECIAL = {
    ("role", "reports_to"): _reports_to,
    ("role", "grade"): _grade,
    ("meeting", "papers"): _papers,
}


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def fields_of(content_type: ContentType, *, body: bool) -> list[dict[str, Any]]:
    """The form of one content type: its model's fields in order (the key order written),
    then the Markdown body for Markdown files."""
    out = [widget(doc, content_type.name) for doc in editor_fields(content_type)
           if doc.key not in SKIPPED_FIELDS]
    if body:
        out.append({"name": "body", "label": "Text", "widget": "markdown", "required": False,
                    "hint": "The page's text in Markdown: `## ` starts a heading, `- ` a list "
                            "item; `[words](other-page.md)` links to another page."})
    return out


def _type(name: str) -> ContentType:
    found = type_named(name)
    if found is None:  # pragma: no cover - the table below names known types
        raise KeyError(name)
    return found


# --- collections -------------------------------------------------------------------

@dataclass(frozen=True)
class Collection:
    """One collection: which content type it writes and where."""

    name: str
    label: str
    type_name: str
    config: dict[str, Any]


def _folder(name: str, label: str, type_name: str, folder: str, **extra: Any) -> Collection:
    content_type = _type(type_name)
    extension = str(extra.pop("extension", "md"))
    config: dict[str, Any] = {"name": name, "label": label,
                              "folder": f"content/{folder}".rstrip("/"),
                              "create": True, "extension": extension}
    if extension != "md":
        config["format"] = "yaml"
    config.update(extra)
    config["fields"] = fields_of(content_type, body=extension == "md")
    return Collection(name, label, type_name, config)


def _file(name: str, label: str, type_name: str, rel: str) -> dict[str, Any]:
    return {"name": name, "label": label, "file": f"content/{rel}",
            "fields": fields_of(_type(type_name), body=rel.endswith(".md"))}


def _index_file(type_name: str, label: str) -> dict[str, Any]:
    return {"name": "index", "label": label,
            "fields": fields_of(_type(type_name), body=True)}


REGISTER_FILES = (("gifts_hospitality", "Gifts and hospitality", "gifts-and-hospitality"),
                  ("expenses", "Expenses", "expenses"),
                  ("contracts", "Contracts", "contracts"))
INTRODUCTIONS = (
    ("staff_index", "Staff: introduction", "staff/index.md"),
    ("meetings_index", "Meetings: introduction", "meetings/index.md"),
    ("publication_scheme", "Publication scheme: introduction", "publication-scheme.md"),
    ("data_catalogue", "Data: introduction", "data.md"),
    ("register_intro", "Gifts and hospitality: introduction",
     "registers/gifts-and-hospitality.md"),
    ("register_intro", "Expenses: introduction", "registers/expenses.md"),
    ("register_intro", "Contracts: introduction", "registers/contracts.md"),
    ("register_intro", "Interests: introduction", "registers/interests/index.md"),
    ("accessibility_statement", "Accessibility statement", "accessibility.md"),
)
"""Single files with a form of their own (the path decides the type, as everywhere)."""
EXPORT_FOLDERS = (("spending", "Spending over £500 (upload the monthly CSV)",
                   "registers/spending"),
                  ("procurement_card", "Procurement card (upload the monthly CSV)",
                   "registers/procurement-card"))
"""Finance exports are uploaded as the finance system wrote them, never typed."""


def _images(relative: str) -> dict[str, str]:
    """Images put into a page's text go to content/images and are linked relatively from
    the page, as the build requires (a link starting with / is an error)."""
    return {"media_folder": relative, "public_folder": relative}


def collections(site: EditorSite) -> list[Collection]:
    """Every collection, in the order the editor lists them."""
    found = [
        _folder("pages", "Pages", "page", "", summary="{{title}}", **_images("./images")),
        *(_folder(f"pages-{folder.replace('/', '-')}", f"Pages: {folder}/", "page", folder,
                  summary="{{title}}", **_images("../" * (folder.count("/") + 1) + "images"))
          for folder in site.page_folders),
        _folder("roles", "Roles", "role", "staff/roles", summary="{{title}}",
                sortable_fields=["title"], **_images("../../images")),
        Collection("staff", "Pay scales and staff figures", "pay_scales", {
            "name": "staff", "label": "Pay scales and staff figures", "files": [
                _file("pay_scales", "Pay scales", "pay_scales", "staff/pay-scales.yml"),
                _file("workforce", "Staff figures", "workforce", "staff/workforce.yml")]}),
        _folder("bodies", "Meeting bodies", "meeting_body", "meetings", path="{{slug}}/index",
                summary="{{title}}", **_images("../../images")),
    ]
    for slug, title in site.meeting_bodies:
        found.append(_folder(
            f"meetings-{slug}", f"Meetings: {title}", "meeting", f"meetings/{slug}",
            slug="{{fields.date | date('YYYY-MM-DD')}}",
            summary="{{fields.date | date('D MMM YYYY')}} {{title}}",
            media_folder="papers", public_folder="papers",
            sortable_fields=["date"],
            index_file=_index_file("meeting_body", "About this body")))
    found.append(_folder("decisions", "Decisions", "decision", "registers/decisions",
                         slug="{{fields.reference}}", identifier_field="title",
                         summary="{{reference}} {{title}}", **_images("../../images"),
                         index_file=_index_file("decisions_index", "Introduction")))
    registers = [_file(name, label, name, f"registers/{stem}.yml")
                 for name, label, stem in REGISTER_FILES if name not in site.csv_registers]
    if registers:
        found.append(Collection("registers", "Registers", "gifts_hospitality", {
            "name": "registers", "label": "Registers", "files": registers}))
    found.append(_folder("interests", "Registers of interests", "interests",
                         "registers/interests", extension="yml", identifier_field="person",
                         slug="{{fields.person}}"))
    found.append(Collection("introductions", "Introductions", "page", {
        "name": "introductions", "label": "Introductions and statements",
        "files": [_file(f"intro-{i}", label, name, rel)
                  for i, (name, label, rel) in enumerate(INTRODUCTIONS)]}))
    for name, label, folder in EXPORT_FOLDERS:
        found.append(_folder(name, label, "register_intro", folder, create=False,
                             path="index", media_folder="", public_folder="",
                             summary="{{title}}",
                             description="Upload each month's export in the Assets view "
                                         "(this folder); the form is the introduction."))
    for name, label, stem in REGISTER_FILES:
        if name in site.csv_registers:
            found.append(_folder(name, f"{label} (upload the CSV export)", "register_intro",
                                 "registers", create=False, path=stem, media_folder="",
                                 public_folder="", summary="{{title}}"))
    return found


def editor_config(site: EditorSite) -> dict[str, Any]:
    """The editor's ``config.yml`` as data."""
    return {
        "backend": site.backend,
        "app_title": site.title,
        "site_url": site.site_url,
        "media_folder": "content/images",
        "public_folder": "/images",
        "output": {"omit_empty_optional_fields": True},
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [c.config for c in collections(site)],
    }


def config_yaml(site: EditorSite) -> str:
    header = ("# Made by `transparency build` from the models the validator uses: edit the\n"
              "# models (generator/models/), not this file.\n")
    return header + yaml.safe_dump(editor_config(site), sort_keys=False, allow_unicode=True,
                                   width=100)


def admin_page(*, title: str, stylesheet: str) -> str:
    """The editor's page: the pinned script with its integrity hash, and the site's own
    stylesheet for the preview pane. The editor reads ``config.yml`` beside the page."""
    return (
        "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n"
        f"<title>Edit: {html.escape(title)}</title>\n"
        f"<script src=\"{EDITOR_URL}\" integrity=\"{EDITOR_INTEGRITY}\" "
        "crossorigin=\"anonymous\"></script>\n"
        f"<script>CMS.registerPreviewStyle({json.dumps(stylesheet)});</script>\n"
        "</head>\n<body>\n<noscript><h1>Edit this site</h1>\n"
        "<p>The editor needs JavaScript. Without it, edit the files in content/ and push "
        "them, as the handbook explains.</p></noscript>\n</body>\n</html>\n")
