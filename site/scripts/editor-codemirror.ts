/**
 * The CodeMirror 6 view of the editor: Markdown, undo, search, `[[` completion, our formatting
 * shortcuts, soft wrapping, conflict markers highlighted. Tab is left to the browser so keyboard
 * users can leave the editor (no focus trap).
 */
import { autocompletion, completionKeymap, type CompletionSource } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, Prec, RangeSetBuilder } from '@codemirror/state';
import { Decoration, drawSelection, EditorView, keymap, ViewPlugin, type DecorationSet, type KeyBinding, type ViewUpdate } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';

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
  /** Attributes of the editable element (aria-labelledby…). */
  attributes: Record<string, string>;
  /** Runs after each change of the text. */
  onChange: (text: string) => void;
  /** Files dropped or pasted into the editor. */
  onFiles?: (files: File[]) => void;
}

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

/** Builds the editor view. */
export function createMarkdownEditor(options: MarkdownEditorOptions): EditorView {
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
    parent: options.parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        history(),
        drawSelection(),
        EditorView.lineWrapping,
        markdown({ base: markdownLanguage }),
        syntaxHighlighting(classHighlighter),
        highlightSelectionMatches(),
        autocompletion({ override: options.completions, activateOnTyping: true, icons: false }),
        conflictMarkers,
        Prec.high(keymap.of([...options.bindings])),
        keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, ...searchKeymap]),
        EditorView.contentAttributes.of({ ...options.attributes, spellcheck: 'true', lang: 'fr', autocorrect: 'on', autocapitalize: 'sentences' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
        fileEvents,
      ],
    }),
  });
}
