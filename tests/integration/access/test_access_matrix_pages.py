"""Every role times every page of the app, opened directly (as by its URL), on a fresh workspace.

allow: the page renders without an exception and without the refusal.
deny:  the page shows the refusal and nothing else: no data, no widget, no exception.
Every page is registered for every signed-in user (hidden when not allowed), so a URL always
reaches the page script, and the page's own guard is what refuses.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1.element_tree import Block

from research.domain.roles import Role
from research.ui.navigation import PAGES
from tests.integration.access.test_access_matrix import parse_matrix
from tests.ui.conftest import signed_in, ui_uow  # noqa: F401  (AppTest fixtures)

PAGE_MATRIX = """
page                          | researcher | reviewer | manager | admin
home_page.py                  | allow      | allow    | allow   | allow
rounds/rounds_page.py         | allow      | allow    | allow   | allow
rounds/manage_rounds_page.py  | deny       | deny     | allow   | allow
rounds/import_rounds_page.py  | deny       | deny     | allow   | allow
drafting/my_applications_page.py | allow      | deny     | deny    | deny
drafting/application_editor_page.py | allow      | deny     | deny    | deny
review/review_readiness_page.py | allow      | deny     | deny    | deny
drafting/docx_export_page.py  | allow      | deny     | deny    | deny
drafting/draft_import_page.py | allow      | deny     | deny    | deny
review/application_outcomes_page.py | deny       | deny     | allow   | deny
review/review_consistency_page.py   | deny       | deny     | allow   | deny
review/review_inbox_page.py   | allow      | allow    | deny    | deny
review/review_page.py         | allow      | allow    | deny    | deny
roi/roi_page.py               | allow      | allow    | allow   | allow
roi/ledgers_page.py           | deny       | deny     | allow   | deny
roi/attribution_page.py       | deny       | deny     | allow   | deny
accounts/users_page.py        | deny       | deny     | deny    | allow
accounts/workspace_settings_page.py | deny   | deny     | deny    | allow
accounts/audit_page.py        | deny       | deny     | deny    | allow
drafting/templates_page.py    | deny       | deny     | deny    | allow
drafting/template_import_page.py | deny       | deny     | deny    | allow
notify/outbox_page.py         | deny       | deny     | deny    | allow
notify/notices_page.py        | allow      | allow    | allow   | allow
notify/notify_preferences_page.py | allow      | allow    | allow   | allow
accounts/account_page.py      | allow      | allow    | allow   | allow
"""
EXPECTED = parse_matrix(PAGE_MATRIX)
REFUSAL = "is not available to your role"


def test_every_page_has_a_row():
    assert list(EXPECTED) == [spec.file for spec in PAGES]


def leaves(at) -> list:
    return [node for node in at.main if not isinstance(node, Block)]


def outcome(at, title: str, expected: str) -> str | None:
    """What is wrong with the page as it rendered, or None."""
    if at.exception:
        return f"{title}: exception {[e.value for e in at.exception]}"
    refused = [e.value for e in at.error if REFUSAL in e.value]
    if expected == "allow":
        return f"{title}: refused ({refused})" if refused else None
    shown = [f"{type(n).__name__}: {getattr(n, 'value', '')}" for n in leaves(at)]
    if len(refused) != 1 or len(shown) != 1:
        return f"{title}: expected the refusal alone, got {shown}"
    return None


@pytest.mark.parametrize("role", list(Role))
def test_each_page_allows_or_refuses_the_role_as_the_matrix_says(signed_in, role):  # noqa: F811
    at, _ = signed_in(role)
    at.run()
    assert not at.exception
    wrong = []
    for spec in PAGES:
        at.switch_page(str(spec.path)).run(timeout=60)
        wrong.append(outcome(at, spec.title, EXPECTED[spec.file][role]))
    assert not [w for w in wrong if w], "\n".join(w for w in wrong if w)
