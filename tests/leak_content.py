"""The areas' content for the leak test (test_no_leaks.py): published records with
control markers, and the unpublished records and rows that sit beside them.

Every area is here: meetings (a draft meeting, an embargoed one, a draft body, the
paper of an exempt item), decisions (a draft and an embargoed one, both naming a
published meeting), registers (draft and embargoed rows in YAML and CSV registers,
a draft register of interests) and staff (a draft and an embargoed role). A kind
that adds rows to a register replaces the published file with the same rows plus
the unpublished ones, so "built with it" and "built without it" differ only by them.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- meetings

PANEL = """\
---
title: Testshire Police and Crime Panel
members:
  - {name: Cllr. Ann Able, role: Chair}
contact: Democratic Services, 01632 960 000
updated: 2026-10-01
---
The Panel scrutinises the Commissioner.
"""

HELD = """\
---
date: 2026-03-24T14:00
end: 2026-03-24T16:00
location: Council Chamber
status: held
agenda:
  - title: Budget CONTROL-PUBLISHED-AGENDA-7C1D
    papers: [papers/budget-report.pdf]
    minute: The budget was noted.
  - title: Chief Constable appointment
    exempt: Section 100A Local Government Act 1972
minutes_status: approved
updated: 2026-04-02
---
CONTROL-PUBLISHED-MINUTES-2B8E were approved.
"""

UPCOMING = """\
---
title: Panel meeting CONTROL-PUBLISHED-UPCOMING-4D3F
date: 2027-01-20T14:00
location: Council Chamber
status: scheduled
agenda:
  - title: Precept
