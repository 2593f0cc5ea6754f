"""Page metadata for search engines and link previews: JSON-LD, Open Graph, labels.

Templates use these through the renderer: the ``jsonld`` filter turns a dict into a
safe ``<script type="application/ld+json">`` (any page can add its own, e.g. an Event
for a meeting), ``organisation_data()`` is the GovernmentOrganization of the home page,
``css_string`` quotes a value for a CSS ``content`` and ``kind_label`` names a page kind.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from generator.site import Site

# A UK postcode on the last address line becomes postalCode (and the line above it the
# locality), so search engines can read the address; anything else stays street text.
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$", re.IGNORECASE)


def jsonld(data: dict[str, Any]) -> Markup:
    """A JSON-LD script element; ``<``, ``>`` and ``&`` are escaped so text cannot end it."""
    text = json.dumps(data, ensure_ascii=False, separators=(", ", ": "))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def css_string(value: str) -> Markup:
    """A CSS string literal safe inside a ``<style>`` element."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,:/-_~?=&%+@" else f"\\{ord(ch):x} "
                      for ch in value)
    return Markup(f'"{escaped}"')


def postal_address(lines: list[str]) -> dict[str, str]:
    """schema.org PostalAddress from the address lines in site.yml."""
    address: dict[str, str] = {"@type": "PostalAddress", "addressCountry": "GB"}
    rest = list(lines)
    if rest and _POSTCODE.match(rest[-1].strip()):
        address["postalCode"] = rest.pop().strip()
        if len(rest) > 1:
            address["addressLocality"] = rest.pop().strip()
    if rest:
        address["streetAddress"] = ", ".join(line.strip() for line in rest)
    return address


def organisation_data(site: Site) -> dict[str, Any]:
    """The office as a schema.org GovernmentOrganization (for the home page)."""
    config = site.config
    organisation = config.organisation
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": organisation.name,
        "alternateName": organisation.short_name,
        "url": site.absolute_url("/"),
    }
    logo = logo_path(site)
    if logo:
        data["logo"] = site.absolute_url(logo)
    if config.contact.address:
        data["address"] = postal_address(config.contact.address)
    if config.contact.phone:
        data["telephone"] = config.contact.phone
    if config.contact.email:
        data["email"] = config.contact.email
    return data


def logo_path(site: Site) -> str | None:
    """The site path of the logo, or None when there is none (or its file is missing)."""
    logo = site.config.organisation.logo
    return f"/{logo}" if logo and logo in site.loaded.assets else None


def origin(site: Site) -> str:
    """Scheme and host of the site, e.g. https://www.northshire-pcc.example."""
    parts = urlsplit(site.config.base_url)
    return f"{parts.scheme}://{parts.netloc}"


def og_locale(lang: str) -> str:
    """Open Graph writes languages with an underscore: en-GB -> en_GB."""
    return lang.replace("-", "_")


def kind_labeller(messages: dict[str, str]) -> Callable[[str], str]:
    """Name a page kind for people (search filter values): message ``kind_<kind>``."""

    def label(kind: str) -> str:
        return messages.get(f"kind_{kind}") or kind.replace("-", " ").replace("_", " ").capitalize()

    return label


def template_globals(site: Site, messages: dict[str, str]) -> dict[str, Any]:
    return {
        "organisation_data": lambda: organisation_data(site),
        "logo_path": lambda: logo_path(site),
        "site_origin": origin(site),
        "kind_label": kind_labeller(messages),
    }


TEMPLATE_FILTERS: dict[str, Callable[..., Any]] = {
    "jsonld": jsonld,
    "css_string": css_string,
    "og_locale": og_locale,
}
