"""Whole-site outputs generated from the site model: each is ``(site) -> [OutputFile]``.

``OUTPUTS`` is the table the build runs after rendering pages.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.outputs.admin import admin_files
from generator.outputs.atom import atom_feed
from generator.outputs.catalogue import catalogue_json
from generator.outputs.datapackage import datapackage_json
from generator.outputs.sitemap import robots_txt, sitemap_xml
from generator.site import Site
from generator.writer import OutputFile

OutputBuilder = Callable[[Site], list[OutputFile]]

OUTPUTS: list[OutputBuilder] = [
    sitemap_xml,
    robots_txt,
    atom_feed,
    catalogue_json,
    datapackage_json,
    admin_files,
]
