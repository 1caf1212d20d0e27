/**
 * Remote cursors and selections of a pad, coloured by class instead of `style="…"`.
 * y-codemirror.next's own plugin writes inline style attributes, which our Content-Security-Policy
 * (style-src 'self', no 'unsafe-inline') refuses and reports on every pad page; here each colour
 * becomes a rule of a constructed stylesheet (CSSOM, which the CSP allows) adopted by the editor's
 * shadow root. Adapted from y-codemirror.next/src/y-remote-selections.js (MIT).
 */
import { type Extension, type Range } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, ViewPlugin, type ViewUpdate, WidgetType } from '@codemirror/view';
import { yRemoteSelectionsTheme } from 'y-codemirror.next';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { peerOf } from './pad-presence.ts';

const fallbackColour = '#545b63';

/** Adds, once per colour, the rules of its class to a stylesheet of the editor's root. */
function colourClasses(root: ShadowRoot | Document): (colour: string) => string {
  const sheet = new CSSStyleSheet();
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const known = new Set<string>();
  return (colour) => {
    const hex = /^#[0-9a-f]{6}$/i.test(colour) ? colour.slice(1).toLowerCase() : fallbackColour.slice(1);
    const name = `gare-yc-${hex}`;
    if (!known.has(name)) {
      known.add(name);
      sheet.insertRule(`.${name}.cm-ySelectionCaret { background-color: #${hex}; border-color: #${hex}; }`);
      sheet.insertRule(`.${name}.cm-ySelection, .${name}.cm-yLineSelection { background-color: #${hex}33; }`);
    }
    return name;
  };
}

class CaretWidget extends WidgetType {
  readonly colourClass: string;
  readonly name: string;
  constructor(colourClass: string, name: string) {
    super();
    this.colourClass = colourClass;
    this.name = name;
  }
  override toDOM(): HTMLElement {
    const caret = document.createElement('span');
    caret.className = `cm-ySelectionCaret ${this.colourClass}`;
    const dot = document.createElement('div');
    dot.className = 'cm-ySelectionCaretDot';
    const info = document.createElement('div');
    info.className = 'cm-ySelectionInfo';
    info.textContent = this.name;
    caret.append('\u2060', dot, '\u2060', info, '\u2060');
    return caret;
  }
  override eq(other: CaretWidget): boolean {
    return other.colourClass === this.colourClass && other.name === this.name;
  }
  override ignoreEvent(): boolean {
    return true;
  }
}

/** Options of remoteSelections. */
export interface RemoteSelectionsOptions {
  /** The editor's root (its shadow root), which adopts the colour stylesheet. */
  root: ShadowRoot | Document;
  /** The pad's text. */
  ytext: Y.Text;
  /** Who is there and where their cursors are. */
  awareness: Awareness;
}

/**
 * Publishes our cursor in awareness and draws the others' cursors. Use with
 * `yCollab(ytext, null, …)`, which then leaves out its own inline-styled cursors.
 */
export function remoteSelections({ root, ytext, awareness }: RemoteSelectionsOptions): Extension {
  const classOf = colourClasses(root);
  const plugin = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet = Decoration.none;
      private readonly listener: (change: { added: number[]; updated: number[]; removed: number[] }) => void;
      constructor(view: EditorView) {
        this.listener = ({ added, updated, removed }) => {
          if ([...added, ...updated, ...removed].some((id) => id !== awareness.doc.clientID)) view.dispatch({});
        };
        awareness.on('change', this.listener);
      }
      destroy(): void {
        awareness.off('change', this.listener);
      }
      update(update: ViewUpdate): void {
        const ydoc = ytext.doc as Y.Doc;
        const local = awareness.getLocalState();
        if (local) {
          const hasFocus = update.view.hasFocus && update.view.dom.ownerDocument.hasFocus();
          const sel = hasFocus ? update.state.selection.main : null;
          const cursor = local['cursor'] as { anchor: unknown; head: unknown } | null | undefined;
          if (sel) {
            const anchor = Y.createRelativePositionFromTypeIndex(ytext, sel.anchor);
            const head = Y.createRelativePositionFromTypeIndex(ytext, sel.head);
            const same = cursor && Y.compareRelativePositions(Y.createRelativePositionFromJSON(cursor.anchor), anchor) && Y.compareRelativePositions(Y.createRelativePositionFromJSON(cursor.head), head);
            if (!same) awareness.setLocalStateField('cursor', { anchor, head });
          } else if (cursor && hasFocus) {
            awareness.setLocalStateField('cursor', null);
          }
        }
        const decorations: Range<Decoration>[] = [];
        awareness.getStates().forEach((state, clientId) => {
          if (clientId === awareness.doc.clientID) return;
          const cursor = state['cursor'] as { anchor?: unknown; head?: unknown } | null | undefined;
          if (!cursor?.anchor || !cursor.head) return;
          const anchor = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(cursor.anchor), ydoc);
          const head = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(cursor.head), ydoc);
          if (!anchor || !head || anchor.type !== ytext || head.type !== ytext) return;
          const peer = peerOf(state);
          const colourClass = classOf(peer?.color ?? fallbackColour);
          const start = Math.min(anchor.index, head.index);
          const end = Math.max(anchor.index, head.index);
          const doc = update.view.state.doc;
          const startLine = doc.lineAt(start);
          const endLine = doc.lineAt(end);
          const mark = Decoration.mark({ class: `cm-ySelection ${colourClass}` });
          if (startLine.number === endLine.number) {
            if (end > start) decorations.push(mark.range(start, end));
          } else {
            if (startLine.to > start) decorations.push(mark.range(start, startLine.to));
            if (end > endLine.from) decorations.push(mark.range(endLine.from, end));
            for (let i = startLine.number + 1; i < endLine.number; i++) {
              decorations.push(Decoration.line({ class: `cm-yLineSelection ${colourClass}` }).range(doc.line(i).from));
            }
          }
          const side = head.index - anchor.index > 0 ? -1 : 1;
          decorations.push(Decoration.widget({ side, widget: new CaretWidget(colourClass, peer?.name ?? 'Anonyme') }).range(head.index));
        });
        this.decorations = Decoration.set(decorations, true);
      }
    },
    { decorations: (v) => v.decorations },
  );
  return [yRemoteSelectionsTheme, plugin];
}
