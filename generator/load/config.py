"""Load and validate ``site.yml`` into an immutable :class:`SiteConfig`.

Validated like content: unknown keys are errors with a "did you mean", every problem
is reported at once, and the result is frozen so no later stage can change settings.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from generator.colour import AA_NORMAL_TEXT, WHITE, contrast_ratio, darken_until_readable
from generator.errors import ConfigError, Problem, error
from generator.load.sources import SourceFile, parse_source
from generator.load.validation import did_you_mean, validate
from generator.models.fields import IsoDate, StrictBool, Text
from generator.models.registers import CARD_FIELDS, REGISTER_FIELDS, SPENDING_FIELDS

LOGO_SUFFIXES = ("svg", "png", "jpg", "jpeg", "webp")


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organisation(_Settings):
    name: Text = Field(min_length=1)
    """Full name, e.g. "Office of the Police and Crime Commissioner for Northshire"; shown in
    the header, the footer and the home page's title."""
    short_name: Text = Field(min_length=1)
    """Short name, e.g. Northshire OPCC: used in the header on small screens, in page titles
    and in the names of the calendar and news feeds."""
    logo: Text | None = None
    """The logo image's path inside content/, e.g. images/logo.svg (SVG, PNG, JPEG or WebP),
    shown in the header beside the name. Leave out for no logo."""
    brand_colour: Text = "#1d4f91"
    """The header's colour, written "#rrggbb" in quotes (# starts a comment in YAML), e.g.
    "#1d4f91". The header's white text must have a contrast of at least 4.5:1 on it (WCAG 2.2
    AA): a lighter colour is an error whose hint suggests a darker one."""

    @field_validator("logo")
    @classmethod
    def _logo(cls, value: str | None) -> str | None:
        if value is None:
            return None
        path = value.strip().removeprefix("./").removeprefix("content/")
        suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
        if suffix not in LOGO_SUFFIXES or ".." in path.split("/") or value.startswith("/"):
            raise ValueError(f"'{value}' is not a logo image inside content/ "
                             "(SVG, PNG, JPEG or WebP), e.g. images/logo.svg")
        return path

    @field_validator("brand_colour")
    @classmethod
    def _hex(cls, value: str) -> str:
        import re

        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError(f"'{value}' is not a colour like #1d4f91")
        return value.lower()


class Contact(_Settings):
    address: list[Text] = Field(default_factory=list)
    """The office's postal address, one line per item; shown at the foot of every page."""
    phone: Text | None = None
    """The office's public phone number, e.g. 01632 960 123."""
    email: Text | None = None
    """The office's public email address, e.g. opcc@northshire-pcc.example."""


class Link(_Settings):
    title: Text = Field(min_length=1)
    """The words shown in the menu, e.g. Contact."""
    link: Text = Field(min_length=1)
    """The page's file in content/, e.g. staff/index.md, or a full web address (https://…,
    mailto: or tel:)."""


class StaffSettings(_Settings):
    small_number_threshold: int = Field(default=5, ge=0)
    """Workforce counts below this are shown as "fewer than 5" (for 5) rather than the exact
    number, so that nobody can be identified."""
    senior_salary_threshold: int = 58200
    """Pay in pounds above which an employee counts as senior (SIO para 2(d)): a role whose
    grade starts above it but is not marked `senior: true` gets a warning."""


def _check_columns(columns: dict[str, str], fields: tuple[str, ...]) -> dict[str, str]:
    """Every mapped header must name a real field, or the mapping silently does nothing."""
    for header, target in columns.items():
        if target not in fields:
            close = did_you_mean(target, fields)
            raise ValueError(f"'{header}' is mapped to '{target}', which is not a register "
                             f"field ({close or 'use one of: ' + ', '.join(fields)})")
    return columns


class ExportSettings(_Settings):
    """How CSV exports are read: shared by spending, procurement-card and other registers."""

    other_columns: Literal["keep", "drop"] = "keep"
    """What happens to a column whose heading maps to no field (Supplier id, Account): keep
    publishes it in the CSV and JSON downloads under its own heading; drop leaves it out."""
    drop_columns: list[str] = Field(default_factory=list)
    """Headings of columns never to publish, e.g. [Supplier id, Cost centre] (a finance
    system's internal codes); matched ignoring case and spaces at the ends."""
    header_row: int | None = Field(default=None, ge=1)
    """The line of the heading row, when the export puts more than a few title rows above it;
    without it, the first row naming two of the register's columns is the heading row."""


