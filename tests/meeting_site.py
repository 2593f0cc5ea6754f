"""A small meetings-and-decisions site for tests: two bodies, meetings either side of
the 2026 clock changes (29 March, 25 October), papers, an exempt item, decisions."""

from __future__ import annotations

BODY = """\
---
title: Testshire Police and Crime Panel
summary: Scrutinises the Commissioner.
members:
  - {name: Cllr. Ann Able, role: Chair}
  - {name: Ms Bea Best, role: Independent member}
contact: Democratic Services, 01632 960 000
public: true
updated: 2026-10-01
---
The Panel scrutinises the Commissioner.
"""

BOARD = """\
---
title: Audit Board
public: false
updated: 2026-10-01
---
The Board reviews audit and risk in private.
"""

HELD = """\
---
date: 2026-03-24T14:00
end: 2026-03-24T16:00
location: Council Chamber, County Hall
status: held
webcast: https://webcasts.example/panel-2026-03-24
attendance:
  present: [Cllr. Ann Able, Ms Bea Best]
  apologies: [Cllr. Carl Cole]
  in_attendance: [Rebecca Ashworth (Commissioner)]
agenda:
  - title: Apologies
  - title: Declarations of interest
    declarations: Ms Best declared a personal interest in item 3.
  - title: Precept proposal
    report_by: Police and Crime Commissioner
    papers:
      - papers/precept.csv
      - papers/precept-report.pdf
    minute: The Commissioner presented the proposal.
    decision: "RESOLVED: That the precept be supported."
  - title: Confirmation hearing deliberations
    exempt: Section 100A Local Government Act 1972
minutes_status: approved
updated: 2026-04-02
---
The minutes were [confirmed](2026-03-31.md) a week later.
"""

BST = """\
---
title: Panel extraordinary meeting
date: 2026-03-31T14:00
end: 2026-03-31T15:30
location: Council Chamber, County Hall
status: held
agenda:
  - title: Minutes of the meeting held on 24 March 2026
minutes_status: draft
updated: 2026-04-05
---
"""

LAST_BST = """\
---
date: 2026-10-20T10:00
end: 2026-10-20T12:00
location: Board Room
status: held
updated: 2026-10-21
---
"""

CANCELLED = """\
---
date: 2026-10-27T10:00
location: Board Room
status: cancelled
updated: 2026-10-22
---
This meeting was cancelled.
"""

UPCOMING = """\
---
date: 2027-01-20T14:00
end: 2027-01-20T16:30
location: Council Chamber, County Hall
status: scheduled
agenda:
  - title: Proposed precept 2027/28
updated: 2026-11-20
---
"""

DECISION = """\
---
reference: "2026/004"
title: Police precept 2026/27
date: 2026-03-26
decision_maker: Police and Crime Commissioner
value: 89179479
significant_public_interest: true
meeting: ../../meetings/panel/2026-03-24.md#item-3
updated: 2026-03-27
---
## Decision

The Commissioner set the precept.
"""

OTHER_DECISION = """\
---
reference: "2025/018"
title: "Community safety grants, 2025/26"
date: 2025-04-10
decision_maker: Deputy Police and Crime Commissioner
value: 330000.50
significant_public_interest: false
updated: 2025-04-14
---
Grants were made.
"""


def meeting_files(overrides: dict[str, str | bytes | None] | None = None
                  ) -> dict[str, str | bytes]:
    """The test site's content; map a path to None to leave it out, or to new text."""
    files: dict[str, str | bytes | None] = {
        "content/meetings/index.md": "---\ntitle: Meetings\nupdated: 2026-11-01\n---\nAll "
                                     "our meetings.\n",
        "content/meetings/panel/index.md": BODY,
        "content/meetings/panel/2026-03-24.md": HELD,
        "content/meetings/panel/2026-03-31.md": BST,
        "content/meetings/panel/2027-01-20.md": UPCOMING,
        "content/meetings/panel/papers/precept.csv": "band,amount\nD,285.42\n",
        "content/meetings/panel/papers/precept-report.pdf": b"%PDF-1.4\n" + b"x" * 3000,
        "content/meetings/panel/papers/hearing-report.pdf": b"%PDF-1.4 secret\n",
        "content/meetings/audit-board/index.md": BOARD,
        "content/meetings/audit-board/2026-10-20.md": LAST_BST,
        "content/meetings/audit-board/2026-10-27-extra.md": CANCELLED,
        "content/registers/decisions/index.md": "---\ntitle: Decisions\nupdated: 2026-11-01\n"
                                                "---\nOur decisions.\n",
        "content/registers/decisions/2026-004.md": DECISION,
        "content/registers/decisions/2025-018.md": OTHER_DECISION,
    }
    files.update(overrides or {})
    return {k: v for k, v in files.items() if v is not None}
