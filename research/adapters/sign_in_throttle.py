"""Sign-in throttling per client address and per username, with the `limits` library.

Counts live in this process's memory (limits' MemoryStorage): nothing is written to the
database for a refused attempt, so a flood of them never queues behind page reads. Several
app processes each keep their own counts; nginx's limit_req (deploy/nginx.conf) caps an
address across all of them.
"""

from __future__ import annotations

from limits import RateLimitItem, parse_many, storage, strategies

# Growing delays instead of a lock: a few tries a minute, then fewer per quarter hour, hour and day.
PER_USERNAME = parse_many("5/minute;10/15 minutes;20/hour;50/day")
# Failures from one address, whatever the usernames; a campus behind one NAT address signing in
# rightly is never slowed. (nginx's limit_req caps every attempt per address: deploy/nginx.conf.)
PER_ADDRESS = parse_many("30/minute;200/hour;1000/day")


class SignInThrottle:
    def __init__(self) -> None:
        self._storage = storage.MemoryStorage()
        self._limiter = strategies.MovingWindowRateLimiter(self._storage)

    def allows(self, username: str, address: str, check_username: bool = True) -> bool:
        """False while the address, or (unless not checked) the username, has used up a window."""
        allowed = self._within(PER_ADDRESS, "address", address)
        return allowed and (not check_username or self._within(PER_USERNAME, "username", username))

    def count_failure(self, username: str, address: str) -> None:
        self._hit(PER_USERNAME, "username", username)
        self._hit(PER_ADDRESS, "address", address)

    def reset(self) -> None:
        self._storage.reset()

    def _within(self, items: list[RateLimitItem], kind: str, key: str) -> bool:
        return all(self._limiter.test(item, kind, key) for item in items)

    def _hit(self, items: list[RateLimitItem], kind: str, key: str) -> None:
        for item in items:
            self._limiter.hit(item, kind, key)


THROTTLE = SignInThrottle()
