"""AppTest: the funding-round pages per role, filters, a round's page, the form, the import, home panels."""

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from research.db.models import Funder, FunderAlias, FundingRound, ImportProfile
from research.domain.clock import utcnow
from research.domain.roles import Role
from research.domain.round_rules import RoundInput
from research.services.accounts.users import set_timezone
from research.services.rounds import editing as round_editing
from research.services.rounds import funders
from tests.integration.rounds_helpers import add_application
from tests.service_people import staff

ROUNDS = "research/ui/pages/rounds/rounds_page.py"
MANAGE = "research/ui/pages/rounds/manage_rounds_page.py"
IMPORT = "research/ui/pages/rounds/import_rounds_page.py"


@pytest.fixture
def world(ui_uow):
    """A funder, two clusters, and rounds relative to now: closing in 5 days, in 60, closed 30 days ago."""
    from tests.ui.conftest import add_user

    boss = add_user(ui_uow, Role.MANAGER, "boss")
    marsden = funders.save_funder(ui_uow, boss, "Marsden Fund", "New Zealand").id
    now = utcnow().replace(second=0, microsecond=0)

    def add(scheme, days, **fields):
        return round_editing.create_round(
            ui_uow, boss, RoundInput(funder_id=marsden, scheme=scheme, closes_at=now + timedelta(days=days), **fields)
        )

    return {
        "funder": marsden,
        "soon": add("Fast-Start", 5),
        "later": add("Standard", 60, is_forecast=True),
        "past": add("Council Award", -30),
        "boss": boss,
    }


def open_page(signed_in, role, page, **query):
    at, actor = signed_in(role)
    at.run()
    at.switch_page(page)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at, actor


def keyed_table(at, key):
    return at.get_by_key(key).dataframe[0].value


def rounds_shown(at) -> list[str]:
    return at.dataframe[0].value["Round"].tolist()


@pytest.mark.parametrize("role", list(Role))
def test_everyone_sees_the_funding_rounds_page(signed_in, world, role):
    at, _ = open_page(signed_in, role, ROUNDS)
    assert at.title[0].value == "Funding rounds"
    shown = rounds_shown(at)
    assert len(shown) == 2 and not any("Council Award" in name for name in shown)  # closed rounds filtered out
    assert "Pacific/Auckland" in at.caption[0].value


@pytest.mark.parametrize("page", [MANAGE, IMPORT])
@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.REVIEWER])
def test_manage_and_import_pages_refuse_researchers_and_reviewers(signed_in, world, role, page):
    at, _ = open_page(signed_in, role, page)
    assert "not available to your role" in at.error[0].value
    assert not at.text_input and not at.file_uploader


def test_filters_narrow_the_table(signed_in, world):
    at, _ = open_page(signed_in, Role.RESEARCHER, ROUNDS)
    at.multiselect(key="rounds_filter_status").set_value(["closed"]).run()
    assert rounds_shown(at) == [n for n in rounds_shown(at) if "Council Award" in n] and len(rounds_shown(at)) == 1
    at.multiselect(key="rounds_filter_status").set_value([]).run()
    assert len(rounds_shown(at)) == 3
    at.text_input(key="rounds_filter_text").set_value("standard").run()
    assert len(rounds_shown(at)) == 1 and "Standard" in rounds_shown(at)[0]
    at.text_input(key="rounds_filter_text").set_value("").run()
    at.number_input(key="rounds_filter_within").set_value(10).run()
    assert len(rounds_shown(at)) == 1 and "Fast-Start" in rounds_shown(at)[0]
    at.number_input(key="rounds_filter_within").set_value(1).run()
    assert not at.dataframe and "No round matches" in at.info[0].value
    assert not at.exception


