/**
 * Markdown token colours shared by the page editor and the pads: classHighlighter's classes
 * coloured from the site's CSS custom properties, so both follow the light and dark themes
 * (CodeMirror's defaultHighlightStyle has fixed light-mode colours, unreadable on a dark surface).
 */
import { classHighlighter } from '@lezer/highlight';
import { syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import type { Extension } from '@codemirror/state';

/** Token classes and their colours; emphasis never relies on colour alone. */
export const markdownTokens: Extension = [
  syntaxHighlighting(classHighlighter),
  EditorView.theme({
    '.tok-heading': { fontWeight: '700', color: 'var(--accent-strong, #074d41)' },
    '.tok-strong': { fontWeight: '700' },
    '.tok-emphasis': { fontStyle: 'italic' },
    '.tok-strikethrough': { textDecoration: 'line-through' },
    '.tok-link, .tok-url': { color: 'var(--link, #0a5c8a)', textDecoration: 'underline' },
    '.tok-monospace': { backgroundColor: 'var(--surface-2, #efede6)' },
    '.tok-meta, .tok-processingInstruction, .tok-punctuation': { color: 'var(--text-muted, #545b63)' },
    '.tok-quote': { fontStyle: 'italic', color: 'var(--text-muted, #545b63)' },
  }),
];
