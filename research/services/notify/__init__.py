"""Notify: in-app notices, email through an outbox, digests, reminders and calendar feeds.

Its public face, the modules the pages, the command line and other capabilities call:
- `calendar_feed`: what a personal calendar feed holds: followed rounds and rounds with the person's
  applications
- `calendar_tokens`: private calendar feed tokens: random, kept only as a hash, shown once, revocable
- `follows`: rounds a person follows: reminders as they open and close, and events in their calendar feed
- `inbox`: the in-app notices list: a person's own notices, newest first, and how many are unread
- `outbox`: writing email to the outbox, inside the caller's transaction; what admins see of it
- `passes`: one notify pass: reminders, the managers' summary, digests, then sending the outbox
- `preferences`: each person's choice per kind: immediately, daily digest, weekly digest, or off
- `settings`: the mail settings notify works with, installed once per process by the composition root

Used only inside the package:
- `digests`: daily and weekly digests: the notices a person chose to get together, in one email
- `handlers`: events from review and drafting become notices (and outbox rows) in the same transaction
- `links`: links back to the app: pages (as st.navigation names them, by file) and the token routes
- `lock`: one notify pass at a time across processes: pg_try_advisory_lock on PostgreSQL, a lock row on SQLite
- `milestones`: internal milestones (intent, draft, sign-off) of rounds closing soon, as local dates
- `notices`: telling people: an in-app notice each, and an email in the outbox for those who want it now
- `reminders`: scheduled reminders found at each pass; each reminder's dedupe key makes a pass repeatable
- `render`: plain-text and HTML bodies from the template files next to this module (Jinja2)
- `sending`: the worker's sending half: claim a due outbox row, send it, mark it sent
- `signing`: signed unsubscribe tokens: user and kind, HMAC-SHA256 under a key kept in the database
- `summary`: the managers' weekly summary: rounds closing, applications at risk, reviews overdue, outcomes
"""

from research.services.notify import handlers

handlers.install()
