"""The reviewer's side: the frozen draft with their comments, and the checklist and rubric form."""

from __future__ import annotations

import streamlit as st

from research.domain.reviewing import ANSWERS, RECOMMENDATIONS, ReviewContent
from research.domain.round_values import format_moment
from research.domain.section_rules import is_empty
from research.services.common.actor import Actor
from research.services.review import comments as review_comments
from research.services.review import reviewing
from research.services.review.comments import MAX_BODY, MAX_QUOTE, CommentView
from research.services.review.reviewing import ChecklistLine, CriterionLine, ReviewWork
from research.ui import deps
from research.ui.components.common.form_fields import FieldErrors
from research.ui.components.common.kept_text import kept_text, send_kept
from research.ui.components.common.user_markdown import user_markdown
from research.ui.components.review.review_common import day
from research.ui.feedback import attempt, succeeded

KEY = "review_work"
CHOICES = list(ANSWERS)


def snapshot_with_comments(actor: Actor, work: ReviewWork) -> None:
    """Each section as the round froze it, read-only, with the reviewer's own comments on it."""
    mine = attempt(lambda: review_comments.my_review_comments(deps.uow(), actor, work.review_id)) or []
    for section in work.sections:
        with st.container(border=True, key=f"{KEY}_section_{section.section_id}"):
            st.subheader(section.title)
            st.caption(
                f"{section.size}{' — over the limit' if section.over_limit else ''}"
                f"{'' if section.required else ' · optional section'}"
            )
            if not is_empty(section.body):
                user_markdown(section.body)
            else:
                st.caption("(This section was empty when the draft was sent for review.)")
            for comment in (c for c in mine if c.section_id == section.section_id):
                _my_comment(actor, comment, work.locked)
            if not work.locked:
                _comment_form(actor, work.review_id, section.section_id)


def _my_comment(actor: Actor, comment: CommentView, locked: bool) -> None:
    with st.container(border=True, key=f"{KEY}_comment_{comment.id}"):
        if comment.quote:
            st.caption("Quoting:")
            st.text(comment.quote)
        user_markdown(comment.body)
        st.caption(f"Your comment · {format_moment(comment.created_at, actor.timezone, False)}")
        if (
            not locked
            and st.button("Remove", key=f"{KEY}_remove_{comment.id}", icon=":material/delete:")
            and succeeded(
                lambda: review_comments.delete_review_comment(deps.uow(), actor, comment.id), "Comment removed."
            )
        ):
            st.rerun()


def _comment_form(actor: Actor, review_id: int, section_id: int) -> None:
    body_key, quote_key = f"{KEY}_comment_body_{section_id}", f"{KEY}_comment_quote_{section_id}"
    with (
        st.expander("Comment on this section", icon=":material/add_comment:"),
        st.form(f"{KEY}_comment_form_{section_id}", border=False),
    ):
        errors = FieldErrors()
        body = kept_text(actor, body_key, "Comment", height=80, max_chars=MAX_BODY)
        errors.under("comment")
        quote = kept_text(
            actor,
            quote_key,
            "Quote a passage (optional)",
            single_line=True,
            max_chars=MAX_QUOTE,
            help="Copy the words you mean from the text above.",
        )
        errors.under("quoted passage")
        if st.form_submit_button("Add comment", icon=":material/add_comment:") and send_kept(
            actor,
            [body_key, quote_key],
            lambda: review_comments.add_review_comment(deps.uow(), actor, review_id, section_id, body, quote),
            "Comment added.",
            fields=errors,
        ):
            st.rerun()


