/** Choices offered by the editing forms, in French, as the viewer may use them. */
import type { WikiReader } from '../../../server/reading/wiki-reader.ts';
import { defaultVisibility, pageTypeLabels, pageTypes } from '../../../server/wiki/schema.ts';
import type { Visibility } from '../../../server/wiki/schema.ts';

/** One `<option>`. */
export interface Choice {
  /** Submitted value. */
  value: string;
  /** French label. */
  label: string;
}

/** A visibility radio: value, label and what it means. */
export interface VisibilityChoice {
  /** Submitted value. */
  value: Visibility;
  /** French label. */
  label: string;
  /** Who reads such a page, in French. */
  hint: string;
}

const allVisibilities: readonly VisibilityChoice[] = [
  { value: 'public', label: 'Publique', hint: 'Tout le monde peut la lire, même sans compte.' },
  { value: 'equipe', label: 'Équipe uniquement', hint: 'Invisible pour les visiteurs et les contributeur·ices.' },
];

/** Page types with their French labels; an unknown current type is kept as a choice. */
export function typeChoices(current?: string): Choice[] {
  const known: Choice[] = pageTypes.map((t) => ({ value: t, label: pageTypeLabels[t].one }));
  if (current && !known.some((c) => c.value === current)) known.push({ value: current, label: current });
  return known;
}

/** Visibilities the viewer may give a page (contributeurs: public only). */
export function visibilityChoices(reader: WikiReader): VisibilityChoice[] {
  return allVisibilities.filter((v) => reader.can('page.write', { visibility: v.value }));
}

/** Page types the viewer may start (contributeurs: none of the team's), with the visibility each defaults to. */
export function creatableTypes(reader: WikiReader): (Choice & { defaultVisibility: Visibility })[] {
  return typeChoices()
    .map((t) => ({ ...t, defaultVisibility: defaultVisibility(t.value) }))
    .filter((t) => reader.can('page.create', { visibility: t.defaultVisibility, typeVisibility: t.defaultVisibility }));
}

/** Visibilities the viewer may give a new page of `type`. */
export function creationVisibilities(reader: WikiReader, type: string): VisibilityChoice[] {
  const typeVisibility = defaultVisibility(type);
  return allVisibilities.filter((v) => reader.can('page.create', { visibility: v.value, typeVisibility }));
}

/** Tags as the no-JavaScript field shows them: comma-separated. */
export function tagsField(tags: readonly string[]): string {
  return tags.join(', ');
}
