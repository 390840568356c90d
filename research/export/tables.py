"""A chart's table as a download: CSV (exact decimals) or XLSX (money formatted as currency)."""

from __future__ import annotations

import io
from decimal import Decimal

import pandas as pd
from openpyxl.utils import get_column_letter

from research.domain.money import format_money, money_symbol
from research.domain.roi import Ratio, format_percent
from research.export.safe_cells import csv_bytes, no_formulas

RATE_FORMAT = "0.0%"
_RATE_WORDS = ("rate",)
_NOT_MONEY = ("rate", "share", "multiple", "applications", "awards", "decided", "awarded", "declined")


def to_csv(table: pd.DataFrame) -> bytes:
    return csv_bytes(table)


def to_xlsx(table: pd.DataFrame, sheet: str = "Table") -> bytes:
    buffer = io.BytesIO()
    sheet = sheet[:31]
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name=sheet)
        worksheet = writer.sheets[sheet]
        no_formulas(worksheet)
        for index, column in enumerate(table.columns, start=1):
            letter = get_column_letter(index)
            number_format = _format_of(str(column), table[column])
            worksheet.column_dimensions[letter].width = max(12, min(60, len(str(column)) + 4))
            if number_format:
                for cell in worksheet[letter][1:]:
                    cell.number_format = number_format
    return buffer.getvalue()


def _format_of(name: str, column: pd.Series) -> str | None:
    values = [v for v in column if v is not None and not (isinstance(v, float) and pd.isna(v))]
    if not values or not all(isinstance(v, Decimal | int | float) for v in values):
        return None
    if any(word in name for word in _RATE_WORDS):
        return RATE_FORMAT
    if any(word in name for word in _NOT_MONEY) or all(isinstance(v, int) for v in values):
        return None
    return money_format()


def money_format() -> str:
    """The spreadsheet number format of an amount in the reporting currency: '"£"#,##0.00;-"£"#,##0.00'."""
    symbol = money_symbol().replace('"', "")
    return f'"{symbol}"#,##0.00;-"{symbol}"#,##0.00'


def cell_text(name: str, value) -> str:
    """One cell for reading (a report, a printed table): money as currency, rates as percentages."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if isinstance(value, Decimal | float) and any(word in name for word in _RATE_WORDS):
        return format_percent(Ratio(Decimal(str(value))))
    if isinstance(value, Decimal) and "multiple" in name:
        return f"{value:,}x"
    if isinstance(value, Decimal) and not any(word in name for word in _NOT_MONEY):
        return format_money(value)
    return str(value)
