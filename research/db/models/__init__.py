"""Every table, importable from one place."""

from research.db.models.accounts import LoginSession, User
from research.db.models.attribution import AwardAttribution
from research.db.models.audit import AuditEvent, WorkspaceFlag
from research.db.models.base import Base
from research.db.models.collab import SectionLive, SectionUpdate, SectionWriter
from research.db.models.drafting import (
    Application,
    ApplicationMember,
    ApplicationTemplate,
    Section,
    SectionPresence,
    SectionRevision,
)
from research.db.models.form_drafts import FormDraft
from research.db.models.imports import FunderAlias, ImportProfile
from research.db.models.ledgers import Award, AwardShare, ClusterGrant
from research.db.models.notify import CalendarToken, Notice, NotifyPreference, OutboxMessage, PassLock, RoundFollow
from research.db.models.readiness import ReadinessNote
from research.db.models.reviews import (
    ChecklistAnswer,
    Comment,
    Review,
    ReviewRound,
    RubricScore,
    SnapshotSection,
)
from research.db.models.rounds import Cluster, Funder, FundingRound, RoundMilestone, round_clusters
from research.db.models.settings import ExchangeRate, WorkspaceSettingsRow
from research.db.models.writing import FindingDismissal, ScoreChange

__all__ = [
    "FormDraft",
    "RoundFollow",
    "PassLock",
    "OutboxMessage",
    "NotifyPreference",
    "Notice",
    "CalendarToken",
    "Application",
    "ApplicationMember",
    "ApplicationTemplate",
    "AuditEvent",
    "Award",
    "AwardAttribution",
    "AwardShare",
    "Base",
    "ChecklistAnswer",
    "Cluster",
    "ClusterGrant",
    "Comment",
    "FindingDismissal",
    "FunderAlias",
    "ImportProfile",
    "Funder",
    "FundingRound",
    "LoginSession",
    "ReadinessNote",
    "Review",
    "ScoreChange",
    "ReviewRound",
    "RoundMilestone",
    "RubricScore",
    "Section",
    "SectionLive",
    "SectionPresence",
    "SectionRevision",
    "SectionUpdate",
    "SectionWriter",
    "SnapshotSection",
    "User",
    "ExchangeRate",
    "WorkspaceSettingsRow",
    "WorkspaceFlag",
    "round_clusters",
]
