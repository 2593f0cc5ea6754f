"""The duty catalogue: what an OPCC must publish, loaded from ``catalogue.yml``.

The YAML file is package data (its header documents every field and freshness rule);
this module validates it into frozen :class:`Duty` objects and derives what the rest of
the generator needs: the severity of each duty and its parsed freshness rule. A broken
catalogue is a bug in the generator, so it raises rather than reporting problems.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from generator.errors import GeneratorError, Severity
from generator.law.freshness import Rule, parse_rule
from generator.models.fields import PublicationClass

CATALOGUE_FILE = Path(__file__).with_name("catalogue.yml")

Basis = Literal["statutory", "guidance", "format-reference", "good-practice"]
Confidence = Literal["high", "medium", "low"]
Deadline = Literal["stated", "asap-reading", "practice"]
Office = Literal["police-and-crime", "police-fire-and-crime"]
OFFICES: tuple[Office, ...] = ("police-and-crime", "police-fire-and-crime")

DEADLINE_WORDS: dict[str, str] = {
    "stated": "the deadline is the law's own",
    "asap-reading": "the law says \"as soon as practicable\" and gives no number of days: "
                    "this deadline is our reading of it",
    "practice": "the law's timing was not read: this deadline follows common practice",
}
"""How each ``deadline`` value is explained in the report."""

SATISFIED_BY: dict[str, str] = {
    "page": "a page that lists the duty in its front matter `duties:`",
    "role": "the staff role pages (content/staff/roles/)",
    "workforce": "the workforce figures (content/staff/workforce.yml)",
    "pay_scales": "the pay scales (content/staff/pay-scales.yml)",
    "meeting": "the meeting pages (content/meetings/)",
    "decision": "the decision records (content/registers/decisions/)",
    "register:interests": "the register of interests (content/registers/interests/)",
    "register:gifts_hospitality": "the gifts and hospitality register",
    "register:expenses": "the expenses register",
    "register:spending": "the spending files (content/registers/spending/)",
    "register:contracts": "the contracts register",
    "register:procurement_cards": "a page listing procurement card transactions",
    "site_contact": "the postal address in site.yml `contact.address` (shown on every page)",
    "accessibility_statement": "the accessibility statement (content/accessibility.md)",
    "publication_scheme": "the publication scheme page the generator writes",
}
"""How each ``satisfied_by`` value is described to an editor."""


class Duty(BaseModel):
    """One publication duty. See catalogue.yml for the meaning of each field."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-zA-Z0-9]+)*$")
    title: str = Field(min_length=1)
    source: str = Field(min_length=1)
    publication_class: PublicationClass = Field(alias="class")
    basis: Basis
    confidence: Confidence
    timing_confidence: Confidence
    requirement: str = Field(min_length=1)
    satisfied_by: tuple[str, ...] = Field(min_length=1)
    freshness: str
    grace_months: int = Field(default=1, ge=0, le=12)
    """For ``period`` rules: whole months after the next period ends before it is late."""
    timing_source: str | None = None
    """Where the freshness rule comes from (required for dated rules)."""
    deadline: Deadline | None = None
    """Whose deadline it is: the law's (stated), our reading of "as soon as practicable",
    or practice. Required for dated rules."""
    offices: tuple[Office, ...] = OFFICES
    """The kinds of office the duty binds (site.yml ``office``)."""
    hint: str | None = None
    """What to do when the duty is late, in the editor's words (default: by evidence)."""
    trigger: str | None = None
    threshold: str | None = None
    notes: str | None = None

    @field_validator("freshness")
    @classmethod
    def _rule(cls, value: str) -> str:
        parse_rule(value)
        return value

    @model_validator(mode="after")
    def _dated_rule_named(self) -> Duty:
        """A deadline is a claim about the law: it must say whose it is and where from."""
        if self.rule.dated and (self.deadline is None or not self.timing_source):
            raise ValueError(f"duty {self.id}: a dated rule ({self.freshness}) needs "
                             "`timing_source` and `deadline`")
        return self

    @field_validator("satisfied_by")
    @classmethod
    def _known_types(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [v for v in value if v not in SATISFIED_BY]
        if unknown:
            raise ValueError(f"unknown satisfied_by value(s): {', '.join(unknown)}")
        return value

    @property
    def rule(self) -> Rule:
        return parse_rule(self.freshness)

    @property
    def severity(self) -> Severity:
        """Only a statutory duty we are highly confident of can fail a check."""
        if self.basis == "statutory" and self.confidence == "high":
            return Severity.ERROR
        return Severity.WARNING

    @property
    def timing_checked(self) -> bool:
        """Whether lateness may fail: only when we trust the freshness rule."""
        return self.timing_confidence in ("high", "medium")

    @property
    def statutory(self) -> bool:
        return self.basis == "statutory"

    @property
    def how(self) -> str:
        """How an editor satisfies the duty, in words."""
        return " or ".join(SATISFIED_BY[v] for v in self.satisfied_by)


class Catalogue(BaseModel):
    """Every duty, in catalogue order, with unique ids."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    duties: tuple[Duty, ...]

    @field_validator("duties")
    @classmethod
    def _unique(cls, value: tuple[Duty, ...]) -> tuple[Duty, ...]:
        seen: set[str] = set()
        for duty in value:
            if duty.id in seen:
                raise ValueError(f"duty id '{duty.id}' appears twice")
            seen.add(duty.id)
        return value

    def __iter__(self) -> Iterator[Duty]:  # type: ignore[override]
        return iter(self.duties)

    def __len__(self) -> int:
        return len(self.duties)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.duties)

    def get(self, duty_id: str) -> Duty | None:
        return next((d for d in self.duties if d.id == duty_id), None)

    @classmethod
    def from_yaml(cls, text: str, origin: str = "catalogue") -> Catalogue:
        """Parse and validate catalogue YAML; raise GeneratorError naming what is wrong."""
        try:
            data = yaml.safe_load(text)
            return cls.model_validate(data)
        except (yaml.YAMLError, ValidationError) as exc:
            raise GeneratorError(f"the duty catalogue ({origin}) is invalid: {exc}") from exc


@cache
def load_catalogue() -> Catalogue:
    """The catalogue shipped with the generator (cached: it never changes in a run)."""
    return Catalogue.from_yaml(CATALOGUE_FILE.read_text(encoding="utf-8"),
                               origin=str(CATALOGUE_FILE))
