/** Markdown formatting commands of the editor, on CodeMirror's state: toggle, never duplicate. */
import { startCompletion } from '@codemirror/autocomplete';
import { EditorSelection, type ChangeSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';

/** Wraps each selection in `mark` (or unwraps it); an empty selection gets a selected placeholder. */
export function toggleWrap(view: EditorView, mark: string, placeholder: string): boolean {
  const { state } = view;
  const tr = state.changeByRange((range) => {
    const before = state.sliceDoc(range.from - mark.length, range.from);
    const after = state.sliceDoc(range.to, range.to + mark.length);
    if (!range.empty && before === mark && after === mark) {
      return {
        changes: [{ from: range.from - mark.length, to: range.from }, { from: range.to, to: range.to + mark.length }],
        range: EditorSelection.range(range.from - mark.length, range.to - mark.length),
      };
    }
    const text = range.empty ? placeholder : state.sliceDoc(range.from, range.to);
    return {
      changes: { from: range.from, to: range.to, insert: `${mark}${text}${mark}` },
      range: EditorSelection.range(range.from + mark.length, range.from + mark.length + text.length),
    };
  });
  view.dispatch(state.update(tr, { scrollIntoView: true, userEvent: 'input' }));
  view.focus();
  return true;
}

// What a line may start with: a heading, a task, a bullet or a numbered item.
const linePrefix = /^(#{1,6} |- \[[ xX]\] |[-*+] |\d+[.)] )/;

/** Gives every selected line the prefix, or removes it when they all have it (headings, lists, tasks). */
export function toggleLinePrefix(view: EditorView, prefix: string): boolean {
  const { state } = view;
  const lines = new Map<number, { from: number; text: string }>();
  for (const range of state.selection.ranges) {
    for (let pos = range.from; pos <= range.to; ) {
      const line = state.doc.lineAt(pos);
      lines.set(line.number, { from: line.from, text: line.text });
      pos = line.to + 1;
    }
  }
  const all = [...lines.values()];
  const remove = all.every((l) => l.text.startsWith(prefix));
  const changes: ChangeSpec[] = all.map((l) => {
    const existing = linePrefix.exec(l.text)?.[0] ?? '';
    return remove ? { from: l.from, to: l.from + prefix.length } : { from: l.from, to: l.from + existing.length, insert: prefix };
  });
  view.dispatch({ changes, scrollIntoView: true, userEvent: 'input' });
  view.focus();
  return true;
}

/** Inserts `[texte](https://)` with the part to type next selected. */
export function insertLink(view: EditorView): boolean {
  const { state } = view;
  const tr = state.changeByRange((range) => {
    const text = state.sliceDoc(range.from, range.to);
    if (text) {
      const insert = `[${text}](https://)`;
      const urlAt = range.from + text.length + 3;
      return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.range(urlAt, urlAt + 8) };
    }
    const label = 'texte du lien';
    return { changes: { from: range.from, insert: `[${label}](https://)` }, range: EditorSelection.range(range.from + 1, range.from + 1 + label.length) };
  });
  view.dispatch(state.update(tr, { scrollIntoView: true, userEvent: 'input' }));
  view.focus();
  return true;
}

/** Inserts `[[…]]` around the selection, or opens it and offers page titles. */
export function insertWikiLink(view: EditorView): boolean {
  const { state } = view;
  const main = state.selection.main;
  const text = state.sliceDoc(main.from, main.to);
  view.dispatch({
    changes: { from: main.from, to: main.to, insert: `[[${text}]]` },
    selection: { anchor: main.from + 2 + text.length },
    scrollIntoView: true,
    userEvent: 'input',
  });
  view.focus();
  if (!text) startCompletion(view);
  return true;
}

/** The Markdown of an empty table with two columns. */
export const tableTemplate = '| Colonne 1 | Colonne 2 |\n| --------- | --------- |\n| …         | …         |\n';

/** Inserts `text` as its own block at the cursor (blank lines around it). */
export function insertBlock(view: EditorView, text: string): boolean {
  const { state } = view;
  const main = state.selection.main;
  const line = state.doc.lineAt(main.head);
  const atLineStart = main.head === line.from && line.text.trim() === '';
  const before = atLineStart ? '' : main.head === 0 ? '' : '\n\n';
  const after = state.sliceDoc(main.head, main.head + 1) === '\n' || main.head === state.doc.length ? '' : '\n';
  const insert = `${before}${text}${after}`;
  view.dispatch({ changes: { from: main.head, insert }, selection: { anchor: main.head + before.length + text.length }, scrollIntoView: true, userEvent: 'input' });
  view.focus();
  return true;
}

/** Inserts inline text at the cursor (a link to an uploaded file). */
export function insertInline(view: EditorView, text: string): void {
  const main = view.state.selection.main;
  view.dispatch({ changes: { from: main.from, to: main.to, insert: text }, selection: { anchor: main.from + text.length }, scrollIntoView: true, userEvent: 'input' });
  view.focus();
}
