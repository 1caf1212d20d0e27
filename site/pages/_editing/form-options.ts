/** Choices offered by the editing forms, in French, as the viewer may use them. */
import type { WikiReader } from '../../../server/reading/wiki-reader.ts';
import { pageTypeLabels, pageTypes } from '../../../server/wiki/schema.ts';
import type { Visibility } from '../../../server/wiki/schema.ts';

/** One `<option>`. */
export interface Choice {
  /** Submitted value. */
  value: string;
  /** French label. */
  label: string;
}

/** Page types with their French labels; an unknown current type is kept as a choice. */
export function typeChoices(current?: string): Choice[] {
  const known: Choice[] = pageTypes.map((t) => ({ value: t, label: pageTypeLabels[t].one }));
  if (current && !known.some((c) => c.value === current)) known.push({ value: current, label: current });
  return known;
}

/** Visibilities the viewer may give a page (contributeurs: public only). */
export function visibilityChoices(reader: WikiReader): { value: Visibility; label: string; hint: string }[] {
  const all = [
    { value: 'public' as const, label: 'Publique', hint: 'Tout le monde peut la lire, même sans compte.' },
    { value: 'equipe' as const, label: 'Équipe uniquement', hint: 'Invisible pour les visiteurs et les contributeur·ices.' },
  ];
  return all.filter((v) => reader.can('page.write', { visibility: v.value }));
}

/** Tags as the no-JavaScript field shows them: comma-separated. */
export function tagsField(tags: readonly string[]): string {
  return tags.join(', ');
}
