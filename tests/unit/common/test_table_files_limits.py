"""Files in cannot exhaust the server: every table reader caps its rows at one limit and reads every row."""

import io
import json
import re
import zipfile

import pytest
from openpyxl import Workbook

from research.adapters.table_files import read_table
from research.domain import upload_limits
from research.domain.errors import InvalidInput
from research.services.rounds.files import read_round_file

HEADER = ["Funder", "Scheme", "Closes"]


def xlsx(rows: int, dimension: str | None = None) -> bytes:
    book = Workbook()
    book.active.append(HEADER)
    for n in range(rows):
        book.active.append(["Marsden Fund", f"Scheme {n}", "2027-02-20"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue() if dimension is None else _with_dimension(out.getvalue(), dimension)


def _with_dimension(data: bytes, ref: str) -> bytes:
    """The same workbook, its sheet's stored <dimension> replaced (as some writers leave it)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), body)
            target.writestr(item, body)
    return out.getvalue()


def csv_file(rows: int) -> bytes:
    return ("\n".join([",".join(HEADER)] + [f"Marsden Fund,Scheme {n},2027-02-20" for n in range(rows)])).encode()


def test_rounds_awards_and_grants_readers_share_one_row_cap(monkeypatch):
    monkeypatch.setattr(upload_limits, "MAX_ROWS", 5)
    assert len(read_table("awards.csv", csv_file(5))[1]) == 5
    assert read_round_file(xlsx(5), "rounds.xlsx").rows == 5
    grants = json.dumps({"grants": [{"id": str(n)} for n in range(6)]}).encode()
    with pytest.raises(InvalidInput, match="awards.json: has more than 5 rows"):
        read_table("awards.json", grants)
    for data, name in ((csv_file(6), "awards.csv"), (xlsx(6), "grants.xlsx")):
        with pytest.raises(InvalidInput, match=f"{name}: has more than 5 rows"):
            read_table(name, data)
        with pytest.raises(InvalidInput, match="more than 5 rows"):
            read_round_file(data, name.replace("awards", "rounds").replace("grants", "rounds"))


def test_award_readers_refuse_the_rounds_limit_plus_one():
    with pytest.raises(InvalidInput, match="more than 200,000 rows: split it"):
        read_table("awards.csv", csv_file(upload_limits.MAX_ROWS + 1))


def test_xlsx_with_understated_dimension_is_read_in_full():
    data = xlsx(6, dimension="A1:C2")
    titles, rows = read_table("awards.xlsx", data)
    assert titles == HEADER and [r.cells["Scheme"] for r in rows] == [f"Scheme {n}" for n in range(6)]
    table = read_round_file(data, "rounds.xlsx")
    assert table.rows == 6 and table.lines == (2, 3, 4, 5, 6, 7)
