"""The live section editor: a components-v2 wrapper around the bundled CodeMirror + Yjs editor.

The JavaScript is built from frontend/ (`make frontend`) into live_editor.js next to this file
and committed, so running the app needs no Node. The editor talks to /collab/section/{id}
itself; it reports back only the text (debounced, for the counts) and whether it is connected.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

BUNDLE = Path(__file__).with_name("live_editor.js")
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")

CSS = """
.live-editor { border: 1px solid var(--st-border-color, #ddd); border-radius: 0.5rem; }
.live-editor .bar { display: flex; justify-content: space-between; align-items: center;
  gap: 0.5rem; padding: 0.25rem 0.5rem; border-bottom: 1px solid var(--st-border-color, #ddd); }
.live-editor .toolbar button { margin-right: 0.2rem; min-width: 2rem; padding: 0.15rem 0.4rem;
  border: 1px solid var(--st-border-color, #ccc); border-radius: 0.3rem; background: transparent;
  color: var(--st-text-color, inherit); cursor: pointer; font-weight: 600; }
.live-editor .people { display: flex; gap: 0.3rem; flex-wrap: wrap; font-size: 0.85rem; }
.live-editor .person { border: 2px solid; border-radius: 1rem; padding: 0 0.5rem; }
.live-editor .editor .cm-editor { min-height: 22rem; max-height: 40rem; font-size: 0.95rem; }
.live-editor .editor .cm-scroller { font-family: var(--st-code-font, monospace); }
/* Room above the first line for a co-author's name label (drawn above their cursor). */
.live-editor .editor .cm-content { padding-top: 1.1rem; }
.live-editor .status { font-size: 0.8rem; padding: 0.2rem 0.5rem; opacity: 0.8; }
.live-editor .status[data-status="disconnected"] { color: #b00020; }
"""

# A line break makes Streamlit read the string as inline code, not as a file path.
_EDITOR = st.components.v2.component(
    "research_live_editor",
    html='<div class="mount"></div>',
    js="// live editor bundle\n" + BUNDLE.read_text(encoding="utf-8"),
    css=CSS,
)


def colour_for(user_id: int) -> str:
    return PALETTE[user_id % len(PALETTE)]


def live_editor(
    section_id: int, user_id: int, name: str, can_write: bool, saved_text: str, key: str
) -> dict[str, object]:
    """Mount the editor; its reported state: {"text": ..., "connected": ...} (keys appear once reported)."""
    _EDITOR(
        key=key,
        data={
            "section_id": section_id,
            "name": name,
            "color": colour_for(user_id),
            "can_write": can_write,
            "saved_text": saved_text,
            "placeholder": "Write in Markdown…",
        },
        on_text_change=lambda: None,
        on_connected_change=lambda: None,
    )
    return dict(st.session_state.get(key) or {})
