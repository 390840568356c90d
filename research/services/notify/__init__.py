"""Notify: in-app notices, email through an outbox, digests, reminders and calendar feeds.

Importing it subscribes its handlers to the events review and drafting publish.
"""

from research.services.notify import handlers

handlers.install()
