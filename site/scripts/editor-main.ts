/**
 * Starts the page editor on `form[data-editor]`: CodeMirror instead of the textarea (kept in step,
 * so the form still means the same thing), toolbar and shortcuts, live preview, tags, drafts,
 * uploads, and saving with the conflict view. Without this script the form works as a plain form.
 */
import type { KeyBinding } from '@codemirror/view';
import type { EditorView } from '@codemirror/view';
import { csrfOf } from './editor-api.ts';
import { toolbarButtons, type EditorCommandId } from './editor-buttons.ts';
import { createMarkdownEditor } from './editor-codemirror.ts';
import { insertBlock, insertInline, insertLink, insertWikiLink, tableTemplate, toggleLinePrefix, toggleWrap } from './editor-commands.ts';
import type { HeaderFields } from './editor-conflict.ts';
import { browserStorage, createDraftStore } from './editor-draft.ts';
import { rovingToolbar, splitOrTabs } from './editor-layout.ts';
import { createPageList, resolverOf, wikiLinkCompletion } from './editor-pages.ts';
import { mentionCompletion } from './mention-complete.ts';
import { createPreview } from './editor-preview.ts';
import { saveEdit } from './editor-save.ts';
import { enhanceTags } from './editor-tags.ts';
import { uploadFiles } from './editor-upload.ts';
import { offerDraft } from './editor-draft-notice.ts';

// Fields that identify the edit rather than hold the person's words.
const notDrafted: ReadonlySet<string> = new Set(['_csrf', 'path', 'baseVersion', 'body', 'retour']);

