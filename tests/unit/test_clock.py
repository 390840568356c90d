"""The clock seam: inside `frozen_at` it is that moment, for this thread only, and only inside."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

from research.domain.clock import frozen_at, utcnow

PAST = datetime(2022, 8, 1, 9, 30, tzinfo=UTC)


def test_inside_it_is_the_frozen_moment_and_after_it_is_now_again():
    with frozen_at(PAST):
        assert utcnow() == PAST
        with frozen_at(PAST + timedelta(days=1)):
            assert utcnow() == PAST + timedelta(days=1)
        assert utcnow() == PAST
    assert utcnow() - datetime.now(UTC) < timedelta(seconds=5)


def test_a_moment_in_another_zone_is_the_same_instant_in_utc():
    with frozen_at(datetime(2022, 8, 1, 21, 30, tzinfo=timezone(timedelta(hours=12)))):
        assert utcnow() == PAST and utcnow().tzinfo == UTC


def test_another_thread_keeps_the_real_time():
    seen = []
    with frozen_at(PAST):
        worker = threading.Thread(target=lambda: seen.append(utcnow()))
        worker.start()
        worker.join()
    assert seen[0].year > 2022
