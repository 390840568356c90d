"""The readiness gate as a pure rule: each kind of gap, named exactly."""

from research.domain.readiness import OpenThread, ReadinessFacts, ReviewerAnswers, SectionText, assess
from research.domain.template_spec import ChecklistItem, Limit, SharedLimit

SECTIONS = (
    SectionText("summary", "Summary", True, "A clear summary of the work.", Limit("words", 10)),
    SectionText("aims", "Aims", True, "Aim one. Aim two.", Limit("words", 50)),
    SectionText("vm", "Vision Mātauranga", False, ""),
)
CHECKLIST = (
    ChecklistItem("plain", "Plain summary"),
    ChecklistItem("aims", "Clear aims"),
    ChecklistItem("vm", "VM addressed", required=False),
)
ALL_YES = ReviewerAnswers("Reviewer A", {"plain": ("yes", ""), "aims": ("na", "Only one aim is expected")})


def facts(**changes) -> ReadinessFacts:
    base = dict(sections=SECTIONS, checklist=CHECKLIST, reviewed_round=1, responses=(ALL_YES,))
    return ReadinessFacts(**{**base, **changes})


def messages(result) -> list[str]:
    return [g.message for g in result.gaps]


def test_a_complete_application_is_ready():
    result = assess(facts())
    assert result.ready and result.gaps == ()


def test_an_empty_required_section_is_missing_but_an_optional_one_is_not():
    sections = (SECTIONS[0], SectionText("aims", "Aims", True, "  \n\n**  **"), SECTIONS[2])
    assert messages(assess(facts(sections=sections))) == ["“Aims” has no text yet."]


def test_a_section_over_its_limit_is_named_with_its_count():
    long = SectionText("summary", "Summary", True, " ".join(["word"] * 11), Limit("words", 10))
    assert messages(assess(facts(sections=(long, *SECTIONS[1:])))) == ["“Summary” is over its limit: 11 / 10 words."]


def test_a_shared_limit_must_hold_even_when_each_section_is_within_its_own():
    shared = SharedLimit("core", "Summary and aims", ("summary", "aims", "gone"), Limit("words", 8))
    result = assess(facts(shared_limits=(shared,)))
    assert messages(result) == ["“Summary and aims” together are over their limit: 10 / 8 words."]
    assert result.gaps[0].area == "Shared limits"


def test_without_a_submitted_review_the_checklist_is_unanswered():
    assert messages(assess(facts(reviewed_round=None, responses=()))) == [
        "No reviewer has submitted a review yet, so the checklist is unanswered."
    ]


def test_a_template_without_required_items_needs_no_review():
    assert assess(facts(checklist=(CHECKLIST[2],), reviewed_round=None, responses=())).ready


def test_each_reviewer_must_answer_each_required_item_yes_or_not_applicable_with_a_reason():
    second = ReviewerAnswers(
        "Reviewer B", {"plain": ("no", "Too much jargon in the opening line of it all"), "aims": ("na", "  ")}
    )
    third = ReviewerAnswers("Reviewer C", {"aims": ("yes", "")})
    result = assess(facts(reviewed_round=2, responses=(ALL_YES, second, third)))
    assert messages(result) == [
        "“Plain summary”: Reviewer B answered no — “Too much jargon in the opening line of it all” (round 2).",
        "“Plain summary”: Reviewer C did not answer it (round 2).",
        "“Clear aims”: Reviewer B marked it not applicable without a reason (round 2).",
    ]


def test_long_notes_are_cut_short():
    answer = ReviewerAnswers("Reviewer A", {"plain": ("no", "x " * 80), "aims": ("yes", "")})
    message = messages(assess(facts(responses=(answer,))))[0]
    assert message.endswith("…” (round 1).") and len(message) < 120


def test_every_open_comment_is_listed():
    threads = (OpenThread("Summary", "Reviewer A", "Say who benefits."), OpenThread("Aims", "Dr Kim", "Too broad"))
    result = assess(facts(open_threads=threads))
    assert messages(result) == [
        "A comment on “Summary” by Reviewer A is open: “Say who benefits.”",
        "A comment on “Aims” by Dr Kim is open: “Too broad”",
    ]
    assert {g.area for g in result.gaps} == {"Comments"}


def test_all_gaps_are_listed_together_in_order():
    empty = SectionText("summary", "Summary", True, "")
    result = assess(
        facts(
            sections=(empty, SECTIONS[1]),
            reviewed_round=None,
            responses=(),
            open_threads=(OpenThread("Aims", "X", "?"),),
        )
    )
    assert [g.area for g in result.gaps] == ["Sections", "Checklist", "Comments"]


def test_an_application_without_sections_is_not_ready():
    assert messages(assess(facts(sections=(), checklist=()))) == ["The application has no sections yet."]