class _MonthlySettings(ExportSettings):
    columns: dict[str, str] = Field(default_factory=dict)
    """The files' column headings and the field each one holds, e.g. "Supplier Name":
    supplier. Adds to (and overrides) registers.columns."""
    day_first: StrictBool = True
    """true reads 03/04/2026 as 3 April (UK style); false reads it as 4 March."""
    rows_per_page: int = Field(default=500, ge=50)
    """Rows on one page of a month (at least 50); a longer month is split into
    several pages."""


class SpendingSettings(_MonthlySettings):
    """content/registers/spending/: one finance export per month."""

    @field_validator("columns")
    @classmethod
    def _columns(cls, value: dict[str, str]) -> dict[str, str]:
        return _check_columns(value, SPENDING_FIELDS)


class CardSettings(_MonthlySettings):
    """content/registers/procurement-card/: one card statement export per month."""

    @field_validator("columns")
    @classmethod
    def _columns(cls, value: dict[str, str]) -> dict[str, str]:
        return _check_columns(value, CARD_FIELDS)


class RegisterSettings(ExportSettings):
    spending: SpendingSettings = SpendingSettings()
    """Settings for the monthly spending files (content/registers/spending/), which usually come
    from a finance system (the keys below)."""
    procurement_card: CardSettings = CardSettings()
    """Settings for the monthly procurement-card files (content/registers/procurement-card/),
    the same keys as spending."""
    columns: dict[str, str] = Field(default_factory=dict)
    """Column headings in any CSV register and the field each one holds, e.g. "Date Offered":
    date. Headings that are already field names (Offered By, offered_by) need no mapping."""
    day_first: StrictBool = True
    """true reads 03/04/2026 as 3 April (UK style) in the gifts, expenses and contracts
    registers; false reads it as 4 March."""
    rows_per_page: int = Field(default=500, ge=50)
    """Rows on one page of the gifts and hospitality and expenses registers (at least 50);
    longer registers are split into pages."""

    @field_validator("columns")
    @classmethod
    def _columns(cls, value: dict[str, str]) -> dict[str, str]:
        return _check_columns(value, REGISTER_FIELDS)


class MeetingSettings(_Settings):
    recent: int = Field(default=15, ge=0)
    """How many past meetings the meetings calendar (/meetings/) lists after the upcoming ones;
    older ones stay on each body's page."""
def _known_duty(duty_id: str) -> str:
    """A duty id must be in the catalogue; a typo gets a "did you mean"."""
    import difflib

    from generator.law.catalogue import load_catalogue

    catalogue = load_catalogue()
    if catalogue.get(duty_id) is None:
        close = difflib.get_close_matches(duty_id, catalogue.ids, n=1, cutoff=0.6)
        raise ValueError(f"'{duty_id}' is not a duty in the catalogue ("
                         + (f"the nearest is '{close[0]}'" if close else
                            "the ids are listed in generator/law/catalogue.yml") + ")")
    return duty_id


class NotApplicable(_Settings):
    id: Text
    """The duty's id, as listed by `transparency check`, e.g. sio-4c-invitations-to-tender."""
    reason: Text = Field(min_length=1)
    """Why it does not apply; shown in the compliance report, e.g. "no deputy is appointed"."""

    _id = field_validator("id")(_known_duty)


class DutyEvent(_Settings):
    """Something that starts a deadline, e.g. HMICFRS publishing a report on the force."""

    duty: Text
    """The id of the duty whose deadline it starts, e.g. pa1996-s55-hmicfrs-response (only
    duties with a deadline counted from an event are accepted)."""
    title: Text = Field(min_length=1)
    """What happened, e.g. "HMICFRS thematic inspection of neighbourhood policing"."""
    date: IsoDate
    """The day it happened; the deadline counts from (and includes) this day."""
    published: IsoDate | None = None
    """The day we published what the duty requires; leave out until it is published."""

    @field_validator("duty")
    @classmethod
    def _within_rule(cls, value: str) -> str:
        from generator.law.catalogue import load_catalogue

        _known_duty(value)
        duty = load_catalogue().get(value)
        if duty is not None and duty.rule.kind != "within":
            raise ValueError(f"'{value}' has no deadline counted from an event "
                             f"(its rule is {duty.freshness})")
        return value

    @model_validator(mode="after")
    def _order(self) -> DutyEvent:
        if self.published is not None and self.published < self.date:
            raise ValueError(f"published ({self.published}) is before the event's date "
                             f"({self.date})")
        return self