updated: 2026-11-20
---
"""


def _meeting(marker: str, day: str, front: str, status: str = "held",
             paper: str | None = None) -> str:
    papers = f"    papers: [papers/{paper}]\n" if paper else ""
    return (f"---\ntitle: {marker} title\ndate: {day}T10:00\nlocation: {marker} room\n"
            f"status: {status}\n{front}agenda:\n  - title: {marker} item\n{papers}"
            f"    minute: {marker} minute\n    decision: {marker} resolution\n"
            f"minutes_status: approved\n---\n{marker} minutes.\n")


def _decision(marker: str, day: str, front: str) -> str:
    return (f"---\nreference: {marker}-REF\ntitle: {marker} title\ndate: {day}\n"
            f"decision_maker: {marker} maker\nvalue: 123456\n"
            "significant_public_interest: true\n"
            f"meeting: ../../meetings/panel/2026-03-24.md#item-1\n{front}---\n{marker} body.\n")


DECISION = _decision("CONTROL-PUBLISHED-DECISION-9A4B", "2026-03-26",
                     "updated: 2026-03-27\n").replace("CONTROL-PUBLISHED-DECISION-9A4B-REF",
                                                       '"2026/004"')

# --------------------------------------------------------------------------- registers


def _yaml_rows(rows: list[str]) -> str:
    return "updated: 2026-10-01\nentries:\n" + "".join(f"  - {{{row}}}\n" for row in rows)


def _csv(header: str, rows: list[str]) -> str:
    return header + "\n" + "".join(row + "\n" for row in rows)


GIFTS = ["date: 2026-02-01, recipient: Ann Example, offered_by: Acme Ltd, "
         "description: CONTROL-PUBLISHED-GIFT-3E5F lunch, value: 25, status: accepted",
         "date: 2026-06-01, recipient: Ann Example, offered_by: Beta Ltd, "
         "description: Conference pass, value: 300, status: accepted"]
LEAK_GIFTS = ["date: 2026-04-01, recipient: LEAK-DRAFT-GIFT-RECIPIENT-6B1A, "
              "offered_by: LEAK-DRAFT-GIFT-DONOR-6B1B, description: LEAK-DRAFT-GIFT-6B1C, "
              "value: 9000, status: declined, draft: true",
              "date: 2026-11-22, recipient: Ann Example, offered_by: LEAK-EMBARGOED-GIFT-6B2A, "
              "description: Box at the match, value: 700, status: accepted, "
              "publish_from: 2026-12-01"]

EXPENSES_HEADER = "date,person,category,description,amount"
EXPENSES = ["2026-05-01,Ann Example,Travel,CONTROL-PUBLISHED-EXPENSE-5A6B train,42.50",
            "2026-06-01,Ann Example,Subsistence,Lunch,9.99"]
LEAK_EXPENSES = [
    EXPENSES_HEADER + ",draft,publish_from",
    EXPENSES[0] + ",,",
    "2026-05-15,LEAK-DRAFT-EXPENSE-PERSON-7A1A,LEAK-DRAFT-EXPENSE-CAT-7A1B,"
    "LEAK-DRAFT-EXPENSE-7A1C,5000,true,",
    EXPENSES[1] + ",false,",
    "2026-11-20,Ann Example,Travel,LEAK-EMBARGOED-EXPENSE-7A2A,310.00,,2026-12-01",
]

SPENDING_HEADER = "date,supplier,description,category,amount,reference"
SPENDING = ["2026-10-01,CONTROL-PUBLISHED-SUPPLIER-8C9D,Cleaning,Premises,1200.00,SP-1",
            "2026-10-15,Gamma plc,Software,IT,5400.00,SP-2"]
LEAK_SPENDING = [
    SPENDING_HEADER + ",draft,publish_from",
    SPENDING[0] + ",,",
    "2026-10-09,LEAK-DRAFT-SUPPLIER-8B1A,LEAK-DRAFT-SPEND-8B1B,LEAK-DRAFT-SPEND-CAT-8B1C,"
    "77777.77,LEAK-DRAFT-SPEND-REF-8B1D,true,",
    SPENDING[1] + ",,",
    # The only row of September: no month page, download or total may appear for it.
    "2026-09-30,LEAK-EMBARGOED-SUPPLIER-8B2A,Consultancy,Advice,999.00,"
    "LEAK-EMBARGOED-SPEND-REF-8B2B,,2026-12-01",
]

CONTRACTS = ["reference: C-1, title: CONTROL-PUBLISHED-CONTRACT-1D2E, supplier: Acme Ltd, "
             "value: 50000, start: 2026-04-01, end: 2027-03-31, procedure: Open tender",
             "reference: C-2, title: Window cleaning, supplier: Beta Ltd, value: 4000, "
             "start: 2026-05-01, procedure: Three quotes",
             "reference: T-1, title: Vehicle hire, stage: tender, value: 80000, "
             "start: 2027-04-01, procedure: Open tender, closes: 2026-12-18"]
LEAK_CONTRACTS = ["reference: LEAK-DRAFT-CONTRACT-REF-9C1A, title: LEAK-DRAFT-CONTRACT-9C1B, "
                  "supplier: LEAK-DRAFT-CONTRACTOR-9C1C, value: 2500000, start: 2026-06-01, "
                  "procedure: Direct award, draft: true",
                  "reference: LEAK-EMBARGOED-TENDER-REF-9C2A, title: LEAK-EMBARGOED-TENDER-9C2B,"
                  " stage: tender, value: 9000, start: 2027-06-01, procedure: Open tender, "
                  "closes: 2027-01-10, publish_from: 2026-12-01"]

INTERESTS = ["category: Employment, description: CONTROL-PUBLISHED-INTEREST-2F3A",
             "category: Land, description: A house in Testby"]
LEAK_INTERESTS = ["category: LEAK-DRAFT-INTEREST-CAT-0D1A, "
                  "description: LEAK-DRAFT-INTEREST-0D1B, draft: true",
                  "category: Employment, description: LEAK-EMBARGOED-INTEREST-0D2A, "
                  "publish_from: 2027-01-01"]


def _interests(rows: list[str]) -> str:
    return ("person: Ann Example\nrole: commissioner\nupdated: 2026-09-01\ninterests:\n"
            + "".join(f"  - {{{row}}}\n" for row in rows))


# --------------------------------------------------------------------------- staff

PAY_SCALES = """\
effective_from: 2026-04-01
grades:
  - {code: SM7, min: 77874, max: 83127}
  - {code: S5, min: 22668, max: 24759}
