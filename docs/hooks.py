"""MkDocs hook: the generated parts of the handbook (see generator/authoring/handbook.py).

``reference/fields.md`` is built from the content models and ``reference/settings.md``
from the model of site.yml (generator/authoring/settingsref.py, quoting the example site's
site.yml) at every handbook build, and markers such as ``<!-- fields: role -->`` in
hand-written pages are expanded, so the handbook always matches the generator it ships
with.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from generator.authoring.handbook import expand_markers, field_reference
from generator.authoring.settingsref import settings_reference


def on_files(files: Files, config: Any) -> Files:
    files.append(File.generated(config, "reference/fields.md", content=field_reference()))
    example = Path(config["config_file_path"]).parent / "site.yml"
    files.append(File.generated(config, "reference/settings.md",
                                content=settings_reference(example)))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    return expand_markers(markdown)
