"""The browser editor's two files, ``admin/index.html`` and ``admin/config.yml``.

Written only when ``site.yml`` has ``editor:``. They name published things only (the
meeting bodies the site shows), are not pages (so neither the sitemap nor the search
index lists them) and the page asks search engines not to index it.
"""

from __future__ import annotations

from generator.authoring.editor_config import (
    REGISTER_FILES,
    EditorSite,
    admin_page,
    config_yaml,
)
from generator.load.config import SiteConfig
from generator.site import Site
from generator.writer import OutputFile

ADMIN_FOLDER = "admin"


def editor_site(config: SiteConfig, site: Site) -> EditorSite:
    """What the editor's configuration needs, read from the published records only."""
    settings = config.editor
    assert settings is not None
    backend = {"name": settings.backend, "repo": settings.repo, "branch": settings.branch}
    if settings.app_id is not None:
        backend["app_id"] = settings.app_id
    if settings.base_url is not None:
        backend["base_url"] = settings.base_url
    bodies = sorted((r.rel.split("/")[1], r.meta.title)
                    for r in site.loaded.of_type("meeting_body"))
    csv_registers = frozenset(name for name, _label, _stem in REGISTER_FILES
                              if any(r.rel.endswith(".csv") for r in site.loaded.of_type(name)))
    kinds: dict[str, set[str]] = {}  # folder → the types of its Markdown files
    for record in site.loaded.records:
        folder, _, name = record.rel.rpartition("/")
        if folder and name.endswith(".md"):
            kinds.setdefault(folder, set()).add(record.type)
    return EditorSite(backend=backend, site_url=config.base_url,
                      title=f"Edit the {config.organisation.short_name} website",
                      meeting_bodies=tuple(bodies), csv_registers=csv_registers,
                      page_folders=tuple(sorted(f for f, types in kinds.items()
                                                if types == {"page"})))


def admin_files(site: Site) -> list[OutputFile]:
    if site.config.editor is None:
        return []
    page = admin_page(title=site.config.organisation.short_name,
                      stylesheet=site.href("/assets/site.css"))
    return [OutputFile(f"{ADMIN_FOLDER}/index.html", page.encode("utf-8")),
            OutputFile(f"{ADMIN_FOLDER}/config.yml",
                       config_yaml(editor_site(site.config, site)).encode("utf-8"))]
