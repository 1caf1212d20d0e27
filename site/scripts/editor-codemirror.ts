/**
 * The CodeMirror 6 view of the editor: Markdown, undo, search, `[[` completion, our formatting
 * shortcuts, soft wrapping, conflict markers highlighted. Tab is left to the browser so keyboard
 * users can leave the editor (no focus trap).
 */
import { autocompletion, completionKeymap, type CompletionSource } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, Prec, RangeSetBuilder } from '@codemirror/state';
import { Decoration, drawSelection, EditorView, keymap, ViewPlugin, type DecorationSet, type KeyBinding, type ViewUpdate } from '@codemirror/view';
import { markdownTokens } from './editor-tokens.ts';

/** Options of `createMarkdownEditor`. */
export interface MarkdownEditorOptions {
  /** Where the editor goes. */
  parent: HTMLElement;
  /** Initial text. */
  text: string;
  /** Our formatting shortcuts (they win over CodeMirror's defaults). */
  bindings: readonly KeyBinding[];
  /** Completion sources (`[[` page titles). */
  completions: CompletionSource[];
  /** Attributes of the editable element (aria-label…: ids outside the shadow root cannot be referenced). */
  attributes: Record<string, string>;
  /** Runs after each change of the text. */
  onChange: (text: string) => void;
  /** Files dropped or pasted into the editor. */
  onFiles?: (files: File[]) => void;
}

/**
 * Colours come from the site's CSS custom properties, which inherit into the shadow root; token
 * colours are in editor-tokens.ts, shared with the pads.
 */
const editorTheme = EditorView.theme({
  '&': { minHeight: '24rem', maxHeight: '75vh', fontSize: '0.98rem', backgroundColor: 'var(--surface, #fff)', color: 'var(--text, #1d2125)', border: '1px solid var(--border-strong, #a8a294)', borderRadius: 'var(--radius, 0.5rem)' },
  '&.cm-focused': { outline: '3px solid var(--focus, #c2410c)', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono, monospace)', lineHeight: '1.6', minHeight: '24rem' },
  '.cm-content': { padding: 'var(--space-3, 0.75rem) 0', caretColor: 'var(--text, #1d2125)' },
  '.cm-line': { padding: '0 var(--space-3, 0.75rem)' },
  '.cm-cursor': { borderLeftColor: 'var(--text, #1d2125)', borderLeftWidth: '2px' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--mark, #fff1a8)' },
  '.cm-conflict-marker': { backgroundColor: 'var(--danger-soft, #fbe7e6)', color: 'var(--danger, #a3262a)', fontWeight: '700' },
  '.cm-tooltip': { backgroundColor: 'var(--surface, #fff)', color: 'var(--text, #1d2125)', border: '1px solid var(--border-strong, #a8a294)', borderRadius: 'var(--radius, 0.5rem)' },
  '.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--font-sans, sans-serif)', maxHeight: '16em' },
  '.cm-tooltip-autocomplete > ul > li': { padding: '0.3em 0.6em' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent, #0a6656)', color: 'var(--on-accent, #fff)' },
  '.cm-completionDetail': { marginLeft: '0.8em', fontStyle: 'normal', opacity: '0.85' },
  '.cm-panels': { backgroundColor: 'var(--surface-2, #efede6)', color: 'var(--text, #1d2125)' },
});

const markerLine = Decoration.line({ class: 'cm-conflict-marker' });
const markerPattern = /^(?:<{7}|={7}|>{7})(?: |$)/;

/** Conflict marker lines stand out, so none is saved by mistake. */
const conflictMarkers = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = this.build(view);
    }
    update(update: ViewUpdate): void {
      if (update.docChanged || update.viewportChanged) this.decorations = this.build(update.view);
    }
    build(view: EditorView): DecorationSet {
      const builder = new RangeSetBuilder<Decoration>();
      for (const { from, to } of view.visibleRanges) {
        for (let pos = from; pos <= to; ) {
          const line = view.state.doc.lineAt(pos);
          if (markerPattern.test(line.text)) builder.add(line.from, line.from, markerLine);
          pos = line.to + 1;
        }
      }
      return builder.finish();
    }
  },
  { decorations: (v) => v.decorations },
);

function filesOf(list: FileList | null | undefined): File[] {
  return list ? [...list] : [];
}

/**
 * Builds the editor view inside a shadow root of `parent`: CodeMirror injects its styles with a
 * <style> tag in a document, which our CSP (no 'unsafe-inline') blocks; in a shadow root it uses
 * a constructed, adopted stylesheet instead (same approach as site/scripts/pad-editor.ts).
 */
export function createMarkdownEditor(options: MarkdownEditorOptions): EditorView {
  const shadow = options.parent.shadowRoot ?? options.parent.attachShadow({ mode: 'open' });
  const fileEvents = EditorView.domEventHandlers({
    drop(event) {
      const files = filesOf(event.dataTransfer?.files);
      if (files.length === 0 || !options.onFiles) return false;
      event.preventDefault();
      options.onFiles(files);
      return true;
    },
    paste(event) {
      const files = filesOf(event.clipboardData?.files);
      if (files.length === 0 || !options.onFiles) return false;
      event.preventDefault();
      options.onFiles(files);
      return true;
    },
  });
  return new EditorView({
    parent: shadow,
    root: shadow,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        history(),
        drawSelection(),
        EditorView.lineWrapping,
        markdown({ base: markdownLanguage }),
        markdownTokens,
        editorTheme,
        highlightSelectionMatches(),
        autocompletion({ override: options.completions, activateOnTyping: true, icons: false }),
        conflictMarkers,
        Prec.high(keymap.of([...options.bindings])),
        keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, ...searchKeymap]),
        // tabindex: the scrolling box must hold a tabbable element for axe and some AT (WCAG 2.1.1);
        // a contenteditable is already in the Tab order, so behaviour is unchanged.
        EditorView.contentAttributes.of({ ...options.attributes, tabindex: '0', spellcheck: 'true', lang: 'fr', autocorrect: 'on', autocapitalize: 'sentences' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
        fileEvents,
      ],
    }),
  });
}
