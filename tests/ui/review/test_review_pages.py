"""AppTest: the review inbox, the reviewer's page, the team's Review & readiness page, Outcomes."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from research.db.models import Application, Award, Comment, Review
from research.domain.application_status import ApplicationStatus as S
from research.domain.roles import Role
from research.services.review import comments as review_comments
from research.services.review import lifecycle, reviewing
from research.services.review import rounds as review_rounds
from tests.integration.review_steps import full_review
from tests.review_builders import build_application, section_ids
from tests.ui.conftest import add_user

INBOX = "research/ui/pages/review/review_inbox_page.py"
REVIEW = "research/ui/pages/review/review_page.py"
TEAM = "research/ui/pages/review/review_readiness_page.py"
OUTCOMES = "research/ui/pages/review/application_outcomes_page.py"
# Demo users live in Auckland: "today" is theirs, whatever the machine's clock zone.
TODAY = datetime.now(ZoneInfo("Pacific/Auckland")).date()
SOON = TODAY + timedelta(days=2)


def button(at, label):
    return next(b for b in at.button if b.label == label)


def open_page(at, page):
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


@pytest.fixture
def invited(ui_uow, signed_in):
    """A reviewer signed in, invited to review Hana's application (due in two days)."""
    hana = add_user(ui_uow, Role.RESEARCHER, "hana")
    at, priya = signed_in(Role.REVIEWER, "priya")
    app_id = build_application(ui_uow, hana, title="Tides of memory")
    review_rounds.request_review_round(ui_uow, hana, app_id, [priya.id], SOON, "Look at the aims")
    with ui_uow as session:
        review_id = session.scalar(select(Review.id))
    return at, priya, hana, app_id, review_id


def review_status(uow, review_id) -> str:
    with uow as session:
        return session.get(Review, review_id).status


def test_the_inbox_shows_the_invitation_with_a_reminder(invited):
    at, *_ = invited
    open_page(at, INBOX)
    assert "due in 2 days" in at.warning[0].value
    assert any("Tides of memory" in m.value for m in at.markdown)
    assert at.subheader[0].value == "Invitations (1)"


def test_accepting_needs_a_conflict_declaration_first(invited, ui_uow):
    at, _, _, _, review_id = invited
    open_page(at, INBOX)
    button(at, "Accept").click().run()
    assert "say whether you have one" in at.error[0].value
    assert review_status(ui_uow, review_id) == "invited"
    at.radio[0].set_value("No, I have no conflict of interest")
    button(at, "Accept").click().run()
    assert not at.exception and not at.error
    assert review_status(ui_uow, review_id) == "accepted"
    assert at.subheader[1].value == "In progress (1)"


def test_a_declared_conflict_blocks_accepting_and_is_recorded_on_declining(invited, ui_uow):
    at, _, _, _, review_id = invited
    open_page(at, INBOX)
    at.radio[0].set_value("Yes, I have a conflict of interest")
    at.text_area[0].set_value("I co-supervise the lead's student")
    button(at, "Accept").click().run()
    assert "blocks this review" in at.error[0].value and review_status(ui_uow, review_id) == "invited"
    at.radio[0].set_value("Yes, I have a conflict of interest")
    at.text_area[0].set_value("I co-supervise the lead's student")
    button(at, "Decline").click().run()
    assert review_status(ui_uow, review_id) == "conflict"
    assert at.dataframe[0].value["status"].tolist() == ["declined (conflict of interest)"]


def test_the_review_page_waits_for_an_accepted_review(signed_in):
    at, _ = signed_in(Role.REVIEWER)
    open_page(at, REVIEW)
    assert "no accepted reviews" in at.info[0].value


def accepted(invited, ui_uow):
    at, priya, hana, app_id, review_id = invited
    review_rounds.respond_to_invitation(ui_uow, priya, review_id, True, False)
    return at, priya, hana, app_id, review_id


