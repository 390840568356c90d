"""A section's comment threads, with reply, resolve and reopen, for the team.

Use it wherever the team works on a section (the editor, Review & readiness):

    section_comments(actor, application_id, section_id)

Comments are user text: shown as Markdown, never as HTML.
"""

from __future__ import annotations

import streamlit as st

from research.domain.round_values import format_moment
from research.services.common.actor import Actor
from research.services.review import comments as review_comments
from research.services.review.comments import MAX_BODY, MAX_QUOTE, CommentView
from research.ui import deps
from research.ui.components.common.form_fields import FieldErrors
from research.ui.components.common.kept_text import kept_text, send_kept
from research.ui.components.common.user_markdown import user_markdown
from research.ui.feedback import attempt, succeeded

KEY = "section_comments"


def section_comments(
    actor: Actor, application_id: int, section_id: int, *, open_only: bool = False, allow_new: bool = True
) -> None:
    threads = attempt(lambda: review_comments.section_threads(deps.uow(), actor, application_id, section_id, open_only))
    if threads is None:
        return
    open_threads = [t for t in threads if not t.resolved]
    resolved = [t for t in threads if t.resolved]
    if not threads:
        st.caption("No comments on this section.")
    for thread in open_threads:
        _thread(actor, thread)
    if resolved:
        with st.expander(f"{len(resolved)} resolved comment{'s' if len(resolved) != 1 else ''}"):
            for thread in resolved:
                _thread(actor, thread)
    if allow_new:
        _new_comment(actor, application_id, section_id)


def _thread(actor: Actor, thread: CommentView) -> None:
    with st.container(border=True, key=f"{KEY}_thread_{thread.id}"):
        _comment(actor, thread)
        for answer in thread.replies:
            with st.container(key=f"{KEY}_reply_{answer.id}"):
                _comment(actor, answer, indent=True)
        if thread.resolved:
            st.caption(f"Resolved by {thread.resolved_by}.")
            if st.button("Reopen", key=f"{KEY}_reopen_{thread.id}", icon=":material/undo:") and succeeded(
                lambda: review_comments.reopen(deps.uow(), actor, thread.id), "Comment reopened."
            ):
                st.rerun()
            return
        _reply_form(actor, thread)


def _comment(actor: Actor, comment: CommentView, indent: bool = False) -> None:
    origin = f" · review round {comment.round_number}" if comment.round_number else ""
    prefix = "↳ " if indent else ""
    st.markdown(f"{prefix}**{comment.author}** · {format_moment(comment.created_at, actor.timezone, False)}{origin}")
    if comment.quote:
        st.caption("Quoting:")
        st.text(comment.quote)
    user_markdown(comment.body)


def _reply_form(actor: Actor, thread: CommentView) -> None:
    with st.form(f"{KEY}_reply_form_{thread.id}", border=False):
        key = f"{KEY}_reply_text_{thread.id}"
        text = kept_text(actor, key, "Reply", single_line=True, placeholder="Reply to this comment", max_chars=MAX_BODY)
        send, resolve = st.columns(2)
        if send.form_submit_button("Send reply", icon=":material/reply:") and send_kept(
            actor, [key], lambda: review_comments.reply(deps.uow(), actor, thread.id, text), "Reply sent."
        ):
            st.rerun()
        if resolve.form_submit_button("Resolve", icon=":material/check:") and send_kept(
            actor, [key], lambda: review_comments.resolve(deps.uow(), actor, thread.id, text), "Comment resolved."
        ):
            st.rerun()


def _new_comment(actor: Actor, application_id: int, section_id: int) -> None:
    body_key, quote_key = f"{KEY}_new_body_{section_id}", f"{KEY}_new_quote_{section_id}"
    with (
        st.popover("New comment", icon=":material/add_comment:"),
        st.form(f"{KEY}_new_{section_id}", border=False),
    ):
        errors = FieldErrors()
        body = kept_text(actor, body_key, "Comment", max_chars=MAX_BODY)
        errors.under("comment")
        quote = kept_text(actor, quote_key, "Quote a passage (optional)", single_line=True, max_chars=MAX_QUOTE)
        errors.under("quoted passage")
        if st.form_submit_button("Add comment") and send_kept(
            actor,
            [body_key, quote_key],
            lambda: review_comments.add_comment(deps.uow(), actor, application_id, section_id, body, quote),
            "Comment added.",
            fields=errors,
        ):
            st.rerun()