class DutySettings(_Settings):
    not_applicable: list[NotApplicable] = Field(default_factory=list)
    """Duties that do not apply to this body, each with the reason shown in the report."""
    events: list[DutyEvent] = Field(default_factory=list)
    """Events that start a deadline, e.g. each HMICFRS report on the force, which starts the
    56 days the Commissioner has to publish a response."""
    publish_report: StrictBool = False
    """Publish the compliance report at /compliance/ on the public site."""
    grace_months: dict[str, int] = Field(default_factory=dict)
    """For duties judged by the period they cover (monthly spending, quarterly expenses):
    whole months after the next period ends before it counts as late, by duty id, e.g.
    `sio-3g-spend-over-500: 2`. The catalogue's default is 1 (November is due by
    31 December)."""

    @field_validator("grace_months")
    @classmethod
    def _grace(cls, value: dict[str, int]) -> dict[str, int]:
        from generator.law.catalogue import load_catalogue

        for duty_id, months in value.items():
            _known_duty(duty_id)
            duty = load_catalogue().get(duty_id)
            if duty is not None and duty.rule.kind != "period":
                raise ValueError(f"'{duty_id}' is not judged by the period it covers (its "
                                 f"rule is {duty.freshness}), so it has no grace")
            if not 0 <= months <= 12:
                raise ValueError(f"grace for '{duty_id}' must be 0 to 12 months, not {months}")
        return value


class EditorSettings(_Settings):
    """The browser editor at /admin/ (Sveltia CMS): where it saves, and how people sign in."""

    backend: Literal["github", "gitlab"] = "github"
    """Where the repository lives: github or gitlab. On GitHub people sign in with a personal
    access token (no server needed); on GitLab with their GitLab account (set app_id) or a
    token."""
    repo: Text
    """The repository, written account/name, e.g. northshire-opcc/transparency."""
    branch: Text = "main"
    """The branch the editor saves to; the branch that is published."""
    app_id: Text | None = None
    """GitLab only: the Application ID of a GitLab application (Settings, Applications) with
    the api scope and the /admin/ address as its redirect URI, for "Sign in with GitLab"."""
    base_url: Text | None = None
    """Where sign-in happens, when not the default: a self-hosted GitLab's address, or for
    GitHub the address of an OAuth service (Netlify's is used when the site is on Netlify)."""

    @field_validator("repo")
    @classmethod
    def _repo(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+", value):
            raise ValueError(f"'{value}' is not a repository written account/name, "
                             "e.g. northshire-opcc/transparency")
        return value

    @field_validator("base_url")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("https://"):
            raise ValueError(f"'{value}' is not a full web address starting https://")
        return value


class SiteConfig(_Settings):
    """Everything in site.yml. Order matters only for readability of errors."""

    organisation: Organisation
    """Who publishes the site: name, short name, logo and colour (the keys below)."""
    base_url: Text = Field(min_length=1)
    """The full web address the site is published at, e.g. https://www.northshire-pcc.example/,
    or one with a sub-path such as https://<account>.github.io/<repository>/."""
    language: Literal["en-GB", "cy-GB", "en", "cy"] = "en-GB"
    """The language of the site's own words ("Last updated", menus, column headings): en-GB for
    English, cy-GB for Welsh. A single page can be in Welsh whatever this says (a Welsh
    edition, about.cy.md)."""
    office: Literal["police-and-crime", "police-fire-and-crime"] = "police-and-crime"
    """Which kind of office this is: police-and-crime for a Police and Crime Commissioner;
    police-fire-and-crime for a Police, Fire and Crime Commissioner, who is also the fire
    and rescue authority and so has the fire duties and the Local Government Transparency
    Code's duties as well."""
    contact: Contact = Contact()
    """The office's address, phone and email (the keys below)."""
    navigation: list[Link] = Field(default_factory=list)
    """The main menu, in order: one `- {title: …, link: …}` per item."""
    footer_links: list[Link] = Field(default_factory=list)
    """The links at the foot of every page (accessibility statement, privacy…), written like
    navigation."""
    allow_html: StrictBool = False
    """true lets pages contain HTML (for example an embedded webcast); it is always cleaned
    of anything unsafe. false (the default) shows any HTML as plain text."""
    webcast_hosts: list[Text] = Field(default_factory=list)
    """Web hosts whose players may be embedded (iframes) when allow_html is true, e.g.
    www.youtube.com; embeds from any other host are removed."""
    staff: StaffSettings = StaffSettings()
    """Settings for the staff pages (the keys below)."""
    registers: RegisterSettings = RegisterSettings()
    """How the registers' CSV files are read and shown (the keys below)."""
    meetings: MeetingSettings = MeetingSettings()
    """Settings for the meetings pages (the keys below)."""
    duties: DutySettings = DutySettings()
    """Settings for the publication duty check (the keys below)."""
    financial_year_start: Text = "04-01"
    """Month and day the financial year starts, written MM-DD: 04-01 for 1 April (UK public
    bodies). Duties due "before the financial year" count from it."""
    launched: IsoDate | None = None
    """The date the site first went live. Recorded only: this version of the generator does not use
    it."""
    editor: EditorSettings | None = None
    """The browser editor at /admin/: without this setting no editor is published. The keys
    below say which repository it saves to; see the handbook's "Editing in the browser"."""
    time_zone: Text = "Europe/London"
    """The time zone whose calendar decides "today" (when publish_from is reached, what is
    overdue), whatever the time zone of the machine that builds the site."""
    _lines: dict[tuple[str | int, ...], int] = PrivateAttr(default_factory=dict)

    def line_of(self, *path: str | int) -> int | None:
        """The line in site.yml of a setting, e.g. ``line_of("navigation", 0, "link")``."""
        probe = tuple(path)
        while probe:
            if probe in self._lines:
                return self._lines[probe]
            probe = probe[:-1]
        return None

    @field_validator("financial_year_start")
    @classmethod
    def _fy_start(cls, value: str) -> str:
        from generator.law.freshness import parse_fy_start

        parse_fy_start(value)
        return value

    @field_validator("base_url")
    @classmethod
    def _url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ValueError(f"'{value}' is not a full web address")
        return value if value.endswith("/") else value + "/"

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str) -> str:
        import zoneinfo

        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            if not zoneinfo.available_timezones():
                raise ValueError("this machine has no time-zone database; install the "
                                 "tzdata package (pip install tzdata)") from None
            raise ValueError(f"'{value}' is not a time zone like Europe/London") from None
        return value

    @property
    def base_path(self) -> str:
        """The sub-path the site lives under: "/" or e.g. "/transparency/"."""
        return urlsplit(self.base_url).path or "/"


