"""Files built to look like the ones people bring: 360Giving JSON, CSV and XLSX, an NIH RePORTER export.

Each builder returns the file's bytes; the amounts are chosen so a test can assert totals to the cent.
"""

from __future__ import annotations

import io
import json
from datetime import datetime

from openpyxl import Workbook

NIH_COLUMNS = [
    "appl_id",
    "project_number",
    "project_title",
    "fiscal_year",
    "agency_ic_admin",
    "activity_code",
    "award_date",
    "award_amount",
    "org_name",
    "org_city",
    "org_state",
    "org_zipcode",
    "org_country",
    "pi_names",
]


def nih_csv(rows: int = 6, duplicates: int = 2) -> bytes:
    """NIH RePORTER's export columns; the last `duplicates` rows repeat earlier ones exactly."""
    lines = [",".join(NIH_COLUMNS)]
    body = [
        [
            str(10_000_000 + n),
            f"5R01AI{n:06d}-0{n % 5 + 1}",
            f'"Host responses to infection, part {n}"',
            str(2015 + n % 8),
            "NIAID",
            "R01",
            f"{2015 + n % 8}-0{n % 9 + 1}-15T00:00:00",
            f"{100_000 + n * 1_234.56:.2f}",
            "UNIVERSITY OF OTAGO" if n % 2 else "JOHNS HOPKINS UNIVERSITY",
            "DUNEDIN" if n % 2 else "BALTIMORE",
            "" if n % 2 else "MD",
            "9016" if n % 2 else "212051832",
            "NEW ZEALAND" if n % 2 else "UNITED STATES",
            '"SMITH, JANE"',
        ]
        for n in range(1, rows + 1)
    ]
    lines += [",".join(cells) for cells in body]
    lines += [",".join(cells) for cells in body[:duplicates]]
    return ("\n".join(lines) + "\n").encode()


def nih_total(rows: int = 6) -> str:
    from decimal import Decimal

    return str(sum((Decimal(f"{100_000 + n * 1_234.56:.2f}") for n in range(1, rows + 1)), Decimal(0)))


GIVING_CSV_TITLES = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Org:Postal Code",
    "Recipient Org:Location:0:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Title",
    "Last Modified",
]


def giving_csv(dates: list[str], currency: str = "GBP", amount: str = "£10,000.50") -> bytes:
    """A UK funder's 360Giving CSV, with a BOM, one grant per date given."""
    import csv

    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(GIVING_CSV_TITLES)
    for n, written in enumerate(dates, start=1):
        writer.writerow(
            [
                f"360G-trust-{n:04d}",
                f"Community research {n}",
                "",
                currency,
                amount,
                written,
                f"GB-CHC-{1000 + n}",
                f"Charity {n}",
                "OX1 2JD",
                "Oxford",
                "GB-CHC-99",
                "The Example Trust",
                "Main grants",
                "2020-01-01T00:00:00+00:00",
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def giving_json() -> bytes:
    """360Giving JSON: organisations and locations are lists of objects; one date has a time and an offset."""
    grants = [
        {
            "id": "360G-json-1",
            "title": "Coastal science",
            "currency": "NZD",
            "amountAwarded": 125000.25,
            "awardDate": "2019-03-26T00:00:00+00:00",
            "recipientOrganization": [
                {
                    "id": "NZ-CC-1",
                    "name": "Otago Marine Trust",
                    "addressLocality": "Dunedin",
                    "postalCode": "9016",
                    "addressCountry": "New Zealand",
                    "location": [{"geoCode": "NZ-OTA", "name": "Otago"}],
                }
            ],
            "fundingOrganization": [{"id": "NZ-GOV-1", "name": "Ministry of Business, Innovation and Employment"}],
            "grantProgramme": [{"title": "Endeavour"}],
        },
        {
            "id": "360G-json-2",
            "currency": "NZD",
            "amountAwarded": "74,999.75",
            "awardDate": "2020",
            "recipientOrganization": [{"name": "Waikato Water Lab", "addressLocality": "Hamilton"}],
            "fundingOrganization": [{"name": "Ministry of Business, Innovation and Employment"}],
        },
    ]
    return json.dumps({"grants": grants}).encode()


def workbook(rows: list[list[object]], merged: tuple[str, ...] = (), formulas: dict[str, str] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Grants"
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    for ref, formula in (formulas or {}).items():
        sheet[ref] = formula  # openpyxl saves no value for it: as a file never opened in Excel
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def giving_xlsx_with_title_rows() -> bytes:
    """A title and a blank row above the header; dates as date cells, Excel serials, 'mm/yyyy' and a year."""
    return workbook(
        [
            ["Grants awarded by the Example Trust"],
            [],
            ["Identifier", "Title", "Currency", "Amount Awarded", "Award Date", "Funding Org:Name"],
            ["X-1", "Date cell", "NZD", 1000.10, datetime(2019, 3, 26), "Trust"],
            ["X-2", "Serial number", "NZD", 2000.20, 43550, "Trust"],
            ["X-3", "Month only", "NZD", "3,000.30", "03/2019", "Trust"],
            ["X-4", "Year only", "NZD", 4000.40, "2019", "Trust"],
            ["X-5", "Day first with a time", "NZD", "NZ$5 000.50", "26/03/2019 00:00", "Trust"],
        ],
        merged=("A1:F1",),
    )


def two_row_header_xlsx() -> bytes:
    """Group headings merged over their columns above the column names."""
    return workbook(
        [
            ["Grant", None, None, None, "Recipient Org", None, None],
            ["Identifier", "Amount Awarded", "Currency", "Award Date", "Name", "City", "Postal Code"],
            ["T-1", 1500.55, "NZD", datetime(2021, 7, 1), "Otago Polytechnic", "Dunedin", "9016"],
            ["T-2", 2500.45, "NZD", datetime(2021, 8, 1), "Massey University", "Palmerston North", "4410"],
        ],
        merged=("A1:D1", "E1:G1"),
    )
