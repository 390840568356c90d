"""Manage rounds answers at once: the outcome and the new button label on the run of the click; the filter picks."""

from research.db.models import FundingRound
from research.domain.roles import Role
from tests.ui.rounds.test_rounds_pages import MANAGE, ROUNDS, open_page, world  # noqa: F401 (world is a fixture)


def test_saving_a_round_says_so_on_the_same_run(signed_in, world, ui_uow):  # noqa: F811
    at, _ = open_page(signed_in, Role.MANAGER, MANAGE, round=str(world["later"]))
    at.text_input(key=f"round_form_{world['later']}_name").set_value("Standard, renamed")
    at.form_submit_button[0].click().run()
    assert [t.value for t in at.toast] == ["Round saved."]
    assert at.selectbox(key="manage_round_choice").value == world["later"]
    assert "Standard, renamed" in at.selectbox(key="manage_round_choice").format_func(world["later"])
    assert at.text_input(key=f"round_form_{world['later']}_name").value == "Standard, renamed"


def test_archiving_shows_the_outcome_and_the_restore_button_after_one_click(signed_in, world, ui_uow):  # noqa: F811
    at, _ = open_page(signed_in, Role.MANAGER, MANAGE, round=str(world["later"]))
    assert at.button(key="archive_round").label == "Archive this round"
    at.button(key="archive_round").click().run()
    assert at.button(key="archive_round").label == "Restore this round"
    assert [s.value for s in at.success] == ["Round archived."]
    with ui_uow as session:
        assert session.get(FundingRound, world["later"]).archived_at is not None
    at.button(key="archive_round").click().run()
    assert at.button(key="archive_round").label == "Archive this round"
    assert "Round restored" in at.success[0].value
    at.run()
    assert not at.success  # said once, not again on the next click


def test_find_a_round_opens_the_match(signed_in, world):  # noqa: F811
    at, _ = open_page(signed_in, Role.MANAGER, MANAGE)
    assert at.selectbox(key="manage_round_choice").value == 0
    at.text_input(key="manage_round_search").input("Fast-Start").run()
    assert at.selectbox(key="manage_round_choice").value == world["soon"]
    assert at.text_input(key=f"round_form_{world['soon']}_scheme").value == "Fast-Start"


def test_a_filter_matching_nothing_says_so(signed_in, world):  # noqa: F811
    at, _ = open_page(signed_in, Role.MANAGER, MANAGE)
    at.text_input(key="manage_round_search").input("Nothing like it").run()
    assert any("No round matches" in c.value for c in at.caption)


def test_search_text_too_long_for_like_never_reaches_the_error_page(signed_in, world):  # noqa: F811
    """Issue 12: on SQLite 30,000 '%' was 'LIKE or GLOB pattern too complex' on the error page. The boxes now
    hold at most their shown cap (the service's own refusal of longer text is tested in the rounds service)."""
    for page, key in ((MANAGE, "manage_round_search"), (ROUNDS, "rounds_filter_text")):
        at, _ = open_page(signed_in, Role.MANAGER, page)
        at.text_input(key=key).input("%" * 200).run()
        assert not at.exception and not at.error
        at.text_input(key=key).input("%" * 30_000).run()
        assert not at.exception
        assert len(at.text_input(key=key).value) <= 200
