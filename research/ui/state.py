"""Every session-state key the app reads or writes through st.session_state, in one place.

Widget and container keys are constants too: these, or the owning component's own at its top
(its KEY, or NAME_KEY / NAME_PREFIX). No key is spelled as a literal string in research/ui
(tests/ui/test_state_keys.py).
"""

FLASH = "flash_message"
# The outcome of a write done by an on_click button, (went_through, message), under this + the button's key.
OUTCOME_PREFIX = "outcome_"
SELECTED_USER = "users_selected"
USER_SEARCH = "users_search"
COAUTHOR_SEARCH = "editor_coauthor_search"
# The Actor resolved from the session cookie at the top of this run (a frozen dataclass).
ACTOR = "current_actor"
# Export to Word: the chosen application, and each download component's prepared file
# ({"signature": options, "data": bytes, "file_name": str}) under DOCX_PREPARED + its key.
EXPORT_APPLICATION = "docx_export_application_id"
DOCX_PREPARED = "docx_prepared_"
# Import a Word form: the draft read from the uploaded file ({"file_id", "draft", "source_name"}).
TEMPLATE_IMPORT_DRAFT = "template_import_draft"
# Import from Word: the chosen application, and the draft read from the upload with what the user did to it
# ({"file_id", "application_id", "document", "assigned": {unplaced index: section key}, "notices": [...]}).
DRAFT_IMPORT_APPLICATION = "draft_import_application_id"
DRAFT_IMPORT = "draft_import_state"

# Return on investment dashboard: its filters, and each chart's own selection and pick keys.
ROI_BASIS = "roi_year_basis"
ROI_PERIOD = "roi_period"
ROI_DATES = "roi_dates"
ROI_CLUSTER = "roi_cluster"
ROI_FUNDER = "roi_funder"
ROI_CHART_PREFIX = "roi_chart_"
ROI_PICK_PREFIX = "roi_pick_"

# Ledgers: the selected grant and award, the upload widgets and the award shares editor.
LEDGER_GRANT = "ledger_selected_grant"
LEDGER_AWARD = "ledger_selected_award"
LEDGER_AWARD_SEARCH = "ledger_award_search"
LEDGER_GRANT_FILE = "ledger_grant_file"
LEDGER_AWARD_FILE = "ledger_award_file"
LEDGER_AWARD_RATES = "ledger_award_rates"
LEDGER_AWARD_CLUSTER = "ledger_award_default_cluster"
LEDGER_SHARES_EDITOR = "ledger_shares_editor"

# Drafting. The application and section open in the editor (ids); for each opened section,
# the version and text it had when opened (a save is checked against that version); conflicts
# waiting to be resolved ({section id: revision number of the refused text}); widget keys by prefix.
EDITOR_APPLICATION = "editor_application_id"
EDITOR_SECTION = "editor_section_id"
EDITOR_OPENED = "editor_opened_sections"
EDITOR_CONFLICT = "editor_conflict"
EDITOR_BODY_PREFIX = "editor_body_"
EDITOR_LIVE_PREFIX = "editor_live_"
EDITOR_MERGE_PREFIX = "editor_merge_"
EDITOR_HISTORY_PAGE = "editor_history_page"
# Live co-writing: the live editor component per section; True once the writer chose the plain editor.
EDITOR_LIVE_EDITOR_PREFIX = "editor_live_editor_"
EDITOR_PLAIN = "editor_plain"
NEW_APPLICATION_ROUND = "new_application_round"
TEMPLATES_SELECTED = "templates_selected_key"
# Reviews: the review open on the Review page, and the application chosen on the team's
# Review & readiness page and on the managers' Outcomes page (ids only).
REVIEW_SELECTED = "review_selected_id"
INBOX_SHOW_ALL = "review_inbox_show_all"  # the inbox lists every review in progress, not the soonest due
REVIEW_APPLICATION = "review_application_id"
OUTCOME_APPLICATION = "outcome_application_id"
# Funding rounds: the table's selection, the filters, the round being edited, the import.
ROUNDS_TABLE = "rounds_table"
ROUNDS_FILTER_PREFIX = "rounds_filter_"
MANAGE_ROUND = "manage_round_choice"
MANAGE_ROUND_SEARCH = "manage_round_search"
IMPORT_FILE = "import_rounds_file"
IMPORT_REPORT = "import_rounds_report"
IMPORT_DONE = "import_rounds_done"
# Writing aids: the criteria draft read from a guidance document for a round ({round id: rows}),
# and the review consistency page's template and review round filters.
CRITERIA_DRAFT_PREFIX = "criteria_draft_"
CONSISTENCY_TEMPLATE = "consistency_template"
CONSISTENCY_ROUND = "consistency_review_round"

# Notify: the notices list's filter, the calendar feed URL just issued (shown once), the outbox filter.
NOTICES_UNREAD_ONLY = "notices_unread_only"
CALENDAR_FEED_URL = "notify_calendar_feed_url"
OUTBOX_STATUS = "outbox_status_filter"
