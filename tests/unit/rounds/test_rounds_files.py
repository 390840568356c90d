"""Reading import files: CSV and XLSX cells as text, with the line each row starts on."""

import io
from datetime import datetime

import pytest
from openpyxl import Workbook

from research.domain.errors import InvalidInput
from research.services.rounds.files import read_round_file


def test_csv_with_a_byte_order_mark_and_macrons():
    data = "Funder,Scheme,Closes\nRoyal Society Te Apārangi,Standard,2026-02-19 12:00\n".encode("utf-8-sig")
    table = read_round_file(data, "rounds.csv")
    assert table.headers == ("Funder", "Scheme", "Closes")
    assert table.frame.iloc[0]["Funder"] == "Royal Society Te Apārangi"
    assert table.lines == (2,) and table.line_word == "line"


def test_line_numbers_count_blank_lines_and_cells_that_span_lines():
    data = b'Funder,Scheme,Notes\n\nHRC,Projects,"two\nlines"\n\n,,\nMBIE,Smart Ideas,x\n'
    table = read_round_file(data, "rounds.csv")
    assert table.rows == 2
    assert table.lines == (3, 7)  # the blank line, the two-line cell and the empty row are counted
    assert table.frame.iloc[0]["Notes"] == "two\nlines"


def test_semicolons_and_windows_encoding_are_understood():
    data = "Funder;Scheme;Pool\nMāori Health;Projects;1 200 000\n".encode("cp1252", errors="replace")
    table = read_round_file(data, "Rounds.CSV")
    assert table.headers == ("Funder", "Scheme", "Pool") and table.frame.iloc[0]["Scheme"] == "Projects"


def test_short_rows_are_padded_and_trailing_empty_cells_ignored():
    table = read_round_file(b"A,B,C\n1\n2,3,4,,\n", "x.csv")
    assert table.frame.values.tolist() == [["1", "", ""], ["2", "3", "4"]]


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "x.csv", "is empty"),
        (b"A,B\n", "x.csv", "no rounds under it"),
        (b"A,B\n1,2,3\n", "x.csv", "has 3 cells but the header names only 2 columns"),
        (b"Funder,funder\n1,2\n", "x.csv", "the column 'funder' appears twice"),
        (b"\x81\x8d\x8f\x90\x9d", "x.csv", "is not text in UTF-8 or Windows-1252"),
        (b"not a zip", "x.xlsx", "is not an Excel workbook"),
        (b"whatever", "x.xls", "old Excel file"),
        (b"whatever", "rounds.pdf", "is not a .csv or .xlsx file"),
    ],
)
def test_unreadable_files_say_which_file_and_why(data, name, reason):
    with pytest.raises(InvalidInput) as raised:
        read_round_file(data, name)
    assert reason in str(raised.value) and name in str(raised.value)


def test_the_wide_row_is_named_by_its_line():
    with pytest.raises(InvalidInput, match=r"x.csv line 3: has 3 cells"):
        read_round_file(b"A,B\n1,2\n1,2,3\n", "x.csv")


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_cells_become_the_text_a_person_sees():
    data = xlsx(
        [
            ["Funder", "Closes", "Decision", "Pool", "Rate", "Limited"],
            [None, None, None, None, None, None],
            ["HRC", datetime(2026, 5, 11, 12, 0), datetime(2027, 6, 1), 1200000.0, 0.133, True],
        ]
    )
    table = read_round_file(data, "rounds.xlsx")
    assert table.line_word == "row" and table.lines == (3,)
    assert table.frame.iloc[0].tolist() == ["HRC", "2026-05-11 12:00", "2027-06-01", "1200000", "0.133", "yes"]