function setup(form: HTMLFormElement): void {
  const q = <T extends Element>(selector: string, root: ParentNode = document): T | null => root.querySelector<T>(selector);
  const source = q<HTMLTextAreaElement>('[data-editor-source]', form);
  const mount = q<HTMLElement>('[data-editor-mount]', form);
  if (!source || !mount) return;
  const path = form.dataset['path'] ?? '';
  const statusEl = q<HTMLElement>('[data-editor-status]', form);
  const status = (message: string, tone?: 'error'): void => {
    if (!statusEl) return;
    statusEl.textContent = message;
    if (tone) statusEl.dataset['tone'] = tone;
    else delete statusEl.dataset['tone'];
  };
  const pages = createPageList();
  const draft = createDraftStore({ key: form.dataset['draftKey'] ?? `gare:brouillon:${path}`, storage: browserStorage() });
  const base = q<HTMLInputElement>('[data-base-version]', form);
  let saved = false;
  let draftsOn = false;

  const fileInput = q<HTMLInputElement>('[data-upload-input]', form);
  // A new page has no folder for files until its first save writes it.
  const upload = (files: File[]): void =>
    path === ''
      ? status('Enregistrez d’abord la page : vous pourrez ensuite y joindre des fichiers depuis « Modifier ».', 'error')
      : void uploadFiles(files, { page: path, csrf: csrfOf(form), insert: (md) => insertInline(view, md), status });
  const commands: Record<EditorCommandId, (v: EditorView) => boolean> = {
    titre: (v) => toggleLinePrefix(v, '## '),
    gras: (v) => toggleWrap(v, '**', 'texte en gras'),
    italique: (v) => toggleWrap(v, '_', 'texte en italique'),
    lien: insertLink,
    'lien-wiki': insertWikiLink,
    liste: (v) => toggleLinePrefix(v, '- '),
    case: (v) => toggleLinePrefix(v, '- [ ] '),
    tableau: (v) => insertBlock(v, tableTemplate),
    fichier: () => {
      if (path === '') upload([]);
      else fileInput?.click();
      return true;
    },
  };
  const bindings: KeyBinding[] = toolbarButtons.flatMap((b) => (b.key ? [{ key: b.key, run: commands[b.id], preventDefault: true }] : []));

  const previewTarget = q<HTMLElement>('[data-editor-preview]', form);
  const preview = previewTarget
    ? createPreview({ target: previewTarget, problems: q('[data-editor-problems]', form), text: () => view.state.doc.toString(), path, resolver: async () => resolverOf(await pages()) })
    : undefined;

  const fieldsOf = (): Record<string, string> =>
    Object.fromEntries([...new FormData(form)].filter(([k, v]) => typeof v === 'string' && !notDrafted.has(k))) as Record<string, string>;
  const saveDraft = (): void => {
    if (!draftsOn || saved) return;
    draft.save({ fields: fieldsOf(), body: view.state.doc.toString(), baseVersion: base?.value ?? '' });
  };
  let draftTimer: ReturnType<typeof setTimeout> | undefined;
  const changed = (): void => {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(saveDraft, 400);
  };

  const view = createMarkdownEditor({
    parent: mount,
    text: source.value,
    bindings,
    // `@Prénom` among the people who may read the page (a new page has no readers yet).
    completions: [wikiLinkCompletion(pages), ...(path ? [mentionCompletion(`page:${path}`)] : [])],
    attributes: { 'aria-label': 'Texte de la page (Markdown)' },
    onChange: (text) => {
      source.value = text;
      preview?.schedule();
      changed();
    },
    onFiles: upload,
  });
  source.hidden = true;
  q<HTMLLabelElement>('label[for="champ-texte"]', form)?.addEventListener('click', () => view.focus());

  const toolbar = q<HTMLElement>('[data-editor-toolbar]', form);
  if (toolbar) {
    toolbar.hidden = false;
    rovingToolbar(toolbar);
    toolbar.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-cmd]');
      const id = button?.dataset['cmd'] as EditorCommandId | undefined;
      if (id && id in commands) commands[id](view);
    });
  }
  fileInput?.addEventListener('change', () => {
    const files = [...(fileInput.files ?? [])];
    fileInput.value = '';
    if (files.length > 0) upload(files);
  });

  const tagRoot = q<HTMLElement>('[data-tag-editor]', form);
  const tags = tagRoot ? enhanceTags(tagRoot, changed) : undefined;
  form.addEventListener('input', changed);

  const area = q<HTMLElement>('[data-editor-area]', form);
  const tabs = q<HTMLElement>('[data-editor-tabs]', form);
  const write = q<HTMLElement>('[data-pane="ecrire"]', form);
  const previewPane = q<HTMLElement>('[data-pane="apercu"]', form);
  if (area && tabs && write && previewPane && preview) splitOrTabs({ area, tabs, write, preview: previewPane, onShowPreview: () => void preview.now() });

  const setBody = (text: string): void => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  const setFields = (fields: HeaderFields & Record<string, string | undefined>): void => {
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      if (name === 'tags' && tags) {
        tags.set(value.split(',').map((t) => t.trim()).filter(Boolean));
        continue;
      }
      const field = form.elements.namedItem(name);
      if (field instanceof RadioNodeList) field.value = value;
      else if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = value;
    }
  };
  const setBase = (version: string): void => {
    if (base && version) base.value = version;
  };

  offerDraft({
    draft,
    current: { body: source.value, fields: fieldsOf() },
    restore: (d) => {
      setFields(d.fields);
      setBody(d.body);
      setBase(d.baseVersion);
      status('Brouillon repris : relisez-le puis enregistrez.');
      view.focus();
    },
    ready: () => {
      draftsOn = true;
    },
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    tags?.flush();
    // The text is in the browser before it leaves: a failed or refused save never costs it.
    clearTimeout(draftTimer);
    saveDraft();
    void saveEdit({
      form,
      body: () => view.state.doc.toString(),
      status,
      conflictPanel: q<HTMLElement>('[data-conflict]'),
      handlers: { setBody, setFields, setBase },
      onSaved: ({ url }) => {
        saved = true;
        clearTimeout(draftTimer);
        draft.clear();
        window.location.assign(url);
      },
    });
  });
}

const form = document.querySelector<HTMLFormElement>('form[data-editor]');
if (form) setup(form);
