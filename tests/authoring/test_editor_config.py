"""The browser editor's configuration agrees with the validator's models, field by field.

The expectations are read from the pydantic models directly (not through ``fieldref``,
which the configuration itself uses), so a form that drifts from what ``transparency
check`` accepts fails here: a field missing or extra, a required flag, a choice.
"""

from __future__ import annotations

import base64
import hashlib
import re
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

import pytest
import yaml
from pydantic import BaseModel

from generator.authoring import editor_config
from generator.authoring.editor_config import (
    EDITOR_INTEGRITY,
    EDITOR_URL,
    EDITOR_VERSION,
    SKIPPED_FIELDS,
    EditorSite,
    admin_page,
    collections,
    config_yaml,
)
from generator.authoring.fieldref import row_model_of
from generator.load.content_types import CONTENT_TYPES, type_for_path, type_named

REPO = Path(__file__).resolve().parents[2]
SITE = EditorSite(backend={"name": "github", "repo": "office/site", "branch": "main"},
                  site_url="https://example.org/",
                  meeting_bodies=(("police-and-crime-panel", "Police and Crime Panel"),))

WRITTEN_BY_EDITOR = {"page", "role", "pay_scales", "workforce", "meeting_body", "meeting",
                     "decision", "decisions_index", "interests", "gifts_hospitality",
                     "expenses", "contracts", "register_intro", "staff_index",
                     "meetings_index", "publication_scheme", "data_catalogue",
                     "accessibility_statement"}
"""Every kind of content an editor writes (finance exports are uploaded, not typed)."""


