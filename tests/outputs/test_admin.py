"""The editor's config.yml as the build writes it from a site's published files."""

from __future__ import annotations

import yaml
from conftest import MINIMAL_SITE_YML, TODAY, SiteFactory

from generator.build import build

PAGE = "---\ntitle: {title}\n---\nText.\n"


def test_every_folder_of_pages_gets_a_collection_and_other_folders_do_not(
        make_site: SiteFactory) -> None:
    site = make_site({
        "site.yml": MINIMAL_SITE_YML + "editor:\n  repo: office/site\n",
        "content/contact.md": PAGE.format(title="Contact"),
        "content/about/index.md": PAGE.format(title="About us"),
        "content/about/team/people.md": PAGE.format(title="Our people"),
        "content/news/draft.md": "---\ntitle: Draft\ndraft: true\n---\nNot yet.\n",
        "content/registers/decisions/2026-001.md": (
            "---\nreference: '2026/001'\ntitle: A decision\ndate: 2026-01-05\n"
            "decision_maker: Police and Crime Commissioner\n"
            "significant_public_interest: false\n---\nDecided.\n"),
    })
    result = build(site, site / "_site", today=TODAY, search=False, use_cache=False, workers=1)
    assert not result.errors, [str(p) for p in result.errors]
    config = yaml.safe_load((site / "_site" / "admin" / "config.yml").read_text())
    folders = {c["name"]: c.get("folder") for c in config["collections"]}
    assert folders["pages-about"] == "content/about"
    assert folders["pages-about-team"] == "content/about/team"
    pages = {c["name"]: c for c in config["collections"]}
    assert pages["pages-about-team"]["media_folder"] == "../../images"  # from the page
    # a folder of another kind keeps its own form; a folder with nothing published is absent
    assert "pages-registers-decisions" not in folders and "pages-news" not in folders
    assert folders["decisions"] == "content/registers/decisions"
    # the sign-in screen and the header name the office, not the editor's maker
    assert config["app_title"] == "Edit the Testshire OPCC website"
