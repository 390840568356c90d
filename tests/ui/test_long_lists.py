"""Lists that grow with the workspace are searched on the page instead of shown whole."""

from research.domain.roles import Role
from research.ui import state
from tests.review_builders import build_application
from tests.ui.conftest import add_user

USERS = "research/ui/pages/accounts/users_page.py"
OUTCOMES = "research/ui/pages/review/application_outcomes_page.py"


def test_an_admin_finds_a_user_by_part_of_their_name(signed_in, ui_uow):
    at, _ = signed_in(Role.ADMIN)
    for name in ("mere-parata", "tane-mahuta"):
        add_user(ui_uow, Role.RESEARCHER, name)
    at.run()
    at.switch_page(USERS).run()
    at.text_input(key=state.USER_SEARCH).set_value("PARATA").run()
    assert not at.exception
    assert list(at.dataframe[0].value["username"]) == ["mere-parata"]
    assert "1 user found." in [c.value for c in at.caption]
    at.text_input(key=state.USER_SEARCH).set_value("nobody").run()
    assert not at.exception
    assert "No user matches the search." in [i.value for i in at.info]


def test_a_manager_finds_an_application_by_title_and_is_told_when_none_matches(signed_in, ui_uow):
    at, _ = signed_in(Role.MANAGER)
    hana = add_user(ui_uow, Role.RESEARCHER, "hana")
    for title in ("Tides of memory", "Shellfish recovery"):
        build_application(ui_uow, hana, title=title)
    at.run()
    at.switch_page(OUTCOMES).run()
    search = f"{state.OUTCOME_APPLICATION}_search"
    at.text_input(key=search).set_value("shell").run()
    assert not at.exception
    assert at.selectbox(key=f"{state.OUTCOME_APPLICATION}_box").options == ["Shellfish recovery"]
    at.text_input(key=search).set_value("kelp").run()
    assert "No application title contains “kelp”." in [w.value for w in at.warning]
    assert sorted(at.selectbox(key=f"{state.OUTCOME_APPLICATION}_box").options) == [
        "Shellfish recovery",
        "Tides of memory",
    ]
