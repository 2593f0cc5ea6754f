"""MkDocs hook: the generated parts of the handbook (see generator/authoring/handbook.py).

The generated parts are committed in the Markdown, so the handbook reads complete on
GitHub: ``reference/fields.md`` (from the content models) and ``reference/settings.md``
(from the model of site.yml, quoting the example site's site.yml) whole, and in
hand-written pages the part between a marker such as ``<!-- fields: role -->`` and
``<!-- end fields -->``. ``transparency handbook --update`` regenerates them; this hook
generates them afresh at every handbook build too, so the built handbook always matches
the generator it ships with, even before the committed copy is updated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import Files

from generator.authoring.handbook import GENERATED_PAGES, expand_markers, generated_page


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    rel = page.file.src_uri
    if rel in GENERATED_PAGES:
        return generated_page(rel, Path(config["config_file_path"]).parent / "site.yml")
    return expand_markers(markdown)
