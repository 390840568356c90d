"""A section's status, and when an application's text may still change."""

from __future__ import annotations

from enum import StrEnum

from research.domain.application_status import ApplicationStatus
from research.domain.counting import plain_text


class SectionStatus(StrEnum):
    EMPTY = "empty"
    DRAFTING = "drafting"
    READY = "ready"


class RevisionKind(StrEnum):
    SAVE = "save"
    CONFLICT = "conflict"  # a save refused because someone else saved first; kept so no text is lost
    RESTORE = "restore"
    RESOLUTION = "resolution"  # a save that settles a conflict (kept mine, or merged by hand)
    LIVE = "live"  # the live text, recorded after a pause in typing or when the last writer left


EDITABLE = (
    ApplicationStatus.DRAFTING,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.REVISING,
    ApplicationStatus.READY,
)


def is_editable(application_status: str) -> bool:
    return application_status in EDITABLE


def is_empty(body: str) -> bool:
    """No text a reader would see: blank, or only markup such as rules (`---`) and comments."""
    return not plain_text(body).strip()


def status_after_save(body: str) -> SectionStatus:
    """Changed text is a draft again until someone marks it ready."""
    return SectionStatus.EMPTY if is_empty(body) else SectionStatus.DRAFTING


def normalise_body(body: str) -> str:
    """Browsers send \\r\\n; the history should not show line endings as changes."""
    return (body or "").replace("\r\n", "\n").replace("\r", "\n")