def _choices(annotation: Any) -> tuple[str, ...]:
    """The words a Literal (inside Annotated, Optional or a list) allows."""
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return tuple(str(a) for a in typing.get_args(annotation))
    if origin in (typing.Annotated, list, Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _choices(arg)
            if found:
                return found
    return ()


def _nested(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _nested(arg)
        if found is not None:
            return found
    return None


def _compare(model: type[BaseModel], fields: list[dict[str, Any]], where: str) -> None:
    form = {f["name"]: f for f in fields if f["name"] != "body"}
    expected = {(info.alias or name): info for name, info in model.model_fields.items()
                if (info.alias or name) not in SKIPPED_FIELDS}
    assert set(form) == set(expected), f"{where}: form {sorted(form)} != {sorted(expected)}"
    own = [k for k in expected if k not in ("draft", "publish_from", "updated")]
    assert [k for k in form if k in own] == own, f"{where}: key order"
    for key, info in expected.items():
        field = form[key]
        assert field["required"] == info.is_required(), f"{where}.{key}: required"
        choices = _choices(info.annotation)
        if choices and field["widget"] == "select":
            assert tuple(field["options"]) == choices, f"{where}.{key}: choices"
        elif choices:
            pytest.fail(f"{where}.{key} has choices {choices} but is a {field['widget']}")
        nested = _nested(info.annotation)
        if nested is not None and "fields" in field and key != "papers":
            _compare(nested, field["fields"], f"{where}.{key}")


def _forms() -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(content-relative path of an entry, where, fields) of every form."""
    forms = []
    for collection in collections(SITE):
        config = collection.config
        for file in config.get("files", []):
            forms.append((file["file"].removeprefix("content/"), config["name"], file["fields"]))
        if "folder" in config:
            folder = config["folder"].removeprefix("content").strip("/")
            name = "2026-01-01" if collection.type_name == "meeting" else "example"
            path = config.get("path", "{{slug}}").replace("{{slug}}", name)
            rel = f"{folder}/{path}.{config['extension']}".lstrip("/")
            forms.append((rel, config["name"], config["fields"]))
            index = config.get("index_file")
            if index:
                forms.append((f"{folder}/index.md", config["name"] + " index", index["fields"]))
    return forms


def test_every_form_matches_the_model_of_the_path_it_writes() -> None:
    seen = set()
    for rel, where, fields in _forms():
        content_type = type_for_path(rel)
        assert content_type is not None, rel
        seen.add(content_type.name)
        row_model = row_model_of(content_type)
        if row_model is not None:
            (entries,) = fields
            assert entries["name"] == "entries" and entries["required"]
            _compare(row_model, entries["fields"], f"{where} ({rel}) entries")
        else:
            _compare(content_type.model, fields, f"{where} ({rel})")
        has_body = any(f["name"] == "body" for f in fields)
        assert has_body == rel.endswith(".md"), f"{where}: a Markdown body iff a .md file"
    assert seen >= WRITTEN_BY_EDITOR, sorted(WRITTEN_BY_EDITOR - seen)
    assert {t.name for t in CONTENT_TYPES} - seen <= {
        "spending", "procurement_card", "meeting_misnamed"}


def _by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def test_widgets_write_what_the_validator_reads() -> None:
    by_name = {c.name: c.config for c in collections(SITE)}
    role = _by_name(by_name["roles"]["fields"])
    assert role["reports_to"]["widget"] == "relation"
    assert role["reports_to"]["collection"] == "roles"
    assert role["reports_to"]["value_field"] == "{{slug}}"
    assert role["appointed"] | {"hint": ""} == {
        "name": "appointed", "label": "Appointed", "hint": "", "required": False,
        "widget": "datetime", "time_format": False, "format": "YYYY-MM-DD"}
    assert role["politically_restricted"]["widget"] == "boolean"
    assert role["statutory"]["widget"] == "select" and role["statutory"]["multiple"]
    assert role["body"]["widget"] == "markdown"
    meeting = by_name["meetings-police-and-crime-panel"]
    assert meeting["folder"] == "content/meetings/police-and-crime-panel"
    assert meeting["slug"] == "{{fields.date | date('YYYY-MM-DD')}}"
    assert meeting["media_folder"] == "papers"  # uploads go beside the meeting
    meeting_fields = _by_name(meeting["fields"])
    assert meeting_fields["date"]["format"] == "YYYY-MM-DDTHH:mm"
    assert meeting_fields["status"]["default"] == "scheduled"
    agenda = _by_name(meeting_fields["agenda"]["fields"])
    assert _by_name(agenda["papers"]["fields"])["file"]["widget"] == "file"
    attendance = _by_name(meeting_fields["attendance"]["fields"])
    assert attendance["present"]["field"]["widget"] == "string"  # a list of names
    for name, label in (("spending", "Spending"), ("procurement_card", "Procurement")):
        assert by_name[name]["media_folder"] == "" and by_name[name]["create"] is False
        assert label in by_name[name]["label"]


def test_a_register_kept_as_csv_is_uploaded_not_typed() -> None:
    site = EditorSite(backend=SITE.backend, site_url=SITE.site_url,
                      csv_registers=frozenset({"expenses"}))
    config = yaml.safe_load(config_yaml(site))
    names = {c["name"]: c for c in config["collections"]}
    files = [f["name"] for f in names["registers"]["files"]]
    assert files == ["gifts_hospitality", "contracts"]
    assert names["expenses"]["media_folder"] == "" and names["expenses"]["path"] == "expenses"


def test_config_yaml_is_the_config() -> None:
    text = config_yaml(SITE)
    assert yaml.safe_load(text) == editor_config.editor_config(SITE)
    assert yaml.safe_load(text)["backend"] == SITE.backend


def test_admin_page_pins_the_editor_with_its_integrity_hash() -> None:
    page = admin_page(title="Office", stylesheet="/assets/site.css")
    assert f'<script src="{EDITOR_URL}" integrity="{EDITOR_INTEGRITY}"' in page
    assert f"@{EDITOR_VERSION}/" in EDITOR_URL and "latest" not in EDITOR_URL
    assert 'CMS.registerPreviewStyle("/assets/site.css")' in page
    assert '<meta name="robots" content="noindex">' in page


def test_the_pinned_version_is_the_one_the_setup_script_installs() -> None:
    script = (REPO / "scripts" / "ensure-system-deps.sh").read_text(encoding="utf-8")
    assert re.search(rf'^SVELTIA_CMS_VERSION="{re.escape(EDITOR_VERSION)}"$', script, re.M)


def test_the_integrity_hash_is_the_installed_script() -> None:
    script = (REPO / ".cache" / "node" / "node_modules" / "@sveltia" / "cms" / "dist"
              / "sveltia-cms.js")
    if not script.is_file():
        pytest.skip("the editor is not installed (scripts/ensure-system-deps.sh)")
    digest = base64.b64encode(hashlib.sha384(script.read_bytes()).digest()).decode()
    assert f"sha384-{digest}" == EDITOR_INTEGRITY


def test_type_names_in_the_table_exist() -> None:
    for name, _label, _rel in editor_config.INTRODUCTIONS:
        assert type_named(name) is not None