def fill_review(at, review_id):
    for key in ("plain", "aims"):
        at.radio(key=f"review_work_answer_{review_id}_{key}").set_value("yes")
    at.radio(key=f"review_work_answer_{review_id}_vm").set_value("na")
    at.text_input(key=f"review_work_note_{review_id}_vm").set_value("No Māori data")
    at.number_input(key=f"review_work_score_{review_id}_excellence").set_value(4.5)
    at.number_input(key=f"review_work_score_{review_id}_impact").set_value(3.5)
    at.radio(key=f"review_work_score_{review_id}_resources").set_value("sufficient")
    at.selectbox(key=f"review_work_recommendation_{review_id}").select("Ready to submit")
    at.text_area(key=f"review_work_summary_{review_id}").set_value("Clear and strong.")


def test_the_reviewer_reads_the_snapshot_fills_the_form_and_submits(invited, ui_uow):
    at, _, _, _, review_id = accepted(invited, ui_uow)
    open_page(at, REVIEW)
    assert "Look at the aims" in at.info[0].value
    assert [s.value for s in at.subheader][:3] == ["Summary", "Overall aims", "Vision Mātauranga"]
    assert any("river memory" in m.value for m in at.markdown)
    assert not at.text_area(key=f"review_work_summary_{review_id}").value
    button(at, "Submit review").click().run()
    assert "Nothing was changed" in at.error[0].value and "recommendation: choose one" in at.error[0].value
    fill_review(at, review_id)
    button(at, "Submit review").click().run()
    assert not at.exception and not at.error
    assert review_status(ui_uow, review_id) == "submitted"
    assert "locked" in at.success[0].value
    assert at.metric[0].value == "8"
    assert not [b for b in at.button if b.label == "Submit review"]


def test_a_draft_is_saved_and_shown_again(invited, ui_uow):
    at, _, _, _, review_id = accepted(invited, ui_uow)
    open_page(at, REVIEW)
    at.number_input(key=f"review_work_score_{review_id}_excellence").set_value(2.5)
    at.text_area(key=f"review_work_summary_{review_id}").set_value("Half way")
    button(at, "Save draft").click().run()
    assert not at.error and review_status(ui_uow, review_id) == "accepted"
    at.switch_page(INBOX).run()
    at.switch_page(REVIEW).run()
    assert at.number_input(key=f"review_work_score_{review_id}_excellence").value == 2.5


def comment_on(at, section_id, body, quote=""):
    form = at.form(f"review_work_comment_form_{section_id}")
    form.text_area[0].set_value(body)
    form.text_input[0].set_value(quote)
    form.form_submit_button[0].click().run()


def test_the_reviewer_comments_on_a_section_quoting_it(invited, ui_uow):
    at, _, _, app_id, review_id = accepted(invited, ui_uow)
    summary = section_ids(ui_uow, app_id)["summary"]
    open_page(at, REVIEW)
    comment_on(at, summary, "Who is every reader?", "not in the text")
    assert "does not appear" in at.error[0].value
    comment_on(at, summary, "Who is every reader?", "every reader")
    assert not at.error
    with ui_uow as session:
        assert session.scalars(select(Comment.quote)).all() == ["every reader"]
    assert any(t.value == "every reader" for t in at.text)


def test_an_outside_image_in_a_comment_is_shown_as_a_link(invited, ui_uow):
    at, _, _, app_id, _ = accepted(invited, ui_uow)
    open_page(at, REVIEW)
    comment_on(at, section_ids(ui_uow, app_id)["summary"], "Seen? ![pixel](https://evil.example/p.gif?by=priya)")
    shown = [m.value for m in at.markdown if "pixel" in m.value]
    assert shown == ["Seen? [Image: pixel](<https://evil.example/p.gif?by=priya>)"]


@pytest.mark.parametrize(
    ("role", "page"), [(Role.MANAGER, REVIEW), (Role.ADMIN, INBOX), (Role.REVIEWER, TEAM), (Role.RESEARCHER, OUTCOMES)]
)
def test_pages_refuse_roles_without_the_permission(signed_in, role, page):
    at, _ = signed_in(role)
    open_page(at, page)
    assert "not available to your role" in at.error[0].value


@pytest.fixture
def lead_page(ui_uow, signed_in):
    at, hana = signed_in(Role.RESEARCHER, "hana")
    priya = add_user(ui_uow, Role.REVIEWER, "priya")
    app_id = build_application(ui_uow, hana, title="Tides of memory", marked_ready=True)
    return at, hana, priya, app_id


