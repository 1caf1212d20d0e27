/** French wording of dates, counts, types and licences. */
import { pageTypeLabels, pageTypes, type KnownPageType } from '../../server/wiki/schema.ts';
import { licenceInfo } from '../../server/wiki/repo-settings.ts';

const dayFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDayFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Paris' });

/** `2026-03-12` → « 12 mars 2026 »; a full ISO time is shown in Paris time. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? dayFormat.format(d) : shortDayFormat.format(d);
}

/** Machine-readable form for `<time datetime>`. */
export function isoDate(iso: string | undefined): string | undefined {
  return iso && !Number.isNaN(new Date(iso).getTime()) ? iso : undefined;
}

/** « 1 page », « 3 pages ». */
export function countLabel(n: number, one: string, many: string): string {
  return `${n.toLocaleString('fr-FR')} ${n <= 1 ? one : many}`;
}

function isKnown(type: string): type is KnownPageType {
  return (pageTypes as readonly string[]).includes(type);
}

/** French label of a page type; unknown types keep their own name, capitalised. */
export function typeLabel(type: string, plural = false): string {
  if (isKnown(type)) return plural ? pageTypeLabels[type].many : pageTypeLabels[type].one;
  return type.charAt(0).toUpperCase() + type.slice(1).replace(/-/g, ' ');
}

/** Sort rank of a type: known types in their natural order, then the others. */
export function typeRank(type: string): number {
  const i = (pageTypes as readonly string[]).indexOf(type);
  return i < 0 ? pageTypes.length : i;
}

/** `CC-BY-SA-4.0` → « CC BY-SA 4.0 », `etalab-2.0` → « Licence Ouverte 2.0 (Etalab) »: one wording for page, print, footer and export. */
export function licenceLabel(id: string): string {
  return licenceInfo(id).label;
}

/** Link to the licence's text, when the hub knows the id (Creative Commons, Licence Ouverte, MIT…). */
export function licenceUrl(id: string): string | undefined {
  return licenceInfo(id).url;
}

/** French names of the sections the sample wiki and most teams use (folder names carry no accents). */
export const knownSectionTitles: Readonly<Record<string, string>> = {
  accompagnements: 'Accompagnements',
  accueil: 'Accueil',
  agenda: 'Agenda',
  archives: 'Archives',
  'comptes-rendus': 'Comptes rendus',
  decisions: 'Décisions',
  equipe: 'Équipe',
  evenements: 'Événements',
  imports: 'Imports',
  journal: 'Journal',
  projets: 'Projets',
  reunions: 'Réunions',
  ressources: 'Ressources',
  tutoriels: 'Tutoriels',
};

/**
 * Display title of a section: its landing page's title when the viewer may read one
 * (`reader.sectionTitle`), else the known French name, else the folder name (`comptes-rendus` →
 * « Comptes rendus »).
 */
export function sectionLabel(section: string, landingTitle?: string): string {
  if (!section) return 'Racine';
  if (landingTitle?.trim()) return landingTitle.trim();
  const known = knownSectionTitles[section.toLowerCase()];
  if (known) return known;
  const s = section.replace(/[-_]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
