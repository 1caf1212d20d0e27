/** On opening the editor: offer the draft left by an earlier visit, if it differs from the page. */
import type { Draft, DraftStore } from './editor-draft.ts';

/** Options of `offerDraft`. */
export interface OfferDraftOptions {
  /** The page's draft slot. */
  draft: DraftStore;
  /** What the editor opened with. */
  current: { body: string; fields: Record<string, string> };
  /** Puts the draft in the editor. */
  restore: (draft: Draft) => void;
  /** Called once drafts may be written (the old one was taken, discarded or absent). */
  ready: () => void;
}

const when = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' });

/**
 * Shows the « brouillon retrouvé » notice. Until the person answers, nothing overwrites the old
 * draft: typing first must not destroy the text they came back for.
 */
export function offerDraft({ draft, current, restore, ready }: OfferDraftOptions): void {
  const saved = draft.load();
  const notice = document.querySelector<HTMLElement>('[data-draft-notice]');
  const same = saved !== undefined && saved.body === current.body && Object.entries(saved.fields).every(([k, v]) => current.fields[k] === v);
  if (!saved || !notice || same) {
    // A draft equal to the page holds nothing to recover.
    if (same) draft.clear();
    ready();
    return;
  }
  const date = notice.querySelector<HTMLElement>('[data-draft-date]');
  const at = new Date(saved.savedAt);
  if (date && !Number.isNaN(at.getTime())) date.textContent = `(écrit le ${when.format(at)})`;
  const close = (): void => {
    notice.hidden = true;
    ready();
  };
  notice.querySelector('[data-draft-restore]')?.addEventListener('click', () => {
    restore(saved);
    close();
  });
  notice.querySelector('[data-draft-discard]')?.addEventListener('click', () => {
    draft.clear();
    close();
  });
  notice.hidden = false;
}