def test_the_lead_requests_a_review_round(lead_page, ui_uow):
    at, _, priya, app_id = lead_page
    open_page(at, TEAM)
    assert "No review has been requested yet." in at.info[0].value
    at.multiselect[0].select(priya.id)
    at.date_input[0].set_value(SOON)
    at.text_area[0].set_value("Is the summary plain enough?")
    button(at, "Request review").click().run()
    assert not at.exception and not at.error
    with ui_uow as session:
        assert session.get(Application, app_id).status == "in_review"
        assert session.scalar(select(Review.reviewer_id)) == priya.id
    assert at.dataframe[0].value["reviewer"].tolist() == ["Priya"]


def submitted_review(ui_uow, hana, priya, app_id, **review):
    review_rounds.request_review_round(ui_uow, hana, app_id, [priya.id], SOON)
    with ui_uow as session:
        review_id = session.scalar(select(Review.id))
    review_rounds.respond_to_invitation(ui_uow, priya, review_id, True, False)
    summary = section_ids(ui_uow, app_id)["summary"]
    comment_id = review_comments.add_review_comment(ui_uow, priya, review_id, summary, "Say who benefits.")
    reviewing.submit_review(ui_uow, priya, review_id, full_review(**review))
    return comment_id


def test_the_team_sees_reviews_scores_and_a_chart(lead_page, ui_uow):
    at, hana, priya, app_id = lead_page
    submitted_review(ui_uow, hana, priya, app_id)
    open_page(at, TEAM)
    table = at.dataframe[0].value.set_index("Criterion")
    assert table.loc["Excellence", "Round 1"] == 4.5
    chart = at.get("plotly_chart")[0]
    assert '"Excellence"' in chart.proto.spec


def test_blind_reviews_hide_the_reviewers_name(lead_page, ui_uow):
    at, hana, priya, app_id = lead_page
    submitted_review(ui_uow, hana, priya, app_id)
    open_page(at, TEAM)
    assert "Priya" in at.dataframe[1].value["reviewer"].tolist()
    at.toggle[0].set_value(True).run()
    at.run()
    assert at.dataframe[1].value["reviewer"].tolist() == ["Reviewer A"]
    assert not any("Priya" in m.value for m in at.markdown)


def test_the_team_resolves_comments_then_marks_the_application_ready(lead_page, ui_uow):
    at, hana, priya, app_id = lead_page
    comment_id = submitted_review(ui_uow, hana, priya, app_id)
    lifecycle.move_application(ui_uow, hana, app_id, "revising")
    open_page(at, TEAM)
    assert "1 thing to do" in at.warning[0].value
    assert any("Say who benefits." in m.value and "is open" in m.value for m in at.markdown)
    at.segmented_control[0].set_value(S.READY).run()
    button(at, "Mark ready to submit").click().run()
    assert "A comment on “Summary” by Priya is open" in at.error[0].value
    form = at.form(f"section_comments_reply_form_{comment_id}")
    form.text_input[0].set_value("Added a sentence on who benefits.")
    button(at, "Resolve").click().run()
    assert not at.error
    assert "Ready to submit" in at.success[0].value
    at.segmented_control[0].set_value(S.READY).run()
    button(at, "Mark ready to submit").click().run()
    assert not at.exception and not at.error
    with ui_uow as session:
        assert session.get(Application, app_id).status == "ready"
    button(at, "Reopen").click().run()
    with ui_uow as session:
        assert session.get(Comment, comment_id).resolved_at is None


def test_a_manager_records_an_award(ui_uow, signed_in):
    at, _ = signed_in(Role.MANAGER, "tama")
    hana = add_user(ui_uow, Role.RESEARCHER, "hana")
    app_id = build_application(ui_uow, hana, status="submitted", title="Tides of memory")
    open_page(at, OUTCOMES)
    assert at.segmented_control[0].options == ["Record the award", "Record as declined"]
    at.segmented_control[0].set_value(S.AWARDED).run()
    form = at.form(f"readiness_status_move_{app_id}_awarded")
    form.text_input[0].set_value("960,000")
    form.date_input[0].set_value(TODAY - timedelta(days=1))
    form.form_submit_button[0].click().run()
    assert not at.exception and not at.error
    with ui_uow as session:
        award = session.scalar(select(Award))
        assert session.get(Application, app_id).status == "awarded"
    assert str(award.amount) == "960000.00" and award.application_id == app_id


