"""Readable diffs between revisions, and due dates in working days."""

from datetime import date

from research.domain.revision_diff import change_summary, diff_text
from research.domain.working_days import working_days_before


def test_a_one_word_change_shows_as_one_changed_sentence():
    old = "We will survey schools. The trial runs for two years. Results go to parents."
    new = "We will survey schools. The trial runs for three years. Results go to parents."
    diff = diff_text(old, new, "r1", "r2")
    assert diff.splitlines()[:2] == ["--- r1", "+++ r2"]
    assert "-The trial runs for two years." in diff and "+The trial runs for three years." in diff
    assert "-We will survey schools." not in diff


def test_identical_texts_have_no_diff():
    assert diff_text("same", "same", "a", "b") == ""


def test_change_summary_counts_words_added_and_removed():
    assert change_summary("a b c", "a x c d") == "+2 / -1 words"


def test_working_days_skip_weekends():
    friday = date(2026, 3, 13)
    assert working_days_before(friday, 1) == date(2026, 3, 12)
    assert working_days_before(friday, 5) == date(2026, 3, 6)
    monday = date(2026, 3, 16)
    assert working_days_before(monday, 1) == friday


def test_working_days_skip_given_holidays():
    assert working_days_before(date(2026, 2, 9), 1, frozenset({date(2026, 2, 6)})) == date(2026, 2, 5)


def test_zero_working_days_is_the_day_itself():
    assert working_days_before(date(2026, 2, 9), 0) == date(2026, 2, 9)
