"""Files out are safe to open: an imported award title never becomes a live formula in the ROI details download."""

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook
from sqlalchemy import update

from research.db.models import Application, Award
from research.domain.roi import RoiFilter
from research.domain.roles import Role
from research.export import tables
from research.services.roi.details import Drill, details
from tests.integration import roi_dataset

LINK = '=HYPERLINK("http://evil.example","Open")'


def test_roi_details_exports_neutralise_formulas(uow, make_actor):
    roi_dataset.build(uow)
    manager = make_actor(Role.MANAGER)
    with uow as session:
        session.execute(update(Award).where(Award.identifier == "A2").values(title=LINK, scheme="@cmd"))
    rows = details(uow, manager, RoiFilter(), Drill("over_time", ("2023/24",))).rows
    written = {r["identifier"]: r for r in csv.DictReader(io.StringIO(tables.to_csv(rows).decode("utf-8-sig")))}
    assert (written["A2"]["title"], written["A2"]["scheme"]) == ("'" + LINK, "'@cmd")
    sheet = load_workbook(io.BytesIO(tables.to_xlsx(rows, "Details")))["Details"]
    header = [c.value for c in sheet[1]]
    a2 = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "A2")
    title, amount = a2[header.index("title")], a2[header.index("amount (NZD)")]
    assert (title.data_type, title.value) == ("s", LINK)
    assert amount.data_type == "n" and Decimal(str(amount.value)) > 0


def test_pipeline_details_exports_neutralise_a_researchers_application_title(uow, make_actor):
    roi_dataset.build(uow)
    manager = make_actor(Role.MANAGER)
    with uow as session:
        session.execute(update(Application).where(Application.title == "P7").values(title=LINK))
    rows = details(uow, manager, RoiFilter(), Drill("pipeline", ("drafting",))).rows
    [written] = list(csv.DictReader(io.StringIO(tables.to_csv(rows).decode("utf-8-sig"))))
    assert written["title"] == "'" + LINK
    sheet = load_workbook(io.BytesIO(tables.to_xlsx(rows, "Details")))["Details"]
    header = [c.value for c in sheet[1]]
    [row] = list(sheet.iter_rows(min_row=2))
    title, requested = row[header.index("title")], row[header.index("requested")]
    assert (title.data_type, title.value) == ("s", LINK)
    assert requested.data_type == "n"
