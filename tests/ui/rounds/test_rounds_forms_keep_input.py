"""The round and funder forms refused once keep every value typed and chosen, and write nothing."""

from datetime import timedelta

from sqlalchemy import func, select

from research.db.models import Funder, FundingRound
from research.domain.clock import utcnow
from research.domain.roles import Role
from tests.ui.rounds.test_rounds_pages import MANAGE, open_page, world  # noqa: F401 (world is a fixture)


def count(uow, model) -> int:
    with uow as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_refused_round_keeps_every_field(signed_in, world, ui_uow):  # noqa: F811
    at, _ = open_page(signed_in, Role.MANAGER, MANAGE)
    key = "round_form_0"
    closes = utcnow().date() + timedelta(days=40)
    at.selectbox(key=f"{key}_funder").set_value(world["funder"])
    at.text_input(key=f"{key}_scheme").set_value("Explorer")
    at.date_input(key=f"{key}_closes").set_value(closes)
    at.text_input(key=f"{key}_pool").set_value("lots")
    at.text_input(key=f"{key}_max").set_value("150k")
    at.text_area(key=f"{key}_eligibility").set_value("Early-career researchers in the city.")
    at.number_input(key=f"{key}_intent_days").set_value(12)
    at.form_submit_button[0].click().run()
    assert "Pool" in at.error[0].value
    assert count(ui_uow, FundingRound) == 3
    assert at.selectbox(key=f"{key}_funder").value == world["funder"]
    assert at.text_input(key=f"{key}_scheme").value == "Explorer"
    assert at.date_input(key=f"{key}_closes").value == closes
    assert at.text_input(key=f"{key}_pool").value == "lots"
    assert at.text_input(key=f"{key}_max").value == "150k"
    assert at.text_area(key=f"{key}_eligibility").value == "Early-career researchers in the city."
    assert at.number_input(key=f"{key}_intent_days").value == 12


def test_a_refused_funder_keeps_what_was_typed(signed_in, world, ui_uow):  # noqa: F811
    at, _ = open_page(signed_in, Role.ADMIN, MANAGE)
    before = count(ui_uow, Funder)
    form = at.form("funder_form_0")
    form.text_input[2].set_value("www.hrc.govt.nz")  # not a web address
    form.text_input[0].set_value("Health Research Council")
    form.text_area[0].set_value("Projects and programmes.")
    form.form_submit_button[0].click().run()
    assert at.error
    assert count(ui_uow, Funder) == before
    form = at.form("funder_form_0")
    assert form.text_input[0].value == "Health Research Council"
    assert form.text_input[2].value == "www.hrc.govt.nz"
    assert form.text_area[0].value == "Projects and programmes."