def test_times_show_in_the_viewers_time_zone_with_the_zone_named(signed_in, world, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    set_timezone(ui_uow, actor, "Europe/London")
    at.run()
    at.switch_page(ROUNDS).run()
    assert "Europe/London" in at.caption[0].value
    frame = at.dataframe[0].value
    assert any("Closes" in str(column) for column in frame.columns)


def test_a_rounds_page_shows_its_milestones_applications_and_calendar(signed_in, world, ui_uow):
    from tests.ui.conftest import add_user

    lead = add_user(ui_uow, Role.RESEARCHER, "lead-author")
    add_application(ui_uow, lead, world["soon"], "Microbial mats of geothermal springs")
    at, _ = open_page(signed_in, Role.REVIEWER, ROUNDS, round=str(world["soon"]))
    detail = at.get_by_key("round_detail")
    assert at.subheader[0].value.replace("\\", "").startswith("Fast-Start")  # shown as typed, not as Markdown
    milestones = keyed_table(at, "round_milestones")
    assert milestones["Deadline"].tolist()[-1] == "Funder closes"
    assert len(milestones) == 4
    applications = keyed_table(at, "round_applications")
    assert applications["Title"].tolist() == ["Microbial mats of geothermal springs"]
    assert applications["Lead"].tolist() == ["—"]  # a reviewer outside the team sees title and status only
    assert at.get("download_button") and detail is not None
    assert [link.value for link in at.main.page_link] == []  # editing is for managers


def test_a_manager_gets_a_link_to_edit_the_round(signed_in, world):
    at, _ = open_page(signed_in, Role.MANAGER, ROUNDS, round=str(world["soon"]))
    assert [link.value for link in at.main.page_link] == ["Edit this round"]


def test_an_unknown_round_says_so(signed_in, world):
    at, _ = open_page(signed_in, Role.RESEARCHER, ROUNDS, round="99999")
    assert "no funding round with id 99999" in at.error[0].value


def test_a_manager_adds_a_round_with_the_form(signed_in, world, ui_uow):
    at, _ = open_page(signed_in, Role.MANAGER, MANAGE)
    key = "round_form_0"
    at.selectbox(key=f"{key}_funder").set_value(world["funder"])
    at.text_input(key=f"{key}_scheme").set_value("Explorer")
    at.date_input(key=f"{key}_closes").set_value(utcnow().date() + timedelta(days=40))
    at.text_input(key=f"{key}_pool").set_value("2m")
    at.text_input(key=f"{key}_max").set_value("150k")
    at.number_input(key=f"{key}_intent_days").set_value(12)
    at.form_submit_button[0].click().run()
    assert not at.exception and not at.error
    with ui_uow as session:
        saved = session.scalar(select(FundingRound).where(FundingRound.scheme == "Explorer"))
    assert saved is not None and str(saved.pool) == "2000000.00"
    assert at.selectbox(key="manage_round_choice").value == saved.id  # the new round is now the one edited
    assert round_editing.round_input(ui_uow, world["boss"], saved.id)[0].offsets["intent"] == 12


def test_a_bad_form_names_each_field_and_saves_nothing(signed_in, world, ui_uow):
    at, _ = open_page(signed_in, Role.MANAGER, MANAGE)
    key = "round_form_0"
    at.text_input(key=f"{key}_scheme").set_value("Explorer")
    at.date_input(key=f"{key}_opens").set_value(utcnow().date() + timedelta(days=50))
    at.date_input(key=f"{key}_closes").set_value(utcnow().date() + timedelta(days=40))
    at.text_input(key=f"{key}_pool").set_value("-5")
    at.form_submit_button[0].click().run()
    message = at.error[0].value
    assert "Funder: choose a funder" in message and "Pool: must not be negative" in message
    with ui_uow as session:
        assert session.scalar(select(func.count()).select_from(FundingRound)) == 3


def test_a_manager_edits_and_archives_a_round(signed_in, world, ui_uow):
    at, _ = open_page(signed_in, Role.MANAGER, MANAGE, round=str(world["later"]))
    key = f"round_form_{world['later']}"
    assert at.text_input(key=f"{key}_scheme").value == "Standard"
    at.text_input(key=f"{key}_name").set_value("Marsden Standard EOI (forecast)")
    at.form_submit_button[0].click().run()
    assert not at.error
    with ui_uow as session:
        assert session.get(FundingRound, world["later"]).name == "Marsden Standard EOI (forecast)"
    at.button(key="archive_round").click().run()
    with ui_uow as session:
        assert session.get(FundingRound, world["later"]).archived_at is not None
    at.run()  # AppTest shows the run that called st.rerun(); the next run is what the browser shows
    assert at.button(key="archive_round").label == "Restore this round"


def test_a_manager_adds_a_funder(signed_in, world, ui_uow):
    at, _ = open_page(signed_in, Role.ADMIN, MANAGE)
    form = at.form("funder_form_0")
    form.text_input[0].set_value("Health Research Council")
    form.text_input[2].set_value("https://www.hrc.govt.nz/")
    form.form_submit_button[0].click().run()
    assert not at.error
    assert "Health Research Council" in keyed_table(at, "funders_table")["Funder"].tolist()


GOOD_CSV = (
    b"Funder,Scheme,Closes,Pool\nMarsden Fund,Standard,2031-02-20 12:00,60m\n"
    b"Marsden Fund,Fast-Start,2031-02-20 12:00,\n"
)
BAD_CSV = b"Funder,Scheme,Closes,Pool\nMarsden Fund,Standard,2031-02-20 12:00,60m\nNobody,Fast-Start,2031-02-30,-1\n"


def upload(at, data, name="rounds.csv"):
    at.file_uploader[0].upload(name, data, "text/csv").run()
    assert not at.exception
    return at


def test_an_import_with_a_bad_row_lists_every_problem_and_offers_no_import(signed_in, world, ui_uow):
    at, _ = open_page(signed_in, Role.MANAGER, IMPORT)
    upload(at, BAD_CSV)
    assert "2 rows" in at.markdown[0].value or any("2 rows" in m.value for m in at.markdown)
    at.form_submit_button[0].click().run()
    assert "1 of 2 rows have problems" in at.error[0].value
    issues = keyed_table(at, "import_issues")
    assert set(zip(issues["Line"], issues["Column"], strict=True)) == {(3, "Funder"), (3, "Closes"), (3, "Pool")}
    assert not [b for b in at.button if b.key == "import_go"]
    with ui_uow as session:
        assert session.scalar(select(func.count()).select_from(FundingRound)) == 3


def test_a_good_import_is_checked_then_written(signed_in, world, ui_uow):
    at, _ = open_page(signed_in, Role.MANAGER, IMPORT)
    upload(at, GOOD_CSV)
    at.form_submit_button[0].click().run()
    assert "All 2 rows are valid: 2 new rounds" in at.success[0].value
    at.button(key="import_go").click().run()
    assert not at.exception
    assert any("Imported 2 new rounds and 0 updates from rounds.csv" in s.value for s in at.success)
    with ui_uow as session:
        assert session.scalar(select(func.count()).select_from(FundingRound)) == 5


def test_unknown_funders_are_listed_and_created_only_when_asked(signed_in, world, ui_uow):
    at, _ = open_page(signed_in, Role.MANAGER, IMPORT)
    upload(at, b"Funder,Scheme,Closes\nMarsden Fnd,Standard,2031-02-20 12:00\nBrand New Trust,Seed,2031-03-01 12:00\n")
    at.form_submit_button[0].click().run()
    assert "Marsden Fnd (did you mean Marsden Fund?); Brand New Trust" in at.warning[0].value
    assert not [b for b in at.button if b.key == "import_go"]
    at.checkbox(key="import_create_funders").check().run()
    at.form_submit_button[0].click().run()
    assert "2 funder(s) will be created: Marsden Fnd, Brand New Trust" in at.info[0].value
    at.button(key="import_go").click().run()
    assert not at.exception
    with ui_uow as session:
        assert {"Marsden Fnd", "Brand New Trust"} <= set(session.scalars(select(Funder.name)))


def test_a_manager_gives_a_funder_another_name(signed_in, world, ui_uow):
    at, _ = open_page(signed_in, Role.MANAGER, MANAGE)
    at.selectbox(key="funder_choice").set_value(world["funder"]).run()
    at.text_input(key=f"funder_alias_new_{world['funder']}").set_value("RSNZ Marsden")
    next(b for b in at.button if b.label == "Add name").click().run()
    assert not at.error
    assert keyed_table(at, "funders_table")["Also written"].tolist() == ["RSNZ Marsden"]
    with ui_uow as session:
        assert session.scalar(select(FunderAlias.alias)) == "RSNZ Marsden"
    at.button(key=f"funder_alias_remove_{world['funder']}").click().run()
    with ui_uow as session:
        assert session.scalar(select(func.count()).select_from(FunderAlias)) == 0


def test_an_unreadable_file_is_named(signed_in, world):
    at, _ = open_page(signed_in, Role.MANAGER, IMPORT)
    upload(at, b"", "empty.csv")
    assert "empty.csv: is empty" in at.error[0].value


def test_home_shows_closing_soon_and_milestones_due(signed_in, world, ui_uow):
    at, actor = signed_in(Role.RESEARCHER)
    add_application(ui_uow, actor, world["soon"], "Microbial mats")
    at.run()
    links = [link.value for link in at.page_link]
    closing = [text for text in links if text.startswith("**Closes**")]
    assert len(closing) == 1 and "Fast\\-Start" in closing[0]
    assert any("your application is in this round" in c.value for c in at.caption)  # under the link, wrapping
    assert not any("Council Award" in text for text in links)  # closed a month ago: not shown
    assert any(text.startswith("**Final sign-off**") for text in links)  # 2 working days before a 5-day close


def test_a_link_to_a_round_that_does_not_exist_says_so(signed_in, world):
    at, _ = open_page(signed_in, Role.MANAGER, MANAGE, round="99999")
    assert "no funding round with id 99999" in at.warning[0].value
    assert at.selectbox(key="manage_round_choice").value == 0  # a new round


def test_a_researcher_starts_an_application_from_the_rounds_page(signed_in, world, ui_uow):
    from research.db.models import Application

    manager = staff(ui_uow)
    soon, _ = round_editing.round_input(ui_uow, manager, world["soon"])
    round_editing.update_round(ui_uow, manager, world["soon"], replace(soon, template_key="mbie-smart-ideas"))
    at, researcher = open_page(signed_in, Role.RESEARCHER, ROUNDS, round=str(world["soon"]))
    form = at.form(f"new_application_round_{world['soon']}")
    assert form.selectbox[0].value == "mbie-smart-ideas"  # the round's template, suggested
    form.text_input[0].set_value("Geothermal mats")
    form.form_submit_button[0].click().run()
    assert not at.exception and not at.error
    with ui_uow as session:
        application = session.scalar(select(Application).where(Application.title == "Geothermal mats"))
        assert (application.round_id, application.lead_id) == (world["soon"], researcher.id)


def test_a_closed_round_offers_no_start(signed_in, world):
    at, _ = open_page(signed_in, Role.RESEARCHER, ROUNDS, round=str(world["past"]))
    assert not [e for e in at.expander if e.label == "Start an application for this round"]
    at, _ = open_page(signed_in, Role.REVIEWER, ROUNDS, round=str(world["soon"]))
    assert not [e for e in at.expander if e.label == "Start an application for this round"]


def test_round_columns_are_saved_as_a_profile(signed_in, world, ui_uow):
    at, _ = open_page(signed_in, Role.MANAGER, IMPORT)
    upload(at, GOOD_CSV)
    at.text_input(key="import_mapping_rounds_save_name").set_value("Our calendar")
    at.button(key="import_mapping_rounds_save_go").click().run()
    assert not at.error
    with ui_uow as session:
        saved = session.scalars(select(ImportProfile)).one()
    assert (saved.kind, saved.name, saved.mapping["closes"]) == ("rounds", "Our calendar", "Closes")
