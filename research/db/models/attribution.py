"""How each award is attributed: the rule that linked it to an application and cluster, and its place."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from research.db.checks import allowed_values
from research.db.models.base import Base
from research.domain.attribution import LinkSource


class AwardAttribution(Base):
    """One row per award. The cluster itself is the award's shares; this records why they are what they are.

    `in_area` is the area's answer for the recipient (None: no location), as of the area text `area_spec`;
    an award whose `area_spec` is not the workspace's area now is classified again before figures are read.
    """

    __tablename__ = "award_attributions"
    __table_args__ = (allowed_values("source", LinkSource),)

    award_id: Mapped[int] = mapped_column(ForeignKey("awards.id", ondelete="CASCADE"), primary_key=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"), index=True)
    source: Mapped[str] = mapped_column(String(20), default=LinkSource.NONE.value)
    score: Mapped[Decimal | None] = mapped_column(Numeric(5, 1))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    in_area: Mapped[bool | None]
    area_spec: Mapped[str | None] = mapped_column(String(2000))
