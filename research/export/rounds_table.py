"""The list of funding rounds as CSV or XLSX, in the columns the importer reads back."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from research.domain.round_import import IMPORT_FIELDS
from research.domain.round_values import rate_text, wall_time
from research.export.safe_cells import csv_bytes, no_formulas

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _moment(value, zone_name: str) -> str:
    return "" if pd.isna(value) else wall_time(value.to_pydatetime(), zone_name)


def _plain(value) -> str:
    if value is None or (not isinstance(value, (list, tuple, str)) and pd.isna(value)):
        return ""
    return str(value)


def _rate(value) -> str:
    return "" if value is None or pd.isna(value) else rate_text(value)


def export_frame(rounds: pd.DataFrame) -> pd.DataFrame:
    """One text cell per field; times as wall-clock time in each round's own zone."""
    zones = rounds["timezone"].tolist()
    columns: dict[str, Any] = {
        "funder": rounds["funder"],
        "scheme": rounds["scheme"],
        "name": rounds["round"],
        "status": rounds["status"],
        "opens": [_moment(v, z) for v, z in zip(rounds["opens_at"], zones, strict=True)],
        "closes": [_moment(v, z) for v, z in zip(rounds["closes_at"], zones, strict=True)],
        "timezone": rounds["timezone"],
        "decision": [_plain(v) for v in rounds["decision_expected"]],
        "currency": rounds["currency"],
        "pool": [_plain(v) for v in rounds["pool"]],
        "min_award": [_plain(v) for v in rounds["min_award"]],
        "max_award": [_plain(v) for v in rounds["max_award"]],
        "expected_awards": [_plain(v) for v in rounds["expected_awards"]],
        "success_rate": [_rate(v) for v in rounds["success_rate"]],
        "eligibility": rounds["eligibility"],
        "url": rounds["url"],
        "template_key": [_plain(v) for v in rounds["template_key"]],
        "clusters": ["; ".join(names) for names in rounds["clusters"]],
        "limited": ["yes" if v else "no" for v in rounds["limited_submission"]],
        "quota": [_plain(v) for v in rounds["submission_quota"]],
        "notes": rounds["notes"],
        **{f"{kind}_days": rounds[f"{kind}_days"].astype(str) for kind in ("intent", "draft", "signoff")},
    }
    return pd.DataFrame({f.header: list(columns[f.key]) for f in IMPORT_FIELDS})


def template_csv() -> bytes:
    """A file with the import columns and no rows, to fill in."""
    return csv_bytes(pd.DataFrame(columns=[f.header for f in IMPORT_FIELDS]))


def to_csv(rounds: pd.DataFrame) -> bytes:
    return csv_bytes(export_frame(rounds))


NUMBER_FIELDS = {
    "pool": "pool",
    "min_award": "min_award",
    "max_award": "max_award",
    "expected_awards": "expected_awards",
    "quota": "submission_quota",
}


def to_xlsx(rounds: pd.DataFrame) -> bytes:
    """As the CSV, but amounts and counts are numbers, so a spreadsheet can add them up."""
    out = io.BytesIO()
    frame = export_frame(rounds)
    headers = {f.key: f.header for f in IMPORT_FIELDS}
    for key, column in NUMBER_FIELDS.items():
        frame[headers[key]] = pd.Series([None if pd.isna(v) else v for v in rounds[column]], dtype=object)
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="Rounds", index=False)
        sheet = writer.sheets["Rounds"]
        no_formulas(sheet)
        for index, header in enumerate(frame.columns, start=1):
            width = min(60, max([len(header), *(len(str(v)) for v in frame[header].head(200))]) + 2)
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
        sheet.freeze_panes = "A2"
    return out.getvalue()
