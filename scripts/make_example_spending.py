#!/usr/bin/env python3
"""Write the example "spending over £500" files for the fictional Northshire OPCC.

Creates content/registers/spending/2025-11.csv ... 2026-10.csv: one file per
calendar month, laid out the way a finance system exports them (its own column
names, day-first dates, amounts written as "£1,234.56"). site.yml maps those
column names onto the register fields.

Everything here is invented: suppliers, amounts and transaction numbers. The
output is deterministic: the same seed always gives byte-identical files.
One file (2026-03.csv) starts with a UTF-8 byte-order mark, as a spreadsheet
export often does, so the loader's handling of it is exercised.

Usage:  python scripts/make_example_spending.py [--seed N] [--out DIR]
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import math
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HEADER = [
    "Body",
    "Service Area",
    "Transaction Date",
    "Supplier Name",
    "Expense Description",
    "Expense Type",
    "Amount (£)",
    "Transaction Number",
    "VFM Reason",
]

# The twelve months published: November 2025 to October 2026.
MONTHS = [(2025, 11), (2025, 12)] + [(2026, m) for m in range(1, 11)]

# The month whose file is written with a byte-order mark, like an Excel export.
BOM_MONTH = (2026, 3)

THRESHOLD = Decimal("500.00")

# UK bank holidays (England) in the period: no transactions are posted on them.
BANK_HOLIDAYS = {
    dt.date(2025, 12, 25), dt.date(2025, 12, 26), dt.date(2026, 1, 1),
    dt.date(2026, 4, 3), dt.date(2026, 4, 6), dt.date(2026, 5, 4),
    dt.date(2026, 5, 25), dt.date(2026, 8, 31),
}

# Value-for-money reasons, as a finance team would word them.
VFM_TENDER = "Competitive tender"
VFM_FRAMEWORK = "Call-off from national framework"
VFM_QUOTES = "Three quotations obtained"
VFM_CONTRACT = "Existing contract rates"
VFM_WAIVER = "Single source - approved waiver"
VFM_GRANT = "Grant agreement - outcomes monitored"
VFM_STATUTORY = "Statutory or regulated charge"
VFM_COLLAB = "Collaboration agreement"

# Each spend type: (expense type, body, service areas, amount range in pounds,
# weight, descriptions, suppliers, value-for-money reasons).
# Every supplier name is invented; none is meant to be a real company.
SPEND_TYPES = [
    ("Vehicle maintenance", "Chief Constable", ["Fleet"], (520, 18000), 14,
     ["Vehicle servicing", "Replacement tyres", "Bodywork repairs after collision",
      "Brake and suspension repairs", "MOT and safety inspections", "Vehicle recovery and storage"],
     ["Northby Fleet Services Ltd", "Kellingford Motor Engineers Ltd", "Ashbrook Tyre & Exhaust Ltd",
      "Northshire Accident Repair Centre Ltd", "Marrowgate Commercial Vehicles Ltd", "Brackwater Recovery Services Ltd"],
     [VFM_TENDER, VFM_CONTRACT, VFM_QUOTES]),
    ("Fuel", "Chief Constable", ["Fleet"], (2500, 95000), 6,
     ["Fuel card transactions - fleet", "Bulk diesel delivery - Northby depot", "Fuel card transactions - roads policing"],
     ["Larkmoor Fuels Ltd", "Northshire Fuel Cards Ltd", "Tennerby Oil Distribution Ltd"],
     [VFM_FRAMEWORK, VFM_CONTRACT]),
    ("Vehicle purchase", "Chief Constable", ["Fleet"], (18000, 240000), 1,
     ["Purchase of marked response vehicles", "Purchase of unmarked vehicles", "Vehicle conversion and livery"],
     ["Harrowdene Vehicle Solutions Ltd", "Wyncliffe Emergency Conversions Ltd"],
     [VFM_FRAMEWORK]),
    ("IT software licences", "Chief Constable", ["Information Technology"], (900, 160000), 7,
     ["Annual software licence renewal", "Records management system licences", "Cyber security software subscription",
      "Digital evidence platform licences", "Mobile device management licences", "Office productivity licences"],
     ["Corvane Software Ltd", "Fenmoor Data Systems Ltd", "Tennerby Digital Ltd", "Wyncliffe Cyber Ltd",
      "Marrowgate Information Systems Ltd", "Meridale Technology Partners Ltd"],
     [VFM_FRAMEWORK, VFM_TENDER, VFM_CONTRACT]),
    ("IT hardware", "Chief Constable", ["Information Technology"], (540, 85000), 6,
     ["Laptops for officer refresh programme", "Mobile handsets", "Network switches and cabling",
      "Body-worn video cameras", "Server storage expansion", "Printer consumables"],
     ["Larkmoor Computing Ltd", "Fenmoor Data Systems Ltd", "Brackwater Networks Ltd", "Harbourline Devices Ltd"],
     [VFM_FRAMEWORK, VFM_QUOTES]),
    ("Telecommunications", "Chief Constable", ["Information Technology"], (800, 60000), 4,
     ["Mobile voice and data charges", "Fixed line and circuit rental", "Airwave and radio network charges",
      "Contact centre telephony"],
     ["Northshire Telecom Services Ltd", "Fenmoor Communications Ltd", "Northshire Radio Networks Ltd"],
     [VFM_FRAMEWORK, VFM_CONTRACT]),
    ("Estates - repairs", "Chief Constable", ["Estates"], (510, 35000), 10,
     ["Roof repairs - Northby police station", "Heating system repairs", "Reactive maintenance - custody suite",
      "Electrical testing and remedial works", "Replacement doors and locks", "Drainage repairs",
      "Lift maintenance and repair", "Fire alarm servicing"],
     ["Tennerby Building Services Ltd", "Kellingford Mechanical & Electrical Ltd", "Northby Roofing Contractors Ltd",
      "Ashdene Facilities Maintenance Ltd", "Thornfield Lift Engineers Ltd", "Brackwater Fire Protection Ltd",
      "Larkmoor Plumbing & Heating Ltd"],
     [VFM_TENDER, VFM_QUOTES, VFM_CONTRACT]),
    ("Estates - cleaning", "Chief Constable", ["Estates"], (800, 28000), 3,
     ["Contract cleaning - stations", "Deep clean - custody suite", "Window cleaning", "Washroom services"],
     ["Northby Cleaning Services Ltd", "Meadowvale Facilities Services Ltd"],
     [VFM_TENDER, VFM_CONTRACT]),
    ("Utilities", "Chief Constable", ["Estates"], (700, 70000), 4,
     ["Electricity - force estate", "Gas - force estate", "Water and sewerage charges"],
     ["Northshire Energy Supply Ltd", "Fenmoor Water Ltd", "Kellingford Gas Supply Ltd"],
     [VFM_FRAMEWORK, VFM_STATUTORY]),
    ("Rent and rates", "Chief Constable", ["Estates"], (1200, 95000), 2,
     ["Business rates", "Rent - neighbourhood policing base", "Service charge - shared premises"],
     ["Northshire County Council", "Northby Borough Council", "Northby Harbourside Properties Ltd"],
     [VFM_STATUTORY, VFM_CONTRACT]),
    ("Legal fees", "Chief Constable", ["Legal Services"], (600, 45000), 4,
     ["Counsel's fees - civil claim", "Legal advice - employment tribunal", "Inquest representation",
      "Licensing appeal representation"],
     ["Hallam & Pryce Solicitors LLP", "Wrenfield Chambers", "Wetherall Lane Legal LLP", "Northby Law Partners LLP"],
     [VFM_FRAMEWORK, VFM_WAIVER, VFM_CONTRACT]),
    ("Legal fees", "PCC", ["OPCC Office"], (600, 12000), 1,
     ["Legal advice - governance", "Legal advice - commissioning contract"],
     ["Hallam & Pryce Solicitors LLP", "Northby Law Partners LLP"],
     [VFM_FRAMEWORK, VFM_QUOTES]),
    ("Forensic services", "Chief Constable", ["Forensic Services"], (900, 90000), 6,
     ["DNA analysis", "Toxicology testing", "Digital forensic examination", "Drugs analysis",
      "Fingerprint enhancement", "Forensic collision investigation support"],
     ["Aldermoor Forensics Ltd", "Tennerby Laboratories Ltd", "Marrowgate Digital Forensics Ltd",
      "Northshire Analytical Services Ltd"],
     [VFM_FRAMEWORK, VFM_CONTRACT]),
    ("Uniform and protective equipment", "Chief Constable", ["Operational Support"], (520, 55000), 5,
     ["Officer uniform - trousers and shirts", "Body armour replacement", "Protective footwear",
      "Public order protective equipment", "High-visibility jackets"],
     ["Kellingford Uniforms Ltd", "Fenmoor Protective Equipment Ltd", "Northshire Workwear Ltd"],
     [VFM_FRAMEWORK, VFM_TENDER]),
    ("Operational equipment", "Chief Constable", ["Operational Support"], (520, 40000), 4,
     ["Handcuffs and restraints", "Torches and batteries", "Breath testing equipment calibration",
      "Speed detection device servicing", "Drone maintenance"],
     ["Marrowgate Safety Products Ltd", "Wyncliffe Instruments Ltd", "Harrowdene Aerial Systems Ltd"],
     [VFM_FRAMEWORK, VFM_QUOTES]),
    ("Training", "Chief Constable", ["Learning and Development"], (550, 30000), 5,
     ["Firearms training courses", "Driver training", "Public order training venue hire",
      "Leadership development programme", "Investigator accreditation", "First aid instructor course"],
     ["Pennock Training Associates Ltd", "Brackwater Driver Academy Ltd", "Northshire Learning Partnership CIC",
      "Larkmoor Conference Centre Ltd"],
     [VFM_QUOTES, VFM_FRAMEWORK, VFM_COLLAB]),
    ("Training", "PCC", ["OPCC Office"], (550, 6000), 1,
     ["Staff training - procurement", "Staff training - data protection"],
     ["Pennock Training Associates Ltd", "Northshire Learning Partnership CIC"],
     [VFM_QUOTES]),
    ("Custody services", "Chief Constable", ["Custody"], (1500, 75000), 3,
     ["Healthcare in custody - monthly charge", "Custody detainee meals", "Interpreting services"],
     ["Harrowdene Custody Healthcare Ltd", "Tennerby Interpreting Services Ltd", "Fenmoor Catering Supplies Ltd"],
     [VFM_TENDER, VFM_CONTRACT]),
    ("Consultancy", "Chief Constable", ["Change and Transformation"], (2000, 60000), 2,
     ["Demand review", "Estates strategy review", "Programme management support"],
     ["Wyncliffe Public Sector Consulting Ltd", "Marrowgate Advisory LLP"],
     [VFM_FRAMEWORK, VFM_WAIVER]),
    ("Consultancy", "PCC", ["OPCC Office"], (1500, 25000), 1,
     ["Independent review of police and crime plan delivery", "Public consultation analysis"],
     ["Wyncliffe Public Sector Consulting Ltd", "Castlemere Research Ltd"],
     [VFM_QUOTES, VFM_FRAMEWORK]),
    ("Audit fees", "PCC", ["Finance"], (5000, 48000), 1,
     ["Internal audit - quarterly fee", "External audit fee"],
     ["Harcourt Wilde Audit LLP", "Penrose Public Audit LLP"],
     [VFM_TENDER, VFM_STATUTORY]),
    ("Insurance", "Chief Constable", ["Finance"], (3000, 120000), 1,
     ["Motor fleet insurance premium", "Property insurance premium", "Liability claims handling"],
     ["Northshire Mutual Insurance Ltd", "Tennerby Claims Services Ltd"],
     [VFM_TENDER]),
    ("Victim services grant", "PCC", ["Commissioning"], (2500, 85000), 3,
     ["Victim support service - quarterly grant", "Independent sexual violence advisers - grant",
      "Domestic abuse outreach - grant", "Restorative justice service - grant"],
     ["Northshire Victim Care CIC", "Safer Homes Northshire", "Northby Rape and Sexual Abuse Support Centre",
      "Restore Northshire CIC"],
     [VFM_GRANT]),
    ("Community safety grant", "PCC", ["Commissioning"], (1000, 40000), 2,
     ["Youth diversion project - grant", "Community safety fund - grant", "Safer streets project - grant",
      "Drug and alcohol referral service - grant"],
     ["Northby Youth Trust", "Kellingford Community Partnership", "Fresh Start Northshire CIC",
      "Northshire County Council"],
     [VFM_GRANT, VFM_COLLAB]),
    ("Office costs", "PCC", ["OPCC Office"], (510, 9000), 2,
     ["Website hosting and support", "Printing of annual report", "Venue hire - public meeting",
      "Office furniture", "Stationery and postage"],
     ["Larkmoor Computing Ltd", "Inkwell Print Northshire Ltd", "Larkmoor Conference Centre Ltd",
      "Castlemere Research Ltd", "Civic House Management Ltd"],
     [VFM_QUOTES, VFM_CONTRACT]),
    ("Collaboration contribution", "Chief Constable", ["Collaboration"], (5000, 150000), 1,
     ["Contribution to regional organised crime unit", "Contribution to regional collaboration - firearms training",
      "National police systems charge"],
     ["Northern Region Police Collaboration", "National Police Systems Board"],
     [VFM_COLLAB, VFM_STATUTORY]),
    ("Animal costs", "Chief Constable", ["Operational Support"], (520, 9000), 1,
     ["Police dogs - veterinary fees", "Police dogs - food and kennelling", "Police horses - farrier and feed"],
     ["Larkmoor Veterinary Practice Ltd", "Brackwater Kennels & Feed Ltd"],
     [VFM_QUOTES, VFM_CONTRACT]),
    ("Recruitment", "Chief Constable", ["People Services"], (600, 20000), 2,
     ["Recruitment advertising", "Occupational health assessments", "Vetting checks"],
     ["Northby Recruitment Media Ltd", "Kellingford Occupational Health Ltd"],
     [VFM_FRAMEWORK, VFM_CONTRACT]),
]


def working_days(year: int, month: int) -> list[dt.date]:
    """Monday to Friday dates in the month, bank holidays left out."""
    last = calendar.monthrange(year, month)[1]
    days = [dt.date(year, month, d) for d in range(1, last + 1)]
    return [d for d in days if d.weekday() < 5 and d not in BANK_HOLIDAYS]


def pick_amount(rng: random.Random, low: float, high: float, grant: bool) -> Decimal:
    """A log-uniform amount in [low, high], over the £500 threshold."""
    value = math.exp(rng.uniform(math.log(low), math.log(high)))
    if grant:
        # Grants are paid in round sums.
        value = round(value / 250) * 250
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return max(amount, THRESHOLD + Decimal("0.01"))


def format_amount(amount: Decimal) -> str:
    """£1,234.56 - the way the finance system writes money."""
    return f"£{amount:,.2f}"


def month_rows(rng: random.Random, year: int, month: int) -> list[list[str]]:
    days = working_days(year, month)
    count = rng.randint(200, 400)
    weights = [t[4] for t in SPEND_TYPES]
    drafts = []
    for _ in range(count):
        etype, body, areas, (low, high), _w, descs, suppliers, reasons = rng.choices(SPEND_TYPES, weights)[0]
        grant = "grant" in etype.lower()
        drafts.append((
            rng.choice(days),
            body,
            rng.choice(areas),
            rng.choice(suppliers),
            rng.choice(descs),
            etype,
            pick_amount(rng, low, high, grant),
            rng.choice(reasons),
        ))
    drafts.sort(key=lambda r: (r[0], r[1], r[3], r[6]))
    rows = []
    for n, (day, body, area, supplier, desc, etype, amount, reason) in enumerate(drafts, start=1):
        rows.append([
            body,
            area,
            day.strftime("%d/%m/%Y"),
            supplier,
            desc,
            etype,
            format_amount(amount),
            f"NP-{year % 100:02d}{month:02d}-{n:04d}",
            reason,
        ])
    return rows


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20251101)
    parser.add_argument("--out", type=Path, default=root / "content" / "registers" / "spending")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    grand_total = Decimal("0")
    grand_rows = 0
    for year, month in MONTHS:
        rows = month_rows(rng, year, month)
        path = args.out / f"{year}-{month:02d}.csv"
        encoding = "utf-8-sig" if (year, month) == BOM_MONTH else "utf-8"
        # Finance exports use CRLF line endings; csv's default terminator is \r\n.
        with path.open("w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            writer.writerows(rows)
        total = sum(Decimal(r[6].lstrip("£").replace(",", "")) for r in rows)
        grand_total += total
        grand_rows += len(rows)
        print(f"{path.relative_to(root)}: {len(rows)} rows, £{total:,.2f}")
    print(f"total: {grand_rows} rows, £{grand_total:,.2f}")


if __name__ == "__main__":
    main()
