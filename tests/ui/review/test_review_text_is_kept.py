"""Comments, replies, review summaries and review briefs survive a refusal, a rerun and a page reload.

A refused send keeps the text on the page and as the writer's draft (server-side); a fresh session
(what a reload is) starts from that draft; a send that goes through clears it.
"""

import json
from datetime import date, timedelta

from sqlalchemy import func, select

from research.db.models import Comment, FormDraft, ReviewRound
from research.domain.errors import DatabaseBusy
from research.services.review import comments as review_comments
from research.services.review import lifecycle
from tests.review_builders import section_ids
from tests.ui.conftest import new_app
from tests.ui.review.test_review_pages import (  # noqa: F401 (fixtures)
    REVIEW,
    TEAM,
    accepted,
    button,
    invited,
    lead_page,
    open_page,
    submitted_review,
)

LONG = "A long and careful comment. " * 40


def count(uow, model) -> int:
    with uow as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_refused_review_comment_keeps_its_text_through_a_rerun_and_a_reload(invited, ui_uow):  # noqa: F811
    at, _, _, app_id, _ = accepted(invited, ui_uow)
    summary = section_ids(ui_uow, app_id)["summary"]
    open_page(at, REVIEW)
    form = at.form(f"review_work_comment_form_{summary}")
    form.text_area[0].set_value(LONG)
    form.text_input[0].set_value("not in the text")
    form.form_submit_button[0].click().run()
    assert count(ui_uow, Comment) == 0
    assert any(
        "Quoted passage: does not appear" in e.value for e in at.form(f"review_work_comment_form_{summary}").error
    )
    assert at.text_area(key=f"review_work_comment_body_{summary}").value == LONG
    assert at.text_input(key=f"review_work_comment_quote_{summary}").value == "not in the text"
    at.run()  # a rerun
    assert at.text_area(key=f"review_work_comment_body_{summary}").value == LONG

    again = open_page(new_app(), REVIEW)  # a reload: a new session, nothing in session state
    assert again.text_area(key=f"review_work_comment_body_{summary}").value == LONG
    again.text_input(key=f"review_work_comment_quote_{summary}").set_value("every reader")
    again.form(f"review_work_comment_form_{summary}").form_submit_button[0].click().run()
    assert count(ui_uow, Comment) == 1 and count(ui_uow, FormDraft) == 0  # sent: the draft is gone
    assert open_page(new_app(), REVIEW).text_area(key=f"review_work_comment_body_{summary}").value == ""


def test_a_refused_review_keeps_its_summary_through_a_reload(invited, ui_uow):  # noqa: F811
    at, _, _, _, review_id = accepted(invited, ui_uow)
    open_page(at, REVIEW)
    at.text_area(key=f"review_work_summary_{review_id}").set_value(LONG)
    button(at, "Submit review").click().run()
    assert "recommendation: choose one" in at.error[0].value
    assert at.text_area(key=f"review_work_summary_{review_id}").value == LONG
    again = open_page(new_app(), REVIEW)
    assert again.text_area(key=f"review_work_summary_{review_id}").value == LONG


def test_a_refused_brief_keeps_the_reviewers_the_date_and_the_text(lead_page, ui_uow):  # noqa: F811
    at, _, priya, app_id = lead_page
    open_page(at, TEAM)
    past = date.today() - timedelta(days=3)
    at.multiselect[0].select(priya.id)
    at.date_input[0].set_value(past)
    at.text_area[0].set_value(LONG)
    button(at, "Request review").click().run()
    assert count(ui_uow, ReviewRound) == 0
    assert any("has passed" in e.value for e in at.error)
    assert at.multiselect[0].value == [priya.id] and at.date_input[0].value == past and at.text_area[0].value == LONG
    at.run()
    assert at.text_area[0].value == LONG
    again = open_page(new_app(), TEAM)
    assert again.text_area[0].value == LONG