"""

WORKFORCE = """\
as_at: 2026-03-31
headcount: 3
fte: 2.8
full_time: 2
part_time: 1
sex: {female: 2, male: 1}
ethnic_minority: {yes: 1, no: 2}
disabled: {yes: 0, no: 3}
"""

JOB = ("## Job purpose\n\nTo do the job.\n\n## Main responsibilities\n\n"
       "1. The first duty.\n2. The second duty.\n")


def _role(title: str, front: str) -> str:
    return f"---\ntitle: {title}\npolitically_restricted: true\n{front}---\n{JOB}"


def _leak_role(marker: str, front: str) -> str:
    return _role(f"{marker} title", "grade: SM7\nfte: 3\nreports_to: chief-of-staff\n"
                                    f"senior: true\npostholder: {marker} name\n"
                                    f"salary: 250000\nsummary: {marker} summary\n{front}")


AREA_PUBLISHED: dict[str, str | bytes] = {
    "content/meetings/index.md": "---\ntitle: Meetings\nupdated: 2026-11-01\n---\nOur meetings.\n",
    "content/meetings/panel/index.md": PANEL,
    "content/meetings/panel/2026-03-24.md": HELD,
    "content/meetings/panel/2027-01-20.md": UPCOMING,
    "content/meetings/panel/papers/budget-report.pdf": b"%PDF-1.4 CONTROL-MEETING-PAPER-6E7F\n",
    "content/registers/decisions/index.md": "---\ntitle: Decisions\nupdated: 2026-11-01\n---\n"
                                            "Our decisions.\n",
    "content/registers/decisions/2026-004.md": DECISION,
    **{f"content/registers/{name}": f"---\ntitle: {title}\nupdated: 2026-10-01\n---\nText.\n"
       for name, title in (("gifts-and-hospitality.md", "Gifts"), ("expenses.md", "Expenses"),
                           ("contracts.md", "Contracts"), ("spending/index.md", "Spending"),
                           ("interests/index.md", "Interests"))},
    "content/registers/gifts-and-hospitality.yml": _yaml_rows(GIFTS),
    "content/registers/expenses.csv": _csv(EXPENSES_HEADER, EXPENSES),
    "content/registers/spending/2026-10.csv": _csv(SPENDING_HEADER, SPENDING),
    "content/registers/contracts.yml": _yaml_rows(CONTRACTS),
    "content/registers/interests/ann-example.yml": _interests(INTERESTS),
    "content/staff/pay-scales.yml": PAY_SCALES,
    "content/staff/workforce.yml": WORKFORCE,
    "content/staff/roles/commissioner.md": _role(
        "Police and Crime Commissioner", "fte: 1\nstatutory: [police-and-crime-commissioner]\n"
        "postholder: Ann Example\nsalary: 88600\n"),
    "content/staff/roles/chief-of-staff.md": _role(
        "Chief of Staff CONTROL-PUBLISHED-ROLE-4B5C",
        "grade: SM7\nfte: 1\nreports_to: commissioner\nsenior: true\n"
        "statutory: [head-of-paid-service]\npostholder: Bea Example\nsalary: 81216\n"),
    "content/staff/roles/policy-officer.md": _role(
        "Policy Officer", "grade: S5\nfte: 1.8\nreports_to: chief-of-staff\n"),
}

AREA_CONTROLS = ["CONTROL-PUBLISHED-AGENDA-7C1D", "CONTROL-PUBLISHED-MINUTES-2B8E",
                 "CONTROL-PUBLISHED-UPCOMING-4D3F", "CONTROL-MEETING-PAPER-6E7F",
                 "CONTROL-PUBLISHED-DECISION-9A4B", "CONTROL-PUBLISHED-GIFT-3E5F",
                 "CONTROL-PUBLISHED-EXPENSE-5A6B", "CONTROL-PUBLISHED-SUPPLIER-8C9D",
                 "CONTROL-PUBLISHED-CONTRACT-1D2E", "CONTROL-PUBLISHED-INTEREST-2F3A",
                 "CONTROL-PUBLISHED-ROLE-4B5C"]

AREA_UNPUBLISHED: dict[str, dict[str, str | bytes]] = {
    "draft meeting with papers": {
        "content/meetings/panel/2026-06-10.md": _meeting(
            "LEAK-DRAFT-MEETING-3A1A", "2026-06-10", "draft: true\n",
            paper="leak-draft-meeting-paper-3a1c.pdf"),
        "content/meetings/panel/papers/leak-draft-meeting-paper-3a1c.pdf":
            b"%PDF-1.4 LEAK-DRAFT-MEETING-PAPER-3A1C\n"},
    "meeting embargoed until after it is held": {
        "content/meetings/panel/2026-12-15.md": _meeting(
            "LEAK-EMBARGOED-MEETING-3B1A", "2026-12-15", "publish_from: 2026-12-01\n",
            status="scheduled", paper="leak-embargoed-meeting-paper-3b1c.pdf"),
        "content/meetings/panel/papers/leak-embargoed-meeting-paper-3b1c.pdf":
            b"%PDF-1.4 LEAK-EMBARGOED-MEETING-PAPER-3B1C\n"},
    "draft meeting body with a meeting": {
        "content/meetings/leak-draft-body-3c1b/index.md":
            "---\ntitle: LEAK-DRAFT-BODY-3C1B title\ndraft: true\nmembers:\n"
            "  - {name: LEAK-DRAFT-BODY-MEMBER-3C1C}\n---\nLEAK-DRAFT-BODY-3C1D text.\n",
        "content/meetings/leak-draft-body-3c1b/2026-12-02.md": _meeting(
            "LEAK-DRAFT-BODY-MEETING-3C2A", "2026-12-02", "", status="scheduled")},
    "paper of an exempt agenda item": {
        "content/meetings/panel/papers/leak-exempt-paper-3d1b.pdf":
            b"%PDF-1.4 LEAK-EXEMPT-PAPER-3D1B\n"},
    "draft decision": {
        "content/registers/decisions/leak-draft-decision-4a1b.md": _decision(
            "LEAK-DRAFT-DECISION-4A1B", "2024-02-01", "draft: true\n")},
    "embargoed decision": {
        "content/registers/decisions/leak-embargoed-decision-4b1b.md": _decision(
            "LEAK-EMBARGOED-DECISION-4B1B", "2026-11-20", "publish_from: 2026-12-01\n")},
    "draft and embargoed gift rows (YAML)": {
        "content/registers/gifts-and-hospitality.yml": _yaml_rows(
            [GIFTS[0], LEAK_GIFTS[0], GIFTS[1], LEAK_GIFTS[1]])},
    "draft and embargoed expense rows (CSV)": {
        "content/registers/expenses.csv": "\n".join(LEAK_EXPENSES) + "\n"},
    "draft and embargoed spending rows (CSV)": {
        "content/registers/spending/2026-10.csv": "\n".join(LEAK_SPENDING) + "\n"},
    "draft and embargoed contract rows (YAML)": {
        "content/registers/contracts.yml": _yaml_rows(
            [CONTRACTS[0], LEAK_CONTRACTS[0], CONTRACTS[1], CONTRACTS[2], LEAK_CONTRACTS[1]])},
    "draft and embargoed interests": {
        "content/registers/interests/ann-example.yml": _interests(
            [INTERESTS[0], LEAK_INTERESTS[0], INTERESTS[1], LEAK_INTERESTS[1]])},
    "draft register of interests": {
        "content/registers/interests/leak-draft-person-5a1b.yml":
            "person: LEAK-DRAFT-PERSON-5A1B\nrole: chief-of-staff\ndraft: true\ninterests:\n"
            "  - {category: Employment, description: LEAK-DRAFT-PERSON-INTEREST-5A1C}\n"},
    "draft role": {
        "content/staff/roles/leak-draft-role-6a1b.md": _leak_role("LEAK-DRAFT-ROLE-6A1B",
                                                                  "draft: true\n")},
    "embargoed role": {
        "content/staff/roles/leak-embargoed-role-6b1b.md": _leak_role(
            "LEAK-EMBARGOED-ROLE-6B1B", "publish_from: 2027-01-01\n")},
}
