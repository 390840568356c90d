"""The outbox and its worker against a real SMTP server: bodies, headers, retries, crashes, the lock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from research.config import MailSettings
from research.domain.clock import as_utc
from research.domain.notify import MAX_ATTEMPTS, RETRY_DELAYS
from research.domain.roles import Role
from research.services.accounts.users import set_active
from research.services.notify import sending
from research.services.notify.lock import pass_lock
from research.services.notify.preferences import set_preference
from research.services.review import rounds as review_rounds
from tests.integration.notify.conftest import APP_URL, html_part, text_part
from tests.integration.notify.helpers import MONDAY, at, notices_of, notify_pass, outbox
from tests.review_builders import build_application
from tests.service_people import staff

DUE = MONDAY + timedelta(days=20)


@pytest.fixture
def invited(uow, make_actor, with_email):
    lead, reviewer = make_actor(Role.RESEARCHER, "hana"), make_actor(Role.REVIEWER, "priya")
    with_email(lead)
    address = with_email(reviewer)
    set_preference(uow, reviewer, "review_invitation", "immediate")
    app_id = build_application(uow, lead)
    review_rounds.request_review_round(uow, lead, app_id, [reviewer.id], DUE, today=MONDAY)
    return dict(lead=lead, reviewer=reviewer, address=address, app_id=app_id)


def test_an_invitation_writes_its_outbox_row_with_the_event(uow, invited):
    rows = outbox(uow)
    assert [(r.to_address, r.kind, r.status) for r in rows] == [(invited["address"], "review_invitation", "pending")]
    assert len(notices_of(uow, invited["reviewer"].id, "review_invitation")) == 1


def test_an_event_that_fails_after_its_mail_was_written_leaves_no_mail(uow, invited, make_actor, monkeypatch):
    second = make_actor(Role.REVIEWER, "james")
    set_preference(uow, second, "review_invitation", "immediate")

    def audit_fails(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(review_rounds, "record", audit_fails)  # runs after the invitation was published
    with pytest.raises(RuntimeError):
        review_rounds.invite_reviewers(uow, invited["lead"], invited["app_id"], [second.id], DUE, MONDAY)
    assert len(outbox(uow)) == 1 and notices_of(uow, second.id) == []


def test_the_worker_sends_text_and_html_with_link_footer_and_one_click_unsubscribe(uow, invited, smtp):
    inbox, mail = smtp
    report = notify_pass(uow, mail)
    assert report.sending.sent == 1
    [message] = inbox.to(invited["address"])
    row = outbox(uow)[0]
    assert row.status == "sent" and message["Message-ID"] == row.message_id
    assert message["Subject"].startswith("Review invitation:")
    assert message["List-Unsubscribe"] == f"<{row.unsubscribe_url}>"
    assert row.unsubscribe_url.startswith(f"{APP_URL}/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = text_part(message), html_part(message)
    assert f"{APP_URL}/review_inbox_page" in text and f'href="{APP_URL}/review_inbox_page"' in html
    assert "Review invitations" in text and "Immediately" in text  # why they got it
    assert notify_pass(uow, mail, hour=9).sending.sent == 0  # never twice


def test_html_escapes_what_users_wrote(uow, make_actor, with_email, smtp):
    lead, reviewer = make_actor(Role.RESEARCHER), make_actor(Role.REVIEWER)
    address = with_email(reviewer)
    set_preference(uow, reviewer, "review_invitation", "immediate")
    app_id = build_application(uow, lead, title="<script>alert(1)</script> study")
    review_rounds.request_review_round(uow, lead, app_id, [reviewer.id], DUE, today=MONDAY)
    inbox, mail = smtp
    notify_pass(uow, mail)
    html = html_part(inbox.to(address)[0])
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_refusing_server_means_retries_with_backoff_then_delivery(uow, invited, smtp):
    inbox, mail = smtp
    inbox.refuse = 2
    first = notify_pass(uow, mail)
    row = outbox(uow)[0]
    assert first.sending.failed == 1 and row.status == "pending" and row.attempts == 1 and "451" in row.last_error
    assert as_utc(row.next_attempt_at) == at(MONDAY) + RETRY_DELAYS[0]
    assert notify_pass(uow, mail, hour=8).sending.sent == 0  # not due again yet: nothing tried
    assert outbox(uow)[0].attempts == 1
    notify_pass(uow, mail, hour=9)  # refused a second time
    assert outbox(uow)[0].attempts == 2 and inbox.messages == []
    assert notify_pass(uow, mail, hour=11).sending.sent == 1
    assert [m["Message-ID"] for m in inbox.messages] == [row.message_id]
    assert outbox(uow)[0].status == "sent"


def test_a_message_is_given_up_after_the_last_attempt(uow, invited, smtp):
    inbox, mail = smtp
    inbox.refuse = 100
    for hour in range(8, 20):
        notify_pass(uow, mail, hour=hour)
    row = outbox(uow)[0]
    assert row.status == "failed" and row.attempts == MAX_ATTEMPTS and inbox.messages == []


def test_a_crash_between_send_and_mark_resends_the_same_message_id_once(uow, invited, smtp, monkeypatch):
    inbox, mail = smtp
    real_mark = sending.mark_sent

    def crash(*args):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(sending, "mark_sent", crash)
    with pytest.raises(KeyboardInterrupt):
        notify_pass(uow, mail)
    monkeypatch.setattr(sending, "mark_sent", real_mark)
    assert notify_pass(uow, mail, hour=8).sending.sent == 0  # claimed: not sent again at once
    assert notify_pass(uow, mail, hour=9).sending.sent == 1
    assert notify_pass(uow, mail, hour=10).sending.sent == 0
    ids = [m["Message-ID"] for m in inbox.messages]
    assert ids == [outbox(uow)[0].message_id] * 2 and outbox(uow)[0].status == "sent"


def test_a_message_to_an_account_deactivated_before_it_went_is_not_sent(uow, invited, smtp):
    inbox, mail = smtp
    set_active(uow, staff(uow, Role.ADMIN), invited["reviewer"].id, False)
    assert notify_pass(uow, mail, dry_run=True).sending.would_send == []
    assert notify_pass(uow, mail).sending.sent == 0
    row = outbox(uow)[0]
    assert inbox.messages == [] and row.status == "failed" and "deactivated" in row.last_error


def test_without_smtp_nothing_is_sent_and_notices_still_work(uow, invited, smtp):
    inbox, _ = smtp
    report = notify_pass(uow, MailSettings())
    assert report.mail_enabled is False and inbox.messages == []
    assert outbox(uow)[0].status == "pending"
    assert len(notices_of(uow, invited["reviewer"].id)) == 1


def test_dry_run_lists_what_would_go_and_changes_nothing(uow, invited, smtp):
    inbox, mail = smtp
    report = notify_pass(uow, mail, dry_run=True)
    assert report.sending.would_send == [f"to {invited['address']} [review_invitation] {outbox(uow)[0].subject}"]
    assert inbox.messages == [] and outbox(uow)[0].status == "pending"


def test_one_pass_at_a_time(uow, invited, smtp):
    inbox, mail = smtp
    with pass_lock(uow.engine) as held:
        assert held
        assert notify_pass(uow, mail).ran is False
    assert inbox.messages == []
    assert notify_pass(uow, mail).sending.sent == 1
