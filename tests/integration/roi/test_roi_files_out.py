"""Files out are safe to open: an imported award title never becomes a live formula in the ROI details download."""

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from research.domain.roi import RoiFilter
from research.domain.roles import Role
from research.export import tables
from research.services.drafting import applications
from research.services.roi.details import Drill, details
from tests.integration import roi_dataset
from tests.service_catalogue import import_awards

LINK = '=HYPERLINK("http://evil.example","Open")'


def test_roi_details_exports_neutralise_formulas(uow, make_actor):
    roi_dataset.build(uow)
    manager = make_actor(Role.MANAGER)
    # A3 imported again, from a file whose title and scheme cells hold formulas.
    formulas = ["A3", LINK, "USD", "100000", "2024-01-15", "Marsden", "@cmd", "Food"]
    import_awards(uow, formulas, rates=("USD=1.5",), headers=roi_dataset.AWARD_HEADERS)
    rows = details(uow, manager, RoiFilter(), Drill("over_time", ("2023/24",))).rows
    written = {r["identifier"]: r for r in csv.DictReader(io.StringIO(tables.to_csv(rows).decode("utf-8-sig")))}
    assert (written["A3"]["title"], written["A3"]["scheme"]) == ("'" + LINK, "'@cmd")
    sheet = load_workbook(io.BytesIO(tables.to_xlsx(rows, "Details")))["Details"]
    header = [c.value for c in sheet[1]]
    a3 = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "A3")
    title, amount = a3[header.index("title")], a3[header.index("amount (NZD)")]
    assert (title.data_type, title.value) == ("s", LINK)
    assert amount.data_type == "n" and Decimal(str(amount.value)) > 0


def test_pipeline_details_exports_neutralise_a_researchers_application_title(uow, make_actor):
    roi_dataset.build(uow)
    manager = make_actor(Role.MANAGER)
    applications.start_application(
        uow,
        make_actor(Role.RESEARCHER),
        title=LINK,
        round_id=None,
        cluster_id=None,
        requested="200000",
        template_key=roi_dataset.FORM["key"],
    )
    rows = details(uow, manager, RoiFilter(), Drill("pipeline", ("drafting",))).rows
    written = {r["title"] for r in csv.DictReader(io.StringIO(tables.to_csv(rows).decode("utf-8-sig")))}
    assert written == {"P7", "'" + LINK}
    sheet = load_workbook(io.BytesIO(tables.to_xlsx(rows, "Details")))["Details"]
    header = [c.value for c in sheet[1]]
    [row] = [r for r in sheet.iter_rows(min_row=2) if r[header.index("title")].value != "P7"]
    title, requested = row[header.index("title")], row[header.index("requested")]
    assert (title.data_type, title.value) == ("s", LINK)
    assert requested.data_type == "n"
