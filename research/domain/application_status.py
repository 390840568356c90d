"""The states an application passes through."""

from enum import StrEnum


class ApplicationStatus(StrEnum):
    DRAFTING = "drafting"
    IN_REVIEW = "in_review"
    REVISING = "revising"
    READY = "ready"
    SUBMITTED = "submitted"
    AWARDED = "awarded"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


IN_FLIGHT = (
    ApplicationStatus.DRAFTING,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.REVISING,
    ApplicationStatus.READY,
    ApplicationStatus.SUBMITTED,
)
DECIDED = (ApplicationStatus.AWARDED, ApplicationStatus.DECLINED)
