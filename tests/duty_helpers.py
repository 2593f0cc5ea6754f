"""Shared helpers for the publication-duty tests: a fake catalogue and page factories."""

from __future__ import annotations

from datetime import date

from generator.law.catalogue import Catalogue, Duty, load_catalogue
from generator.law.freshness import parse_rule
from generator.load.config import DutyEvent, DutySettings, NotApplicable
from generator.site import PageSpec


def duty(duty_id: str, freshness: str = "on_change", *, basis: str = "statutory",
         confidence: str = "high", timing: str = "high", cls: str = "what-we-spend",
         **extra: object) -> Duty:
    """A duty; a period rule gets a timing source and reads "as soon as practicable"."""
    if parse_rule(freshness).dated:
        extra = {"timing_source": "the test",
                 "deadline": "asap-reading" if freshness.startswith("period:") else "stated",
                 **extra}
    return Duty.model_validate({
        "id": duty_id, "title": f"Title of {duty_id}", "source": f"Source of {duty_id}",
        "class": cls, "basis": basis, "confidence": confidence, "timing_confidence": timing,
        "requirement": "Publish it.", "satisfied_by": ["page"], "freshness": freshness,
        **extra})


def catalogue(*duties: Duty) -> Catalogue:
    return Catalogue(duties=duties)


def page(path: str, *duty_ids: str, updated: date | None = date(2026, 11, 1),
         title: str = "A page") -> PageSpec:
    return PageSpec(path=path, template="layouts/page.html", title=title, updated=updated,
                    duties=tuple(duty_ids))


def settings(not_applicable: dict[str, str] | None = None,
             events: list[dict[str, object]] | None = None) -> DutySettings:
    """Duty settings for a fake catalogue (site.yml validation checks ids against the real one)."""
    def event(data: dict[str, object]) -> DutyEvent:
        published = data.get("published")
        return DutyEvent.model_construct(
            duty=data["duty"], title=data["title"], date=date.fromisoformat(str(data["date"])),
            published=date.fromisoformat(str(published)) if published else None)

    return DutySettings.model_construct(
        not_applicable=[NotApplicable.model_construct(id=k, reason=v)
                        for k, v in (not_applicable or {}).items()],
        events=[event(e) for e in events or []], publish_report=False)


ALL_DUTY_IDS = load_catalogue().ids
PCC_DUTY_IDS = tuple(d.id for d in load_catalogue() if "police-and-crime" in d.offices)
"""The duties of a police and crime commissioner (the default office), in catalogue order."""


def complete_site_files(updated: str = "2026-11-20") -> dict[str, str | bytes]:
    """Content for a tiny site meeting every duty in the real catalogue (for CLI tests)."""
    ids = ", ".join(i for i in ALL_DUTY_IDS if i != "psbar-2018-accessibility-statement")
    return {
        "content/everything.md": f"---\ntitle: Everything\nupdated: {updated}\n"
                                 f"class: who-we-are\nnav_order: 1\nduties: [{ids}]\n---\nAll.\n",
        "content/accessibility.md": ACCESSIBILITY.format(reviewed="2026-06-01"),
    }


ACCESSIBILITY = """\
---
title: Accessibility statement
updated: 2026-06-01
compliance_status: partially
non_accessible_content:
  - description: Some old PDFs have no headings.
    reason: non-compliance
    criteria: 1.3.1 Info and relationships
    alternative: Email us for an accessible copy.
    fix_by: 2027-03-31
  - description: Live video has no captions.
    reason: outside scope
how_to_report: Email [us](mailto:a11y@testshire.example) within 10 working days.
enforcement_url: https://www.equalityadvisoryservice.com/
prepared: 2024-09-23
reviewed: {reviewed}
---
This statement applies to www.testshire.example.
"""

COMPLETE_SITE_YML_EXTRA = "footer_links:\n  - {title: Accessibility, link: accessibility.md}\n"
