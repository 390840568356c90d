"""Unsent text kept server-side while it is typed: a tiny component beside a kept text field.

A text field inside st.form sends nothing to the server until the form is submitted, so a
reload or a closed tab would lose what was typed. This component sends nothing through
Streamlit: it listens to the browser's input on the field with the given key and, a moment
after the typing pauses (and when the field loses focus, and when the page is left), PUTs the
text to /drafts/{key} (research/ui/draft_routes.py), which keeps it as the signed-in person's
draft. A press of the form's own button (or Enter that submits it) drops the pending save:
the submit carries the text, and send_kept keeps it as the draft if the send is refused, or
clears the draft if it went through.
"""

from __future__ import annotations

import re

import streamlit as st

PAUSE_MS = 1000

_JS = """
if (!window.researchKeptText) window.researchKeptText = { fields: new Map(), pending: new Map(), hooked: false }
const kept = window.researchKeptText

function fieldKey(target) {
  if (!target || !target.matches || !target.matches("textarea, input")) return null
  for (const [key, field] of kept.fields) if (target.closest(`.${field.cls}`)) return key
  return null
}

function put(key, text) {
  const bytes = new Blob([text]).size
  return fetch(`/drafts/${encodeURIComponent(key)}`, {
    method: "PUT", body: text, credentials: "same-origin", keepalive: bytes < 60000,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  }).catch(() => {})
}

function flush(key) {
  const pending = kept.pending.get(key)
  if (!pending) return
  clearTimeout(pending.timer)
  kept.pending.delete(key)
  put(key, pending.text)
}

function drop(form) {
  for (const [key, pending] of kept.pending) {
    const field = kept.fields.get(key)
    if (field && form.querySelector(`.${field.cls}`)) { clearTimeout(pending.timer); kept.pending.delete(key) }
  }
}

function hook() {
  if (kept.hooked) return
  kept.hooked = true
  document.addEventListener("input", (event) => {
    const key = fieldKey(event.target)
    if (!key) return
    const pending = kept.pending.get(key)
    if (pending) clearTimeout(pending.timer)
    const pause = kept.fields.get(key).pause
    kept.pending.set(key, { text: event.target.value, timer: setTimeout(() => flush(key), pause) })
  }, true)
  document.addEventListener("focusout", (event) => {
    const key = fieldKey(event.target)
    if (key) flush(key)
  }, true)
  document.addEventListener("pointerdown", (event) => {
    const button = event.target.closest && event.target.closest("button")
    const form = button && button.closest('[data-testid="stForm"]')
    if (form) drop(form)
  }, true)
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !fieldKey(event.target)) return
    const submits = event.target.tagName === "INPUT" || event.ctrlKey || event.metaKey
    const form = event.target.closest('[data-testid="stForm"]')
    if (submits && form) drop(form)
  }, true)
  const leave = () => { for (const key of [...kept.pending.keys()]) flush(key) }
  window.addEventListener("pagehide", leave)
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") leave() })
}

export default function (component) {
  const { data } = component
  kept.fields.set(data.key, { cls: data.cls, pause: data.pause })
  hook()
  return () => flush(data.key)
}
"""

# Outside a shadow root (isolate_styles=False) so this rule can take the keeper's own element out of
# the layout: shown, it would add a gap under every kept field. It still mounts and runs.
_CSS = """
.stElementContainer:has(.research-draft-keeper) {
  display: none;
}
"""

_KEEPER = st.components.v2.component(
    "research_draft_keeper",
    html='<span class="research-draft-keeper"></span>',
    js=_JS,
    css=_CSS,
    isolate_styles=False,
)


def key_class(key: str) -> str:
    """The CSS class Streamlit gives the element holding the widget keyed `key`."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def keep_as_typed(key: str) -> None:
    """Keep the text field keyed `key` as the person's draft (form key `key`) while they type."""
    _KEEPER(key=f"{key}_keeper", data={"key": key, "cls": key_class(key), "pause": PAUSE_MS}, height=0)
