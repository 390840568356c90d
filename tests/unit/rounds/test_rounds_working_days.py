"""Internal deadlines counted back from a round's close: weekends and NZ public holidays skipped."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from research.adapters.public_holidays import NZ_HOLIDAYS
from research.domain.errors import Problem
from research.domain.round_rules import DEFAULT_OFFSETS, check_offsets, milestones
from research.domain.working_days import is_working_day, working_days_before

NZ = ZoneInfo("Pacific/Auckland")


def nz(*args) -> datetime:
    return datetime(*args, tzinfo=NZ).astimezone(UTC)


def due_dates(closes: datetime, offsets=None) -> dict[str, datetime]:
    return {m.kind: m.due_at.astimezone(NZ) for m in milestones(closes, "Pacific/Auckland", offsets, NZ_HOLIDAYS)}


def test_weekends_are_skipped():
    # Monday 2 March 2026: one working day before is Friday 27 February.
    assert working_days_before(date(2026, 3, 2), 1, set()) == date(2026, 2, 27)
    assert working_days_before(date(2026, 3, 2), 5, set()) == date(2026, 2, 23)


def test_zero_days_is_the_day_itself_even_on_a_weekend():
    assert working_days_before(date(2026, 2, 28), 0, set()) == date(2026, 2, 28)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        working_days_before(date(2026, 2, 28), -1, set())


def test_the_library_knows_new_zealand_holidays():
    assert date(2023, 2, 6) in NZ_HOLIDAYS  # Waitangi Day
    assert date(2026, 4, 27) in NZ_HOLIDAYS  # Anzac Day observed (the 25th is a Saturday)
    assert date(2026, 7, 10) in NZ_HOLIDAYS  # Matariki
    assert date(2026, 4, 28) not in NZ_HOLIDAYS
    assert not is_working_day(date(2023, 2, 6), NZ_HOLIDAYS)
    assert NZ_HOLIDAYS.name(date(2023, 2, 6)) == "Waitangi Day"


def test_marsden_2023_milestones_skip_waitangi_day():
    # EOIs closed at noon on Monday 20 February 2023; Monday 6 February was Waitangi Day.
    due = due_dates(nz(2023, 2, 20, 12, 0))
    assert due["intent"] == datetime(2023, 2, 3, 12, 0, tzinfo=NZ)  # 10 working days, not the 6th
    assert due["draft"] == datetime(2023, 2, 13, 12, 0, tzinfo=NZ)
    assert due["signoff"] == datetime(2023, 2, 16, 12, 0, tzinfo=NZ)


def test_easter_is_skipped():
    # Tuesday 7 April 2026: Easter Monday (6th) and Good Friday (3rd) are holidays.
    due = due_dates(nz(2026, 4, 7, 17, 0), {"intent": 10, "draft": 5, "signoff": 2})
    assert due["signoff"].date() == date(2026, 4, 1)
    assert due["draft"].date() == date(2026, 3, 27)


def test_christmas_and_new_year_are_skipped():
    # Friday 8 January 2027, counted back: Thu 7 (1), Wed 6 (2), Tue 5 (3); Mon 4 Jan is the observed
    # day after New Year's Day and Fri 1 Jan a holiday; Thu 31 Dec (4), Wed 30 (5), Tue 29 (6);
    # Mon 28 Dec (Boxing Day observed) and Fri 25 skipped; Thu 24 (7), Wed 23 (8), Tue 22 (9), Mon 21 (10).
    due = due_dates(nz(2027, 1, 8, 12, 0))
    assert due["signoff"].date() == date(2027, 1, 6)
    assert due["draft"].date() == date(2026, 12, 30)
    assert due["intent"].date() == date(2026, 12, 21)


def test_milestones_keep_the_wall_time_across_a_daylight_saving_change():
    # NZ daylight saving starts 27 September 2026; a close at 10:00 NZDT on 1 October.
    due = due_dates(nz(2026, 10, 1, 10, 0))
    assert due["intent"] == datetime(2026, 9, 17, 10, 0, tzinfo=NZ)  # NZST that day
    assert due["intent"].utcoffset().total_seconds() == 12 * 3600
    assert due["signoff"].utcoffset().total_seconds() == 13 * 3600


def test_milestones_come_in_date_order_with_labels():
    found = milestones(nz(2026, 3, 2, 12, 0), "Pacific/Auckland", None, NZ_HOLIDAYS)
    assert [m.label for m in found] == ["Intent to apply", "Full draft for review", "Final sign-off"]
    assert [m.working_days_before for m in found] == [10, 5, 2]


def test_a_manager_can_set_other_offsets():
    due = due_dates(nz(2026, 3, 2, 12, 0), {"intent": 20, "draft": 8, "signoff": 3})
    assert due["intent"].date() == date(2026, 1, 30)  # 20 working days back, skipping Waitangi Day (6 Feb)
    assert due["draft"].date() == date(2026, 2, 18)
    assert due["signoff"].date() == date(2026, 2, 25)


def test_round_zone_decides_the_working_day():
    # 23:00 UTC on Sunday is Monday noon in Auckland: the round's own zone counts.
    closes = datetime(2023, 2, 19, 23, 0, tzinfo=UTC)
    assert due_dates(closes)["signoff"].date() == date(2023, 2, 16)


@pytest.mark.parametrize(
    ("offsets", "where"),
    [
        ({"intent": -1}, "Intent to apply"),
        ({"draft": 121}, "Full draft for review"),
        ({"signoff": "2"}, "Final sign-off"),
        ({"intent": 3, "draft": 5}, "Full draft for review"),
        ({"draft": 1, "signoff": 2}, "Final sign-off"),
    ],
)
def test_bad_offsets_are_named(offsets, where):
    problems = check_offsets(offsets)
    assert problems and problems[0].where == where


def test_default_offsets_are_10_5_2_and_valid():
    assert DEFAULT_OFFSETS == {"intent": 10, "draft": 5, "signoff": 2}
    assert check_offsets(DEFAULT_OFFSETS) == []
    assert check_offsets({"review": 3}) == [Problem("review", "is not a milestone")]


def test_a_milestone_at_a_wall_time_the_clocks_skip_moves_an_hour_later():
    # Jerusalem's clocks go forward at 02:00 on Friday 27 March 2026; a Monday 02:30 close puts the
    # one-working-day milestone on that Friday at 02:30, which does not exist: it falls at 03:30.
    jerusalem = ZoneInfo("Asia/Jerusalem")
    closes = datetime(2026, 3, 30, 2, 30, tzinfo=jerusalem).astimezone(UTC)
    (signoff,) = [
        m
        for m in milestones(closes, "Asia/Jerusalem", {"intent": 3, "draft": 2, "signoff": 1}, set())
        if m.kind == "signoff"
    ]
    assert signoff.due_at.astimezone(jerusalem).replace(tzinfo=None) == datetime(2026, 3, 27, 3, 30)
