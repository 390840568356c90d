"""Every page of the app, the section it sits in and the permission it needs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from research.domain.roles import Action, can
from research.services.common.actor import Actor

PAGES_DIR = Path(__file__).resolve().parent / "pages"


@dataclass(frozen=True)
class PageSpec:
    file: str
    title: str
    icon: str
    section: str
    help: str
    needs: Action | None = None

    @property
    def path(self) -> Path:
        return PAGES_DIR / self.file

    def allows(self, actor: Actor) -> bool:
        return self.needs is None or can(actor.role, self.needs)


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "home_page.py",
        "Home",
        ":material/home:",
        "",
        "What needs your attention: deadlines, drafts and reviews waiting for you.",
    ),
    PageSpec(
        "rounds/rounds_page.py",
        "Funding rounds",
        ":material/event:",
        "Funding",
        "Who funds what, when rounds close, the internal deadlines before them; export and calendar.",
        Action.READ_ROUNDS,
    ),
    PageSpec(
        "rounds/manage_rounds_page.py",
        "Manage rounds",
        ":material/edit_calendar:",
        "Funding",
        "Add, change and archive funding rounds and funders; set each round's internal deadlines.",
        Action.MANAGE_ROUNDS,
    ),
    PageSpec(
        "rounds/import_rounds_page.py",
        "Import rounds",
        ":material/upload_file:",
        "Funding",
        "Import funding rounds from a CSV or Excel file, checked row by row before anything is written.",
        Action.MANAGE_ROUNDS,
    ),
    PageSpec(
        "drafting/my_applications_page.py",
        "My applications",
        ":material/folder_open:",
        "Applications",
        "The applications you are on, their progress, and starting a new one from a funder's template.",
        Action.DRAFT_APPLICATIONS,
    ),
    PageSpec(
        "drafting/application_editor_page.py",
        "Application editor",
        ":material/edit_note:",
        "Applications",
        "Write an application section by section, within the funder's limits, with your co-authors.",
        Action.DRAFT_APPLICATIONS,
    ),
    PageSpec(
        "review/review_readiness_page.py",
        "Review & readiness",
        ":material/fact_check:",
        "Applications",
        "Ask peers to review, answer their comments, see what is missing before submitting, move the status.",
        Action.DRAFT_APPLICATIONS,
    ),
    PageSpec(
        "drafting/docx_export_page.py",
        "Export to Word",
        ":material/description:",
        "Applications",
        "Download one of your applications, or one section, as a submission-ready Word file.",
        Action.DRAFT_APPLICATIONS,
    ),
    PageSpec(
        "drafting/draft_import_page.py",
        "Import from Word",
        ":material/upload_file:",
        "Applications",
        "Bring a filled application or a co-author's Word edits into an application, section by section.",
        Action.DRAFT_APPLICATIONS,
    ),
    PageSpec(
        "review/application_outcomes_page.py",
        "Outcomes",
        ":material/emoji_events:",
        "Applications",
        "Record submissions, awards and declines; see each application's reviews and readiness.",
        Action.OVERSEE_APPLICATIONS,
    ),
    PageSpec(
        "review/review_consistency_page.py",
        "Review consistency",
        ":material/balance:",
        "Applications",
        "How consistently reviewers score: each against the panel, agreement per criterion, outliers, movement.",
        Action.OVERSEE_APPLICATIONS,
    ),
    PageSpec(
        "review/review_inbox_page.py",
        "Review inbox",
        ":material/inbox:",
        "Reviews",
        "Invitations to review, with due dates: accept or decline, then work on what you accepted.",
        Action.REVIEW_APPLICATIONS,
    ),
    PageSpec(
        "review/review_page.py",
        "Review",
        ":material/rate_review:",
        "Reviews",
        "Read a draft as it was sent for review, answer the checklist, score the rubric and comment.",
        Action.REVIEW_APPLICATIONS,
    ),
    PageSpec(
        "roi/roi_page.py",
        "Return on investment",
        ":material/trending_up:",
        "Return",
        "What the cluster programme returned: money won back against the unit's cluster grants.",
        Action.VIEW_ROI_SUMMARY,
    ),
    PageSpec(
        "roi/ledgers_page.py",
        "Ledgers",
        ":material/account_balance:",
        "Return",
        "Record cluster grants and awards, import history, share awards among clusters, export 360Giving.",
        Action.MANAGE_LEDGERS,
    ),
    PageSpec(
        "roi/attribution_page.py",
        "Award links",
        ":material/link:",
        "Return",
        "Which application and cluster each award is credited to, by which rule, and where its recipient is.",
        Action.MANAGE_LEDGERS,
    ),
    PageSpec(
        "accounts/users_page.py",
        "Users",
        ":material/group:",
        "Admin",
        "Create accounts, change roles, deactivate users and reset passwords.",
        Action.MANAGE_USERS,
    ),
    PageSpec(
        "accounts/workspace_settings_page.py",
        "Workspace settings",
        ":material/settings:",
        "Admin",
        "The reporting currency, time zone, financial year and area served, and the exchange rates.",
        Action.MANAGE_WORKSPACE,
    ),
    PageSpec(
        "accounts/audit_page.py",
        "Audit trail",
        ":material/history:",
        "Admin",
        "Every change to users, roles, statuses and ledgers, newest first.",
        Action.MANAGE_USERS,
    ),
    PageSpec(
        "drafting/templates_page.py",
        "Templates",
        ":material/description:",
        "Admin",
        "Funder application templates: sections, limits, review checklist and rubric; add a new one.",
        Action.MANAGE_TEMPLATES,
    ),
    PageSpec(
        "drafting/template_import_page.py",
        "Import a Word form",
        ":material/upload_file:",
        "Admin",
        "Turn a funder's .docx form into an application template: sections, guidance and limits.",
        Action.MANAGE_TEMPLATES,
    ),
    PageSpec(
        "notify/outbox_page.py",
        "Outbox",
        ":material/outbox:",
        "Admin",
        "Every email the workspace wrote: pending, sent or failed, with attempts and the last error.",
        Action.MANAGE_USERS,
    ),
    PageSpec(
        "notify/notices_page.py",
        "Notices",
        ":material/notifications:",
        "Account",
        "Invitations, reminders, comments and status changes: everything the workspace told you.",
    ),
    PageSpec(
        "notify/notify_preferences_page.py",
        "Notification settings",
        ":material/notifications_active:",
        "Account",
        "How each kind of notice reaches you by email, the rounds you follow, and your calendar feed.",
    ),
    PageSpec(
        "accounts/account_page.py",
        "My account",
        ":material/person:",
        "Account",
        "Change your password and the time zone dates are shown in.",
    ),
)


def page_for(file: str) -> PageSpec:
    """The page whose file has this name (page files are named uniquely across capability folders)."""
    name = Path(file).name
    return next(p for p in PAGES if Path(p.file).name == name)