def load_config(site_dir: Path) -> SiteConfig:
    """Read ``site.yml``; raise :class:`ConfigError` with every problem found."""
    path = site_dir / "site.yml"
    if not path.is_file():
        raise ConfigError([error("site.yml", "there is no site.yml in this folder",
                                 hint=f"run the command in the site's folder, or pass "
                                      f"--source (looked in {site_dir})")])
    source, problems = parse_source(SourceFile("site.yml", path))
    problems = [_rename(p) for p in problems]
    if source is None or problems:
        raise ConfigError(problems or [error("site.yml", "site.yml could not be read")])
    if not isinstance(source.data, dict):
        raise ConfigError([error("site.yml", "site.yml must be a list of `key: value` settings",
                                 line=1)])
    config, problems = validate(SiteConfig, source.data, path="site.yml", lines=source.lines)
    if config is None:
        raise ConfigError(problems)
    config._lines = dict(source.lines)
    problems = _brand_contrast(config, source.line_of(("organisation", "brand_colour")))
    if problems:
        raise ConfigError(problems)
    return config


def _brand_contrast(config: SiteConfig, line: int | None) -> list[Problem]:
    """White header text must be readable on the brand colour (WCAG 2.2 AA, 4.5:1)."""
    colour = config.organisation.brand_colour
    ratio = contrast_ratio(colour, WHITE)
    if ratio >= AA_NORMAL_TEXT:
        return []
    return [error("site.yml", f"white text on the brand colour {colour} has a contrast of "
                              f"only {ratio:.2f}:1, and the law requires at least 4.5:1 "
                              "(WCAG 2.2 AA)",
                  line=line, field="organisation.brand_colour",
                  hint=f"use a darker colour, such as {darken_until_readable(colour)}")]


def _rename(problem: Problem) -> Problem:
    """``parse_source`` names files as content/...; site.yml sits beside content/."""
    return Problem("site.yml", problem.message, problem.line, problem.field, problem.hint,
                   problem.severity)
