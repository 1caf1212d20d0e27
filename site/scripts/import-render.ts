/** Builds the preview and the report of an import as DOM nodes (text only: names come from the upload). */

/** A page as the preview lists it (server/import/build-plan.ts PlannedPage without its content). */
export interface PreviewPage {
  /** Title. */
  title: string;
  /** Repository path. */
  path: string;
  /** Address. */
  url: string;
  /** Type. */
  type: string;
  /** Tags. */
  tags: string[];
  /** `public` or `equipe`. */
  visibility: string;
  /** The path it would have had when that one was taken. */
  renamedFrom?: string | undefined;
  /** Its images and attachments. */
  files: string[];
}

/** Something left out, and why. */
export interface Skipped {
  /** Name in the upload. */
  name: string;
  /** Why. */
  reason: string;
}

/** The preview answer. */
export interface Preview {
  /** Format read, in French. */
  formatLabel: string;
  /** Pages to create. */
  pages: PreviewPage[];
  /** Left out. */
  skipped: Skipped[];
  /** Original authors credited. */
  authors: string[];
}

/** The import answer. */
export interface Report {
  /** Pages made. */
  pages: { title: string; url: string }[];
  /** Files stored. */
  files: { path: string; url: string }[];
  /** Left out. */
  skipped: Skipped[];
  /** Original authors credited. */
  authors: string[];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function skippedList(skipped: Skipped[]): HTMLElement[] {
  if (skipped.length === 0) return [];
  const list = el('ul', undefined, { 'data-import-skipped': '' });
  for (const s of skipped) {
    const item = el('li');
    item.append(el('strong', s.name), ` : ${s.reason}`);
    list.append(item);
  }
  return [el('h3', `Laissé de côté (${skipped.length})`), list];
}

function credits(authors: string[]): HTMLElement[] {
  return authors.length > 0 ? [el('p', `Auteur·ices d’origine, crédité·es dans l’historique : ${authors.join(', ')}.`, { 'data-import-authors': '' })] : [];
}

/** The preview: a table of the pages to create, renamings, what is left out, and the two buttons. */
export function renderPreview(preview: Preview): HTMLElement[] {
  const table = el('table', undefined, { 'data-import-preview': '' });
  const head = el('tr');
  for (const h of ['Titre', 'Adresse', 'Type', 'Étiquettes', 'Visibilité', 'Images et fichiers']) head.append(el('th', h, { scope: 'col' }));
  table.append(el('thead'), el('tbody'));
  table.tHead?.append(head);
  for (const page of preview.pages) {
    const row = el('tr');
    const address = el('td', page.url);
    if (page.renamedFrom) address.append(el('br'), el('span', `(« ${page.renamedFrom} » existe déjà : la page prendra ce nom-ci, rien n’est remplacé)`, { class: 'muted small' }));
    row.append(el('td', page.title), address, el('td', page.type), el('td', page.tags.join(', ') || '—'), el('td', page.visibility === 'public' ? 'Publique' : 'Équipe uniquement'), el('td', page.files.join(', ') || '—'));
    table.tBodies[0]?.append(row);
  }
  const actions = el('p', undefined, { class: 'import-actions' });
  actions.append(el('button', `Importer ${plural(preview.pages.length, 'page', 'pages')}`, { type: 'button', class: 'button', 'data-import-confirm': '' }), el('button', 'Annuler', { type: 'button', class: 'button button-secondary', 'data-import-cancel': '' }));
  return [el('p', `${preview.formatLabel} : ${plural(preview.pages.length, 'page sera créée', 'pages seront créées')}. Rien n’est encore enregistré.`), table, ...credits(preview.authors), ...skippedList(preview.skipped), actions];
}

/** The report: links to the new pages, the files stored, what was left out. */
export function renderReport(report: Report): HTMLElement[] {
  const list = el('ul', undefined, { 'data-import-report': '' });
  for (const page of report.pages) {
    const item = el('li');
    item.append(el('a', page.title, { href: page.url }));
    list.append(item);
  }
  const files = report.files.length > 0 ? [el('p', `${plural(report.files.length, 'image ou fichier joint', 'images ou fichiers joints')} aux pages.`)] : [];
  return [el('p', `Import terminé : ${plural(report.pages.length, 'page créée', 'pages créées')}, en une seule modification de l’historique.`), list, ...files, ...credits(report.authors), ...skippedList(report.skipped)];
}
