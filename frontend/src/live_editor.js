// The live section editor: CodeMirror 6 bound to the Y.Text "body" of the section's shared
// document, synchronised over y-websocket at /collab/section/{id} on the page's own origin.
// Streamlit mounts it (components v2) and runs this default export again on every rerun, so
// one editor per parentElement is kept in a WeakMap and later runs only refresh data.
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { yCollab } from "y-codemirror.next";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, placeholder } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { markdown } from "@codemirror/lang-markdown";
import { formatKeymap, toolbar } from "./markdown_commands.js";

const editors = new WeakMap();
const REPORT_MS = 400;

function socketBase() {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${window.location.host}/collab/section`;
}

function presenceList(element, provider) {
  const render = () => {
    const people = new Map();
    provider.awareness.getStates().forEach((state) => {
      if (state.user && state.user.name) people.set(state.user.name, state.user.color);
    });
    element.replaceChildren(
      ...[...people].map(([name, color]) => {
        const chip = document.createElement("span");
        chip.className = "person";
        chip.style.borderColor = color;
        chip.textContent = name;
        return chip;
      }),
    );
  };
  provider.awareness.on("change", render);
  render();
}

function statusLine(element, provider, report) {
  provider.on("status", ({ status }) => {
    element.dataset.status = status;
    element.textContent = status === "connected" ? "Live: changes are saved as you type" : "Connecting…";
    report("connected", status === "connected");
  });
  provider.on("connection-error", () => report("connected", false));
  provider.on("connection-close", (event) => {
    if (event && event.code === 4403) element.textContent = "You may not edit this section here.";
    if (event && event.code === 4401) element.textContent = "Signed out: sign in again to keep writing.";
  });
}

function mount(root, data, setStateValue) {
  const doc = new Y.Doc();
  const text = doc.getText("body");
  const provider = new WebsocketProvider(socketBase(), String(data.section_id), doc, { maxBackoffTime: 5000 });
  provider.awareness.setLocalStateField("user", { name: data.name, color: data.color, colorLight: `${data.color}33` });
  let timer = null;
  // Each report reruns the page's fragment: send only what Python does not know yet.
  const known = { text: data.saved_text ?? "", connected: true };
  const report = (key, value) => {
    if (known[key] === value) return;
    known[key] = value;
    setStateValue(key, value);
  };
  const reportText = () => {
    clearTimeout(timer);
    timer = setTimeout(() => report("text", text.toString()), REPORT_MS);
  };
  text.observe(reportText);
  provider.on("sync", (synced) => synced && report("text", text.toString()));
  const view = new EditorView({
    parent: root.querySelector(".editor"),
    state: EditorState.create({
      doc: text.toString(),
      extensions: [
        history(),
        keymap.of([...formatKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        markdown(),
        EditorView.lineWrapping,
        EditorState.readOnly.of(!data.can_write),
        placeholder(data.placeholder || ""),
        yCollab(text, provider.awareness),
      ],
    }),
  });
  toolbar(root.querySelector(".toolbar"), view, data.can_write);
  presenceList(root.querySelector(".people"), provider);
  statusLine(root.querySelector(".status"), provider, report);
  return { doc, provider, view };
}

const TEMPLATE = `
<div class="live-editor" data-testid="live-editor">
  <div class="bar"><div class="toolbar" role="toolbar" aria-label="Formatting"></div>
  <div class="people" data-testid="live-presence" aria-label="In this section"></div></div>
  <div class="editor"></div>
  <div class="status" data-testid="live-status" data-status="connecting">Connecting…</div>
</div>`;

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  let editor = editors.get(parentElement);
  if (!editor || editor.sectionId !== data.section_id) {
    if (editor) editor.destroy();
    const host = parentElement.querySelector(".mount");
    host.innerHTML = TEMPLATE;
    window.liveEditorMounts = (window.liveEditorMounts || 0) + 1;
    const parts = mount(host.querySelector(".live-editor"), data, setStateValue);
    editor = {
      sectionId: data.section_id,
      destroy: () => {
        parts.view.destroy();
        parts.provider.destroy();
        parts.doc.destroy();
      },
    };
    editors.set(parentElement, editor);
  }
  return () => {
    editor.destroy();
    editors.delete(parentElement);
  };
}