def review_form(actor: Actor, work: ReviewWork) -> None:
    """Checklist, rubric, recommendation and summary; saved as a draft or submitted (then locked)."""
    with st.form(f"{KEY}_form_{work.review_id}", border=True):
        st.subheader("Checklist")
        answers = {line.key: _checklist_line(work.review_id, line) for line in work.checklist}
        if not work.checklist:
            st.caption("This template has no checklist.")
        st.subheader("Rubric")
        scores = {line.criterion.key: _criterion_line(work.review_id, line) for line in work.criteria}
        if not work.criteria:
            st.caption("This template has no rubric.")
        st.subheader("Your verdict")
        recommendation = st.selectbox(
            "Recommendation",
            RECOMMENDATIONS,
            key=f"{KEY}_recommendation_{work.review_id}",
            index=RECOMMENDATIONS.index(work.recommendation) if work.recommendation in RECOMMENDATIONS else None,
            placeholder="Choose a recommendation",
        )
        summary_key = f"{KEY}_summary_{work.review_id}"
        summary = kept_text(actor, summary_key, "Summary for the team", value=work.summary)
        content = ReviewContent(answers, scores, recommendation, summary)
        save, submit = st.columns(2)
        if save.form_submit_button("Save draft", icon=":material/save:") and send_kept(
            actor,
            [summary_key],
            lambda: reviewing.save_review(deps.uow(), actor, work.review_id, content),
            "Draft saved.",
        ):
            st.rerun()
        if submit.form_submit_button("Submit review", type="primary", icon=":material/send:") and send_kept(
            actor,
            [summary_key],
            lambda: reviewing.submit_review(deps.uow(), actor, work.review_id, content),
            "Review submitted. Thank you!",
        ):
            st.rerun()
        st.caption("Once submitted, your review and comments are locked and the team can see them.")


def _checklist_line(review_id: int, line: ChecklistLine) -> tuple[str, str]:
    label = line.text + ("" if line.required else " (optional)")
    answer = st.radio(
        label,
        CHOICES,
        format_func=ANSWERS.__getitem__,
        horizontal=True,
        key=f"{KEY}_answer_{review_id}_{line.key}",
        index=CHOICES.index(line.answer) if line.answer in CHOICES else None,
    )
    note = st.text_input(
        "Note",
        value=line.note,
        key=f"{KEY}_note_{review_id}_{line.key}",
        placeholder="Note (needed for no or not applicable)",
        label_visibility="collapsed",
    )
    return answer or "", note


def _criterion_line(review_id: int, line: CriterionLine):
    criterion, key = line.criterion, f"{KEY}_score_{review_id}_{line.criterion.key}"
    help_text = line.scale_text + (f"\n\n{criterion.guidance}" if criterion.guidance else "")
    if not criterion.scale.is_numeric:
        ratings = list(criterion.scale.ratings)
        return st.radio(
            criterion.title,
            ratings,
            horizontal=True,
            key=key,
            help=help_text,
            index=ratings.index(line.value) if isinstance(line.value, str) and line.value in ratings else None,
        )
    scale = criterion.scale
    return st.number_input(
        criterion.title,
        min_value=float(scale.min),
        max_value=float(scale.max),
        step=float(scale.step),
        value=None if line.value is None else float(line.value),
        key=key,
        help=help_text,
        placeholder=f"{scale.min:g} to {scale.max:g}",
    )


def review_readonly(actor: Actor, work: ReviewWork) -> None:
    """A submitted (or closed) review, as it stands."""
    if work.submitted_at:
        st.success(
            f"Submitted {format_moment(work.submitted_at, actor.timezone, False)}. Your review is locked.",
            icon=":material/lock:",
        )
    else:
        st.warning(
            f"Round {work.round_number} has closed; this review can no longer be changed.", icon=":material/lock:"
        )
    for line in work.checklist:
        st.markdown(f"**{ANSWERS.get(line.answer, '—')}** — {line.text}")
        if line.note:
            st.caption(line.note)
    for scored in work.criteria:
        value = scored.value
        shown = "—" if value is None else value if isinstance(value, str) else f"{float(value):g}"
        verdict = "" if scored.passes is None else " · meets the bar" if scored.passes else " · below the bar"
        st.markdown(f"{scored.criterion.title}: **{shown}**{verdict}")
    if work.overall is not None:
        st.metric(
            "Overall (weighted)",
            f"{work.overall:g}",
            help=f"Pass mark {work.overall_threshold:g}" if work.overall_threshold is not None else None,
        )
    st.markdown(f"**Recommendation:** {work.recommendation or '—'}")
    st.markdown("**Summary:**")
    st.text(work.summary or "—")


def review_header(work: ReviewWork) -> None:
    state = "submitted" if work.submitted_at else "closed" if work.locked else f"due {day(work.due_on)}"
    st.markdown(f"**{work.application_title}** · review round {work.round_number} · {state}")
    if work.message:
        st.info(work.message, icon=":material/chat:")