def test_a_refused_reply_keeps_its_text_through_a_reload(lead_page, ui_uow, monkeypatch):  # noqa: F811
    at, hana, priya, app_id = lead_page
    comment_id = submitted_review(ui_uow, hana, priya, app_id)
    lifecycle.move_application(ui_uow, hana, app_id, "revising")
    open_page(at, TEAM)
    before = count(ui_uow, Comment)
    key = f"section_comments_reply_text_{comment_id}"

    sent_for_real = review_comments.reply

    def busy(*args, **kwargs):
        raise DatabaseBusy

    monkeypatch.setattr(review_comments, "reply", busy)  # the workspace is busy: the reply is refused
    at.text_input(key=key).set_value("Added a sentence on who benefits.")
    at.form(f"section_comments_reply_form_{comment_id}").form_submit_button[0].click().run()
    assert any("busy" in e.value for e in at.error)
    assert at.text_input(key=key).value == "Added a sentence on who benefits."
    assert count(ui_uow, Comment) == before
    monkeypatch.setattr(review_comments, "reply", sent_for_real)
    again = open_page(new_app(), TEAM)
    assert again.text_input(key=key).value == "Added a sentence on who benefits."
    again.form(f"section_comments_reply_form_{comment_id}").form_submit_button[0].click().run()
    assert count(ui_uow, Comment) == before + 1 and count(ui_uow, FormDraft) == 0


def test_a_refused_team_comment_keeps_its_text_through_a_reload(lead_page, ui_uow):  # noqa: F811
    at, hana, _, app_id = lead_page
    summary = section_ids(ui_uow, app_id)["summary"]
    open_page(at, TEAM)
    before = count(ui_uow, Comment)
    form = at.form(f"section_comments_new_{summary}")
    form.text_area[0].set_value(LONG)
    form.text_input[0].set_value("words that are not there")
    form.form_submit_button[0].click().run()
    assert any("Quoted passage: does not appear" in e.value for e in at.form(f"section_comments_new_{summary}").error)
    assert count(ui_uow, Comment) == before
    assert at.text_area(key=f"section_comments_new_body_{summary}").value == LONG
    again = open_page(new_app(), TEAM)
    assert again.text_area(key=f"section_comments_new_body_{summary}").value == LONG
    assert again.text_input(key=f"section_comments_new_quote_{summary}").value == "words that are not there"


def keepers(at) -> dict[str, str]:
    """{kept field key: form id} of every draft keeper on the page (the browser saves those as typed)."""
    found = {}
    for element in at.get("bidi_component"):
        if element.proto.component_name == "research_draft_keeper":
            found[json.loads(element.proto.json)["key"]] = element.proto.form_id
    return found


def test_the_teams_comments_replies_and_brief_are_saved_as_typed_in_their_own_forms(lead_page, ui_uow):  # noqa: F811
    """Each field has a keeper naming it, inside the field's own form: the browser sends the text
    to /drafts/<its key> while it is typed, before the form is ever submitted."""
    at, hana, priya, app_id = lead_page
    comment_id = submitted_review(ui_uow, hana, priya, app_id)
    lifecycle.move_application(ui_uow, hana, app_id, "revising")
    summary = section_ids(ui_uow, app_id)["summary"]
    kept = keepers(open_page(at, TEAM))
    for key, widgets in (
        (f"section_comments_reply_text_{comment_id}", at.text_input),
        (f"section_comments_new_body_{summary}", at.text_area),
        (f"section_comments_new_quote_{summary}", at.text_input),
    ):
        assert kept[key] == widgets(key=key).form_id != ""
    briefs = [key for key in kept if key.startswith("review_team_brief_")]
    assert briefs and all(kept[key] == at.text_area(key=key).form_id != "" for key in briefs)


def test_the_reviewers_comment_and_summary_are_saved_as_typed_in_their_own_forms(invited, ui_uow):  # noqa: F811
    at, _, _, app_id, review_id = accepted(invited, ui_uow)
    summary = section_ids(ui_uow, app_id)["summary"]
    kept = keepers(open_page(at, REVIEW))
    for key in (f"review_work_summary_{review_id}", f"review_work_comment_body_{summary}"):
        assert kept[key] == at.text_area(key=key).form_id != ""
