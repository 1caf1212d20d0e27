/**
 * The conflict view of the editor (409 from /api/pages/save): each passage both people changed,
 * side by side, to pick or combine (site/scripts/editor-conflict-passages.ts); the whole files
 * behind a disclosure, and buttons to take one side instead. The editor never receives a conflict
 * marker; the typed text stays in the panel and in the draft whatever the person chooses.
 */
import { loadYamlMapping } from '../../server/wiki/yaml.ts';
import { initialChoices, joinParts, renderPassages, splitMerged } from './editor-conflict-passages.ts';

/** The `conflict` part of a 409 answer. */
export interface ConflictDetails {
  /** The file as submitted. */
  mine: string;
  /** The file as stored now. */
  theirs: string;
  /** Merged file, with markers where both changed the same lines. */
  merged: string;
  /** The version to start from now. */
  currentVersion?: string | undefined;
  /** Number of passages both sides changed. */
  conflicts?: number | undefined;
}

/** Header fields a file's front matter may set in the form. */
export type HeaderFields = Partial<Record<'title' | 'type' | 'visibility' | 'summary' | 'tags', string>>;

/** A page file cut into front matter text and Markdown body (as the server cuts it). */
export function splitSource(source: string): { frontMatter: string | undefined; body: string } {
  const m = /^---[^\n]*\n([\s\S]*?\n)?---[ \t]*(?:\n|$)/.exec(source);
  if (!m) return { frontMatter: undefined, body: source };
  return { frontMatter: m[1] ?? '', body: source.slice(m[0].length).replace(/^\n+/, '') };
}

/** True when a text still holds conflict markers. */
export function hasConflictMarkers(text: string): boolean {
  return /^(<{7}|>{7})( |$)/m.test(text) || /^={7}$/m.test(text);
}

/** The form fields a front matter sets; undefined when it cannot be read (or still has markers). */
export function headerFields(frontMatter: string | undefined): HeaderFields | undefined {
  if (frontMatter === undefined || hasConflictMarkers(frontMatter)) return undefined;
  try {
    const data = loadYamlMapping(frontMatter, { what: 'front matter' });
    const out: HeaderFields = {};
    for (const key of ['title', 'type', 'visibility', 'summary'] as const) if (typeof data[key] === 'string') out[key] = data[key];
    const tags = data['tags'];
    if (Array.isArray(tags)) out.tags = tags.map(String).join(', ');
    else if (typeof tags === 'string') out.tags = tags;
    return out;
  } catch {
    return undefined;
  }
}

/** What the conflict view changes in the editor. */
export interface ConflictHandlers {
  /** Replaces the editor's text. */
  setBody(body: string): void;
  /** Sets header fields of the form. */
  setFields(fields: HeaderFields): void;
  /** Sets the version the next save starts from. */
  setBase(version: string): void;
}

/** Shows a conflict in `panel` and puts the merged text in the editor. */
export function showConflict(panel: HTMLElement, message: string, details: ConflictDetails, handlers: ConflictHandlers): void {
  const mine = splitSource(details.mine);
  const theirs = splitSource(details.theirs);
  const parts = splitMerged(details.merged, details.conflicts);
  // Markers that cannot be cut into passages: the whole files stay the way to choose, and the
  // editor starts from what was typed rather than from a text full of markers.
  let merged = parts ? splitSource(joinParts(parts, initialChoices(parts))) : mine;
  const text = (name: string): HTMLElement | null => panel.querySelector<HTMLElement>(`[data-conflict-${name}]`);
  const messageEl = text('message');
  if (messageEl) messageEl.textContent = message;
  const mineEl = text('mine');
  if (mineEl) mineEl.textContent = details.mine;
  const theirsEl = text('theirs');
  if (theirsEl) theirsEl.textContent = details.theirs;
  if (details.currentVersion) handlers.setBase(details.currentVersion);
  const list = text('passages');
  if (list) {
    list.hidden = !parts;
    if (parts) {
      renderPassages(list, parts, (chosen) => {
        merged = splitSource(joinParts(parts, chosen));
        use('merged');
      });
    } else list.replaceChildren();
  }

  const use = (side: 'merged' | 'mine' | 'theirs'): void => {
    const chosen = side === 'mine' ? mine : side === 'theirs' ? theirs : merged;
    // Header fields follow the chosen side when it can be read; a header changed on both sides keeps what was typed.
    const fields = headerFields(chosen.frontMatter);
    if (fields) handlers.setFields(fields);
    handlers.setBody(chosen.body);
  };
  for (const button of panel.querySelectorAll<HTMLButtonElement>('[data-conflict-use]')) {
    button.onclick = () => use(button.dataset['conflictUse'] as 'merged' | 'mine' | 'theirs');
  }
  use('merged');
  panel.hidden = false;
  panel.scrollIntoView({ block: 'start' });
  panel.focus();
}
