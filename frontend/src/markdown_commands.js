// Formatting for the Markdown the Word export understands: headings, bold, italic, lists,
// links and tables. Each command edits the CodeMirror document, so y-codemirror.next turns it
// into an ordinary shared edit.
import { EditorSelection } from "@codemirror/state";

function wrap(view, before, after = before) {
  view.dispatch(
    view.state.changeByRange((range) => {
      const inner = view.state.sliceDoc(range.from, range.to) || "text";
      return {
        changes: { from: range.from, to: range.to, insert: `${before}${inner}${after}` },
        range: EditorSelection.range(range.from + before.length, range.from + before.length + inner.length),
      };
    }),
  );
  view.focus();
  return true;
}

function prefixLines(view, prefix) {
  const changes = [];
  const seen = new Set();
  for (const range of view.state.selection.ranges) {
    for (let pos = range.from; pos <= range.to; ) {
      const line = view.state.doc.lineAt(pos);
      if (!seen.has(line.number)) {
        seen.add(line.number);
        const numbered = prefix === "1. " ? `${seen.size}. ` : prefix;
        changes.push({ from: line.from, insert: numbered });
      }
      pos = line.to + 1;
    }
  }
  view.dispatch({ changes });
  view.focus();
  return true;
}

function insertBlock(view, block) {
  const { from } = view.state.selection.main;
  const line = view.state.doc.lineAt(from);
  const lead = line.length ? "\n\n" : "";
  view.dispatch({ changes: { from: line.to, insert: `${lead}${block}\n` } });
  view.focus();
  return true;
}

const TABLE = "| Column | Column |\n| --- | --- |\n| | |";

export const COMMANDS = [
  { label: "H", title: "Heading", run: (v) => prefixLines(v, "## ") },
  { label: "B", title: "Bold (Ctrl+B)", run: (v) => wrap(v, "**") },
  { label: "I", title: "Italic (Ctrl+I)", run: (v) => wrap(v, "*") },
  { label: "•", title: "Bulleted list", run: (v) => prefixLines(v, "- ") },
  { label: "1.", title: "Numbered list", run: (v) => prefixLines(v, "1. ") },
  { label: "Link", title: "Link (Ctrl+K)", run: (v) => wrap(v, "[", "](https://)") },
  { label: "Table", title: "Table", run: (v) => insertBlock(v, TABLE) },
];

export const formatKeymap = [
  { key: "Mod-b", run: COMMANDS[1].run },
  { key: "Mod-i", run: COMMANDS[2].run },
  { key: "Mod-k", run: COMMANDS[5].run },
];

export function toolbar(element, view, enabled) {
  element.replaceChildren(
    ...COMMANDS.map((command) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = command.label;
      button.title = command.title;
      button.setAttribute("aria-label", command.title);
      button.disabled = !enabled;
      button.onmousedown = (event) => event.preventDefault();
      button.onclick = () => command.run(view);
      return button;
    }),
  );
}
