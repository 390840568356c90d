"""One app server process of the soak test: many simulated users writing at once for a bounded time.

python -m tests.integration.soak_worker PLAN.json INDEX OUT.json

The process makes its engine as the app does (DATABASE_URL -> research.config -> prepare_database).
Its threads call the services the pages call; its main thread is one user on the real editor page
(AppTest), so what that user is shown is checked too. Every attempt and its outcome is written to OUT.
"""

from __future__ import annotations

import json
import random
import re
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from research.db.models import User
from research.db.uow import UnitOfWork
from research.domain.errors import DatabaseBusy
from research.services.accounts import auth
from research.services.common.actor import Actor
from research.services.drafting.sections import open_section, save_section
from research.services.review.comments import add_comment, add_review_comment
from research.services.review.reviewing import save_review
from research.ui import deps, state
from tests.integration.review_steps import full_review

Log = list[dict]


def attempt(log: Log, record: dict, action: Callable[..., dict], *args) -> None:
    """Run one user action and keep what the user was told: the result, busy, or an unexpected error."""
    try:
        record.update(action(*args))
    except DatabaseBusy:
        record["outcome"] = "busy"
    except Exception as exc:  # noqa: BLE001 - every unexpected error is reported by the test
        record.update(outcome="error", error=f"{type(exc).__name__}: {exc}")
    log.append(record)


def _open(uow, actor, sid) -> dict:
    return {"outcome": "opened", "version": open_section(uow, actor, sid).version}


def _save(uow, actor, sid, text, seen) -> dict:
    outcome = save_section(uow, actor, sid, text, seen)
    return {"outcome": "saved" if outcome.saved else "conflict", "revision": outcome.revision}


def _comment(uow, actor, application_id, sid, text) -> dict:
    return {"outcome": "saved", "id": add_comment(uow, actor, application_id, sid, text)}


def _review(uow, actor, review_id, text) -> dict:
    save_review(uow, actor, review_id, full_review(summary=text))
    return {"outcome": "saved"}


def _review_comment(uow, actor, review_id, sid, text) -> dict:
    return {"outcome": "saved", "id": add_review_comment(uow, actor, review_id, sid, text)}


def researcher(actor: Actor, sections: list, rng: random.Random, until: float, log: Log) -> None:
    uow = UnitOfWork(deps.engine())
    n = 0
    while time.monotonic() < until:
        n += 1
        sid, application_id = rng.choice(sections)
        tag, roll = f"{actor.username} #{n}", rng.random()
        attempt(log, {"kind": "open", "section": sid}, _open, uow, actor, sid)
        if log[-1]["outcome"] != "opened":
            continue
        seen = log[-1]["version"]
        if roll < 0.55:
            text = f"{tag}: a draft."
            attempt(log, {"kind": "save", "section": sid, "text": text}, _save, uow, actor, sid, text, seen)
        elif roll < 0.75:  # two saves on top of the same opened version: the second is always stale
            for part in ("first", "stale"):
                text = f"{tag}: {part} save."
                attempt(log, {"kind": "save", "section": sid, "text": text}, _save, uow, actor, sid, text, seen)
        else:
            text = f"{tag}: a comment."
            attempt(log, {"kind": "comment", "text": text}, _comment, uow, actor, application_id, sid, text)


def reviewer(actor: Actor, review_id: int, sections: list[int], rng: random.Random, until: float, log: Log) -> None:
    uow = UnitOfWork(deps.engine())
    n = 0
    while time.monotonic() < until:
        n += 1
        text = f"{actor.username} #{n}"
        if n % 2:
            attempt(log, {"kind": "review", "review": review_id, "text": text}, _review, uow, actor, review_id, text)
        else:
            attempt(
                log,
                {"kind": "review_comment", "text": text},
                _review_comment,
                uow,
                actor,
                review_id,
                rng.choice(sections),
                text,
            )


