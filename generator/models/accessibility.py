"""The accessibility statement (Public Sector Bodies Accessibility Regulations 2018).

The regulations (regs 7 and 8) and the Government Digital Service's model statement need:
a compliance status, the content that is not accessible and why, accessible alternatives,
how to report a problem, a link to the enforcement procedure, and when the statement was
prepared and last reviewed. Each is a field here, so a missing section is a build error
rather than an omission nobody notices. Consistency between the fields (for example a
"partially" compliant site listing nothing) is checked by the section, which knows lines.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from generator.models.base import PageMeta
from generator.models.fields import IsoDate, Text

ComplianceStatus = Literal["fully", "partially", "not"]
Reason = Literal["non-compliance", "disproportionate burden", "outside scope"]
FAILING_REASONS: tuple[Reason, ...] = ("non-compliance", "disproportionate burden")
"""Reasons that mean the content fails the standard (unlike content outside scope)."""


class NonAccessibleContent(BaseModel):
    """One piece of content that is not accessible, with the reason."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: Text = Field(min_length=1)
    """What is not accessible and how it affects users (Markdown)."""
    reason: Reason
    """Why it is not accessible: non-compliance (it fails the standard and will be fixed),
    disproportionate burden (fixing it now would cost too much, an assessment you must have
    made) or outside scope (the regulations do not cover it, e.g. live video)."""
    criteria: Text | None = None
    """The WCAG success criteria it fails, e.g. "1.1.1 Non-text content"."""
    alternative: Text | None = None
    """An accessible alternative, if there is one (Markdown)."""
    fix_by: IsoDate | None = None
    """When it will be fixed, if planned."""


class AccessibilityStatementMeta(PageMeta):
    """Front matter of ``content/accessibility.md``."""

    compliance_status: ComplianceStatus
    """How far the site meets the standard: fully, partially or not (compliant). partially
    or not needs at least one item under non_accessible_content that fails the standard;
    fully allows only items that are outside scope."""
    standard: Text = "Web Content Accessibility Guidelines version 2.2 AA standard"
    """The standard the site is measured against; leave out for WCAG 2.2 AA."""
    non_accessible_content: list[NonAccessibleContent] = Field(default_factory=list)
    """Each piece of content that is not accessible, with its reason (fields below)."""
    how_to_report: Text = Field(min_length=1)
    """How to report a problem or ask for content in another format (Markdown)."""
    enforcement_url: Text
    """The web address of the enforcement procedure, e.g. https://www.equalityadvisoryservice.com/
    (the Equality Advisory and Support Service)."""
    prepared: IsoDate
    """The date the statement was first prepared; it cannot be in the future."""
    reviewed: IsoDate
    """When it was last reviewed; more than a year ago gives a warning."""
    testing: Text | None = None
    """How and when the site was tested (Markdown), optional."""

    @field_validator("enforcement_url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"'{value}' is not a full web address (https://…)")
        return value