def test_the_home_page_reminds_reviewers_of_what_is_due(invited):
    at, *_ = invited
    at.run()
    assert not at.exception
    assert any("Reviews due soon" in m.value for m in at.markdown)
    assert any("Tides of memory" in m.value and "due in 2 days" in m.value for m in at.markdown)


def test_a_busy_reviewer_sees_the_ten_reviews_due_soonest_and_can_show_all(ui_uow, signed_in):
    from tests.integration.review_steps import open_round_with

    hana = add_user(ui_uow, Role.RESEARCHER, "hana")
    at, priya = signed_in(Role.REVIEWER, "priya")
    for n in range(12):
        open_round_with(ui_uow, hana, build_application(ui_uow, hana, title=f"Application {n:02d}"), [priya])
    open_page(at, INBOX)
    assert at.subheader[1].value == "In progress (12)"
    assert "The 10 due soonest; 2 more are due later." in [c.value for c in at.caption]
    assert len([b for b in at.button if b.label == "Open review"]) == 10
    at.toggle(key="review_inbox_show_all").set_value(True).run()
    assert len([b for b in at.button if b.label == "Open review"]) == 12


def test_reviews_due_soon_share_one_reminder(ui_uow, signed_in):
    hana = add_user(ui_uow, Role.RESEARCHER, "hana")
    at, priya = signed_in(Role.REVIEWER, "priya")
    for title in ("Tides of memory", "Quantum dots", "Seismic retrofit"):
        review_rounds.request_review_round(
            ui_uow, hana, build_application(ui_uow, hana, title=title), [priya.id], SOON, "Please look"
        )
    open_page(at, INBOX)
    assert len(at.warning) == 1
    assert at.warning[0].value.startswith("3 of your reviews are due soon: “")
    assert all(title in at.warning[0].value for title in ("Tides of memory", "Quantum dots", "Seismic retrofit"))


def test_the_lead_marks_ready_over_unready_sections_by_giving_a_reason(ui_uow, signed_in):
    at, hana = signed_in(Role.RESEARCHER, "hana")
    priya = add_user(ui_uow, Role.REVIEWER, "priya")
    app_id = build_application(ui_uow, hana, title="Tides of memory")
    comment_id = submitted_review(ui_uow, hana, priya, app_id)
    review_comments.resolve(ui_uow, hana, comment_id)
    open_page(at, TEAM)
    assert "is not marked ready" in "\n".join(m.value for m in at.markdown)
    assert any("What clears it: Its writer marks it ready" in c.value for c in at.caption)
    # From in review straight to ready: no detour through revising.
    at.segmented_control[0].set_value(S.READY).run()
    button(at, "Mark ready to submit").click().run()
    assert "give the reason" in at.error[0].value
    next(t for t in at.text_area if t.label == "Why the application is ready anyway").set_value("Signed off by the DVC")
    button(at, "Mark ready to submit").click().run()
    assert not at.exception and not at.error
    with ui_uow as session:
        assert session.get(Application, app_id).status == "ready"
    assert any("Why: Signed off by the DVC" in c.value for c in at.caption)


def test_the_team_answers_a_reviewers_no_on_the_page(lead_page, ui_uow):
    at, hana, priya, app_id = lead_page
    comment_id = submitted_review(
        ui_uow, hana, priya, app_id, answers={"plain": ("no", "Jargon"), "aims": ("yes", ""), "vm": ("yes", "")}
    )
    review_comments.resolve(ui_uow, hana, comment_id)
    open_page(at, TEAM)
    form = at.form(f"readiness_status_answer_{app_id}_plain")
    form.text_area[0].set_value("Rewrote the summary for a lay reader.")
    form.form_submit_button[0].click().run()
    assert not at.exception and not at.error
    assert "Ready to submit" in at.success[0].value
