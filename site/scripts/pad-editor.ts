/**
 * The pad page in the browser: CodeMirror 6 bound to the pad's Yjs text (y-codemirror.next) over
 * y-websocket, with names and colours of who is there, a live preview, the connection status, and
 * offline typing kept in IndexedDB across a reload. Data comes from `data-*` attributes;
 * `data-read-only` (visitors of a public pad) follows the text live without typing or showing itself.
 */
import { defaultKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { indentOnInput } from '@codemirror/language';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import { drawSelection, dropCursor, EditorView, highlightActiveLine, highlightSpecialChars, keymap, placeholder } from '@codemirror/view';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PAD_TEXT } from '../../server/pads/pad-protocol.ts';
import { markdownTokens } from './editor-tokens.ts';
import { HEARTBEAT_MS, watchLink } from './pad-link.ts';
import { startPreview } from './pad-preview.ts';
import { showPresence } from './pad-presence.ts';
import { remoteSelections } from './pad-remote-selections.ts';

/** The editor's look; CSS custom properties of the site cross the shadow boundary. */
const padTheme = EditorView.theme({
  '&': { minHeight: '60vh', fontSize: '1rem', backgroundColor: 'var(--surface, #fff)', color: 'var(--text, #1d2125)', borderRadius: 'var(--radius, 0.5rem)' },
  '&.cm-focused': { outline: '3px solid var(--focus, #c2410c)', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono, monospace)', lineHeight: '1.6' },
  '.cm-content': { padding: 'var(--space-3, 0.75rem)' },
  '.cm-activeLine': { backgroundColor: 'var(--accent-soft, #e0f0ec)' },
  '.cm-ySelectionInfo': { color: '#fff', fontFamily: 'var(--font-sans, sans-serif)' },
});

/** ws:// or wss:// URL of a path on this site. */
export function wsUrl(path: string): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}

function required<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`Pad page: missing ${selector}`);
  return element;
}

/** Starts the editor of one pad page. */
function startPad(root: HTMLElement): void {
  const name = root.dataset['pad'] ?? '';
  const user = { name: root.dataset['userName'] ?? 'Anonyme', color: root.dataset['userColor'] ?? '#0a6656' };
  const readOnly = root.dataset['readOnly'] === 'true';
  const doc = new Y.Doc();
  const ytext = doc.getText(PAD_TEXT);
  // Offline edits survive a reload; the key is per pad so two pads never mix. A reader has none to keep.
  const local = readOnly ? undefined : new IndexeddbPersistence(`gare-pad:${name}`, doc);
  const provider = new WebsocketProvider(wsUrl('/yjs'), name, doc, { resyncInterval: HEARTBEAT_MS });
  // A reader sees who is there without showing a cursor (the server drops a visitor's presence anyway).
  // Our own name and colour come from the page the server rendered for this session; what the
  // others see is what the server writes over them (server/pads/pad-awareness.ts), the same values.
  if (readOnly) provider.awareness.setLocalState(null);
  else provider.awareness.setLocalStateField('user', { ...user, colorLight: `${user.color}33` });

  watchLink({ provider, status: required<HTMLElement>(root, '[data-pad-status]') });

  showPresence({ awareness: provider.awareness, list: required(root, '[data-pad-presence]'), count: root.querySelector('[data-pad-count]') });

  const previewTarget = required<HTMLElement>(root, '[data-pad-preview]');
  const schedulePreview = startPreview({ read: () => ytext.toString(), target: previewTarget, summary: root.querySelector('[data-pad-summary]') });
  ytext.observe(schedulePreview);

  const parent = required<HTMLElement>(root, '[data-pad-editor-host]');
  const fallback = root.querySelector<HTMLElement>('[data-pad-fallback]');
  const undoManager = readOnly ? false : new Y.UndoManager(ytext);
  // CodeMirror injects its styles with a <style> tag in a document, which our CSP (no
  // 'unsafe-inline') blocks; inside a shadow root it uses a constructed, adopted stylesheet instead.
  const shadow = parent.attachShadow({ mode: 'open' });
  const view = new EditorView({
    parent: shadow,
    root: shadow,
    state: EditorState.create({
      doc: ytext.toString(),
      extensions: [
        highlightSpecialChars(),
        drawSelection(),
        dropCursor(),
        indentOnInput(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        markdownTokens,
        markdown(),
        EditorView.lineWrapping,
        padTheme,
        placeholder(readOnly ? 'Le pad est vide pour l’instant.' : 'Écrivez ici : tout le monde voit le texte en direct.'),
        EditorState.readOnly.of(readOnly),
        // tabindex as in editor-codemirror.ts: a long pad scrolls, and its box needs a tabbable element.
        EditorView.contentAttributes.of({ 'aria-label': 'Texte du pad (Markdown)', 'aria-multiline': 'true', tabindex: '0' }),
        keymap.of([...(readOnly ? [] : yUndoManagerKeymap), ...defaultKeymap, ...searchKeymap]),
        // No awareness here: yCollab would draw cursors with inline styles, which the CSP refuses.
        yCollab(ytext, null, { undoManager }),
        remoteSelections({ root: shadow, ytext, awareness: provider.awareness }),
      ],
    }),
  });
  fallback?.remove();
  root.dataset['ready'] = 'true';
  void local?.whenSynced.then(() => root.setAttribute('data-local', 'ready'));

  const toggle = root.querySelector<HTMLButtonElement>('[data-pad-preview-toggle]');
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener('click', () => {
      const showing = root.dataset['view'] === 'preview';
      root.dataset['view'] = showing ? 'editor' : 'preview';
      toggle.setAttribute('aria-pressed', String(!showing));
      toggle.textContent = showing ? 'Voir l’aperçu' : 'Revenir au texte';
      if (showing) view.focus();
    });
  }
}

for (const root of document.querySelectorAll<HTMLElement>('[data-pad-root]')) startPad(root);
