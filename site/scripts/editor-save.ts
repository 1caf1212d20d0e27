/** Saving from the editor: JSON to /api/pages/save, the conflict view on 409, the draft kept until it succeeds. */
import { csrfOf, errorMessage, postJson } from './editor-api.ts';
import { hasConflictMarkers, showConflict, type ConflictDetails, type ConflictHandlers } from './editor-conflict.ts';
import { splitTags } from './editor-tags.ts';

/** The body of POST /api/pages/save. */
export interface SavePayload {
  /** Absent for a new page: the save creates it. */
  path?: string;
  /** Template a new page started from. */
  template?: string;
  title: string;
  type: string;
  tags: string[];
  visibility: string;
  summary: string;
  body: string;
  baseVersion: string;
  message: string;
}

/** Reads the form into the save payload (the body comes from the editor). */
export function collectPayload(form: HTMLFormElement, body: string): SavePayload {
  const data = new FormData(form);
  const text = (name: string): string => {
    const v = data.get(name);
    return typeof v === 'string' ? v : '';
  };
  // A new page's form has no path field: sending '' would name no page at all.
  return {
    ...(text('path') ? { path: text('path') } : {}),
    ...(text('template') ? { template: text('template') } : {}),
    title: text('title').trim(),
    type: text('type'),
    tags: splitTags(text('tags')),
    visibility: text('visibility'),
    summary: text('summary'),
    body,
    baseVersion: text('baseVersion'),
    message: text('message').trim(),
  };
}

/** What `saveEdit` needs. */
export interface SaveEditOptions {
  /** The editor form. */
  form: HTMLFormElement;
  /** Current Markdown. */
  body: () => string;
  /** Status line. */
  status: (message: string, tone?: 'error') => void;
  /** The conflict panel. */
  conflictPanel: HTMLElement | null;
  /** What the conflict view changes in the editor. */
  handlers: ConflictHandlers;
  /** After a successful save (clear the draft, go to the page). */
  onSaved: (result: { url: string; merged: boolean; changed: boolean }) => void;
}

/** Saves once; never throws, every outcome is told on the status line or the conflict panel. */
export async function saveEdit(options: SaveEditOptions): Promise<void> {
  const payload = collectPayload(options.form, options.body());
  if (!payload.title) return options.status('Le titre est vide : donnez un titre à la page avant d’enregistrer.', 'error');
  if (hasConflictMarkers(payload.body)) {
    return options.status(
      'Le texte contient encore des lignes de marqueurs de conflit (<<<<<<<, =======, >>>>>>>) : gardez ce qu’il faut, supprimez ces lignes, puis enregistrez.',
      'error',
    );
  }
  options.status('Enregistrement…');
  const answer = await postJson('/api/pages/save', payload, csrfOf(options.form));
  const data = answer.data as { url?: string; merged?: boolean; changed?: boolean; conflict?: ConflictDetails; proposal?: { url?: string }; message?: string } | undefined;
  if (answer.status === 200 && typeof data?.url === 'string') {
    options.status(data.changed === false ? 'Aucun changement à enregistrer.' : 'Enregistré.');
    options.onSaved({ url: data.url, merged: data.merged === true, changed: data.changed !== false });
    return;
  }
  // A contributor's edit in a reviewed section waits as a proposal: saved, but not published yet.
  const proposalUrl = proposalPage(answer.status, data);
  if (proposalUrl) {
    options.status(`${data?.message ?? 'Votre proposition attend la relecture de l’équipe.'} Ouverture de la proposition…`);
    options.onSaved({ url: proposalUrl, merged: false, changed: true });
    return;
  }
  if (answer.status === 409 && data?.conflict && options.conflictPanel) {
    showConflict(options.conflictPanel, errorMessage(answer), data.conflict, options.handlers);
    options.status('Pas encore enregistré : la page a changé entre-temps. Vérifiez le texte fusionné puis enregistrez à nouveau.', 'error');
    return;
  }
  options.status(`Pas enregistré. ${errorMessage(answer)}`, 'error');
}

/** Where a proposal (202 answer) can be followed, with its message as the page's `ok` notice. */
export function proposalPage(status: number, data: { proposal?: { url?: string }; message?: string } | undefined): string | undefined {
  const url = data?.proposal?.url;
  if (status !== 202 || typeof url !== 'string' || !url.startsWith('/')) return undefined;
  return data?.message ? `${url}?ok=${encodeURIComponent(data.message)}` : url;
}
