/**
 * The editor's formatting buttons as data: the toolbar markup (server) and the key bindings
 * (browser) are both built from this list, so a button and its shortcut never drift apart.
 */

/** Commands the toolbar offers. */
export type EditorCommandId = 'titre' | 'gras' | 'italique' | 'lien' | 'lien-wiki' | 'liste' | 'case' | 'tableau' | 'fichier';

/** One toolbar button. */
export interface ToolbarButton {
  /** Command run on click and shortcut. */
  id: EditorCommandId;
  /** Short visible text. */
  label: string;
  /** Accessible name: contains the visible text (WCAG 2.5.3). */
  ariaLabel: string;
  /** Glyph shown before the text (decorative). */
  icon: string;
  /** CodeMirror key (`Mod-b`), if any. */
  key?: string;
  /** The same key for `aria-keyshortcuts` (`Control+B`). */
  ariaKeys?: string;
  /** The same key for people (`Ctrl+B`). */
  keysLabel?: string;
  /** Starts a new group (a little space before it). */
  groupStart?: boolean;
}

/** The buttons, in toolbar order. Shortcuts avoid keys browsers keep for themselves (Ctrl+Shift+T, C…). */
export const toolbarButtons: readonly ToolbarButton[] = [
  { id: 'titre', label: 'Titre', ariaLabel: 'Titre de section', icon: 'T', key: 'Mod-Shift-h', ariaKeys: 'Control+Shift+H', keysLabel: 'Ctrl+Maj+H' },
  { id: 'gras', label: 'Gras', ariaLabel: 'Gras', icon: 'G', key: 'Mod-b', ariaKeys: 'Control+B', keysLabel: 'Ctrl+B' },
  { id: 'italique', label: 'Italique', ariaLabel: 'Italique', icon: 'I', key: 'Mod-i', ariaKeys: 'Control+I', keysLabel: 'Ctrl+I' },
  { id: 'lien', label: 'Lien', ariaLabel: 'Lien vers un site', icon: '↗', key: 'Mod-k', ariaKeys: 'Control+K', keysLabel: 'Ctrl+K', groupStart: true },
  { id: 'lien-wiki', label: 'Lien wiki', ariaLabel: 'Lien wiki vers une page du wiki', icon: '[[ ]]', key: 'Mod-Shift-k', ariaKeys: 'Control+Shift+K', keysLabel: 'Ctrl+Maj+K' },
  { id: 'liste', label: 'Liste', ariaLabel: 'Liste à puces', icon: '•', key: 'Mod-Shift-l', ariaKeys: 'Control+Shift+L', keysLabel: 'Ctrl+Maj+L', groupStart: true },
  { id: 'case', label: 'Case à cocher', ariaLabel: 'Case à cocher (liste de tâches)', icon: '☐', key: 'Mod-Shift-x', ariaKeys: 'Control+Shift+X', keysLabel: 'Ctrl+Maj+X' },
  { id: 'tableau', label: 'Tableau', ariaLabel: 'Tableau', icon: '▦' },
  { id: 'fichier', label: 'Image ou fichier', ariaLabel: 'Image ou fichier à joindre', icon: '⇪', key: 'Mod-Shift-f', ariaKeys: 'Control+Shift+F', keysLabel: 'Ctrl+Maj+F', groupStart: true },
];