def open_page(actor: Actor, password: str, section: list):
    """A researcher signed in on the real Application editor page, on one section."""
    from streamlit.testing.v1 import AppTest

    import research.ui.session
    from tests.ui.drafting.test_drafting_pages import EDITOR

    token = auth.login(UnitOfWork(deps.engine()), actor.username, password).token
    research.ui.session.session_token = lambda: token  # AppTest sends no cookies; the rest is the real path
    sid, application_id = section
    at = AppTest.from_file(str(Path(deps.__file__).parents[2] / "streamlit_app.py"), default_timeout=120)
    at.session_state[state.EDITOR_APPLICATION] = application_id
    at.session_state[state.EDITOR_SECTION] = sid
    # The soak drives the compare-and-swap save (the editor without a live connection); live
    # typing has its own durability tests in tests/integration/collab.
    at.session_state[state.EDITOR_PLAIN] = True
    at.run()
    at.switch_page(EDITOR).run()
    return at


def page_user(at, actor: Actor, sid: int, until: float, log: Log) -> None:
    """Types and saves on the page; on a conflict takes their text, as a user would, and goes on."""
    from tests.ui.drafting.test_drafting_pages import button

    n = 0
    while time.monotonic() < until:
        n += 1
        text = f"{actor.username} on the page #{n}."
        area = next((t for t in at.text_area if t.key and t.key.startswith(state.EDITOR_BODY_PREFIX)), None)
        if area is None:
            log.append(
                {
                    "kind": "page",
                    "outcome": "error",
                    "error": "no editor shown: "
                    + _problems(at)
                    + " | "
                    + " | ".join(m.value for m in at.markdown)[:1500],
                }
            )
            return
        area.set_value(text)
        button(at, "Save").click().run()
        log.append({"kind": "save", "section": sid, "text": text, "page": True, **_shown(at)})
        if log[-1]["outcome"] == "conflict":
            button(at, "Keep their text").click().run()
            if at.exception or at.error:
                log.append({"kind": "page", "outcome": "error", "error": _problems(at)})


def _shown(at) -> dict:
    if at.exception or any("saved this section" not in e.value for e in at.error):
        return {"outcome": "error", "error": _problems(at)}
    if at.error:  # the designed conflict panel: "your text is kept in the history as rN"
        kept = re.search(r"kept in the history as r(\d+)", at.error[0].value)
        return {"outcome": "conflict", "revision": int(kept.group(1))}
    toast = next((t.value for t in at.toast if t.value.startswith("Saved as revision")), "")
    found = re.search(r"revision (\d+)", toast)
    return {"outcome": "saved", "revision": int(found.group(1)) if found else None}


def _problems(at) -> str:
    return "; ".join([str(e.value) for e in at.exception] + [e.value for e in at.error])


def main(plan_file: str, index: str, out: str) -> None:
    plan = json.loads(Path(plan_file).read_text())
    me = plan["processes"][int(index)]
    with UnitOfWork(deps.engine()) as session:  # the app's own start-up path: DATABASE_URL, migrations
        actors = {u.id: Actor.from_user(u) for u in session.query(User)}
    sections = [tuple(s) for s in plan["sections"]]
    page = actors[me["page_user"]]
    at = open_page(page, plan["password"], me["page_section"])
    Path(me["ready"]).write_text("ready")
    while not Path(plan["go"]).exists():
        time.sleep(0.02)
    until = time.monotonic() + plan["seconds"]
    logs: list[Log] = [[] for _ in range(len(me["researchers"]) + len(me["reviewers"]) + 1)]
    threads = [
        threading.Thread(target=researcher, args=(actors[r], sections, random.Random(r), until, logs[i]))
        for i, r in enumerate(me["researchers"])
    ]
    threads += [
        threading.Thread(
            target=reviewer,
            args=(
                actors[r["user"]],
                r["review"],
                plan["review_sections"],
                random.Random(r["user"]),
                until,
                logs[len(threads) + i],
            ),
        )
        for i, r in enumerate(me["reviewers"])
    ]
    for thread in threads:
        thread.start()
    page_user(at, page, me["page_section"][0], until, logs[-1])
    for thread in threads:
        thread.join()
    Path(out).write_text(json.dumps([record for log in logs for record in log]))


if __name__ == "__main__":
    main(*sys.argv[1:])
