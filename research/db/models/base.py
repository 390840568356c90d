"""Declarative base, naming convention and the column types used everywhere."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, DateTime, MetaData, Numeric, String
from sqlalchemy.orm import DeclarativeBase, mapped_column

from research.domain.clock import utcnow
from research.domain.locale import workspace_locale

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(16, 2, asdecimal=True)
Rate = Numeric(7, 4, asdecimal=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {
        datetime: DateTime(timezone=True),
        Decimal: Money,
        dict: JSON,
        list: JSON,
    }


def created_at():
    return mapped_column(default=utcnow)


def currency():
    return mapped_column(String(3), default=lambda: workspace_locale().currency)
