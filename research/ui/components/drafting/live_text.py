"""Live counts while typing: a tiny component that relays a text area's text as it changes.

Streamlit's text area sends its text to the server only when it loses focus (or on
Ctrl+Enter). This component listens to the browser's input events on the text area with
the given key and, after a short pause in typing, sends the text as its state, which
reruns the fragment it sits in. The text area itself, and what it will save, are unchanged.
"""

from __future__ import annotations

import streamlit as st

PAUSE_MS = 350

_RELAY = st.components.v2.component(
    "research_live_text",
    html="<span></span>",
    js="""
const attached = new WeakMap()
export default function (component) {
  const { data, setStateValue } = component
  const selector = `.st-key-${data.target} textarea`
  let timer = null
  let area = null
  const onInput = (event) => {
    clearTimeout(timer)
    timer = setTimeout(() => setStateValue("text", event.target.value), data.pause)
  }
  const attach = () => {
    area = document.querySelector(selector)
    if (!area) { timer = setTimeout(attach, 250); return }
    if (attached.get(area)) area.removeEventListener("input", attached.get(area))
    attached.set(area, onInput)
    area.addEventListener("input", onInput)
  }
  attach()
  return () => {
    clearTimeout(timer)
    if (area) area.removeEventListener("input", onInput)
  }
}
""",
)


def live_text(target_key: str, key: str) -> str | None:
    """The text typed so far in the text area `target_key`, or None before any typing."""
    _RELAY(key=key, data={"target": target_key, "pause": PAUSE_MS}, on_text_change=lambda: None, height=0)
    state = st.session_state.get(key) or {}
    return state.get("text")
