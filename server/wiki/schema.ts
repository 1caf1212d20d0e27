/**
 * The one schema of a page's front matter, shared by the site, the server, the editor and the
 * checks. No `node:` import: the browser loads it too.
 */
import { z } from 'zod';
import { safeParseFrench } from '../french-errors.ts';
import { sectionAccess, sectionLicence, sectionVisibility, type RepoSettings } from './repo-settings.ts';

/** Kinds of page the hub knows; unknown kinds from other tools are kept as they are. */
export const pageTypes = [
  'accompagnement',
  'compte-rendu',
  'reunion',
  'tutoriel',
  'ressource',
  'journal',
  'agenda',
  'pad',
  'page',
] as const;

/** A page type the hub has a label and defaults for. */
export type KnownPageType = (typeof pageTypes)[number];

/** French labels (singular, plural) of each known type. */
export const pageTypeLabels: Record<KnownPageType, { one: string; many: string }> = {
  accompagnement: { one: 'Dossier d’accompagnement', many: 'Dossiers d’accompagnement' },
  'compte-rendu': { one: 'Compte-rendu', many: 'Comptes-rendus' },
  reunion: { one: 'Réunion', many: 'Réunions' },
  tutoriel: { one: 'Tutoriel', many: 'Tutoriels' },
  ressource: { one: 'Fiche ressource', many: 'Fiches ressources' },
  journal: { one: 'Journal de bord', many: 'Journaux de bord' },
  agenda: { one: 'Agenda', many: 'Agendas' },
  pad: { one: 'Pad publié', many: 'Pads publiés' },
  page: { one: 'Page', many: 'Pages' },
};

/** Who may read a page. */
export const VisibilitySchema = z.enum(['public', 'equipe']);
/** Who may read a page: `public` (everyone) or `equipe` (logged-in team). */
export type Visibility = z.infer<typeof VisibilitySchema>;

/** Types whose pages are public unless they say otherwise; every other type is team-only. */
const publicByDefault: ReadonlySet<string> = new Set(['ressource', 'tutoriel', 'agenda']);

/** Default visibility of a page of this type (privacy first: unknown types are team-only). */
export function defaultVisibility(type: string): Visibility {
  return publicByDefault.has(type) ? 'public' : 'equipe';
}

/** The licence public pages carry unless they say otherwise. */
export const defaultLicense = 'CC-BY-SA-4.0';

const TagListSchema = z
  .union([z.array(z.union([z.string(), z.number()])), z.string()])
  .transform((v) =>
    (Array.isArray(v) ? v.map(String) : v.split(','))
      .map((t) => t.trim())
      .filter((t) => t.length > 0 && t.length <= 80),
  );

/** `AAAA-MM-JJ` when it is a real calendar date (no 13th month rolling into next year). */
function calendarDate(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|\s*[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date.toISOString().slice(0, 10) : undefined;
}

const DateSchema = z.union([z.date(), z.string(), z.number()]).transform((v, ctx) => {
  const iso = v instanceof Date ? (Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10)) : calendarDate(String(v));
  if (!iso) {
    ctx.addIssue({ code: 'custom', message: 'date illisible (attendu : AAAA-MM-JJ, par exemple 2026-03-12)' });
    return z.NEVER;
  }
  return iso;
});

// Fields of other generators (Jekyll, Hugo, VuePress, Docusaurus, MkDocs, just-the-docs): a value
// the hub cannot use is ignored rather than reported, as an unknown field would be — except
// `draft`, which decides who reads the page: unreadable, it is reported (and the page team-only).
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const OrderSchema = lenient(z.union([z.number(), z.string().trim().regex(/^-?\d+(?:\.\d+)?$/)]).transform(Number).pipe(z.number().finite()));
const AddressListSchema = lenient(
  z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]).map((a) => a.trim()).filter((a) => a.length > 0 && a.length <= 400).slice(0, 100)),
);
const GeneratorFieldsShape = {
  /** Summary in Hugo, Docusaurus, VuePress (`summary` wins when both are given). */
  description: lenient(z.string().trim().transform((v) => v.slice(0, 500))),
  /** More tags (Jekyll, Hugo). */
  categories: lenient(TagListSchema),
  /** More tags (Hugo, Docusaurus). */
  keywords: lenient(TagListSchema),
  /** `true`: not published yet, team-only whatever the settings say. */
  draft: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
  /** Order within a section: Hugo. */
  weight: OrderSchema,
  /** Order within a section: Docusaurus. */
  sidebar_position: OrderSchema,
  /** Order within a section: just-the-docs (Jekyll). */
  nav_order: OrderSchema,
  /** Order within a section: VitePress and others. */
  order: OrderSchema,
  /** Old addresses that lead to the page (jekyll-redirect-from). */
  redirect_from: AddressListSchema,
};

/** Front matter as written in a page file. Unknown fields (`permalink`, …) are kept, not rejected. */
export const FrontMatterSchema = z.looseObject({
  /** Title of the page; defaults to the first heading, then the file name. */
  title: z.string().trim().min(1).max(200).optional(),
  /** Kind of page (accompagnement, compte-rendu, reunion, tutoriel, ressource, …). */
  type: z.string().trim().min(1).max(40).toLowerCase().optional(),
  /** Tags; a list or a comma-separated string. */
  tags: TagListSchema.optional(),
  /** `public` or `equipe`; defaults by type. */
  visibility: VisibilitySchema.optional(),
  /** SPDX licence id; public pages default to CC-BY-SA-4.0. */
  license: z.string().trim().min(1).max(60).optional(),
  /** Date the page is about (meeting, interview), `AAAA-MM-JJ`. */
  date: DateSchema.optional(),
  /** One-sentence summary shown in lists and search results. */
  summary: z.string().trim().max(500).optional(),
  /** Other titles `[[…]]` links may use to reach this page. */
  aliases: TagListSchema.optional(),
  /** People present (meetings, pads). */
  participants: TagListSchema.optional(),
  /** Name of the pad this page was published from. */
  pad: z.string().trim().max(120).optional(),
  /** Review state set by sync: `a-reconcilier` when both sides of a conflict are kept. */
  status: z.string().trim().max(40).optional(),
  /** Groups whose members alone read and write the page (overrides its section's `_gare/acces.yml`). */
  groupes: TagListSchema.optional(),
  ...GeneratorFieldsShape,
});

/** Front matter as written (after coercion). */
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/** Validates front matter fields; issues are worded in French (they are shown on « Pages à corriger »). */
export function parseFrontMatter(fields: unknown): z.ZodSafeParseResult<FrontMatter> {
  return safeParseFrench(FrontMatterSchema, fields);
}

/** Front matter with every default applied: what the hub uses. */
export interface PageMeta {
  /** Title shown everywhere. */
  title: string;
  /** Page type, lower-case. */
  type: string;
  /** Tags as written (display form). */
  tags: string[];
  /** Who may read it. */
  visibility: Visibility;
  /** Licence id, or undefined for team pages without one. */
  license: string | undefined;
  /** `AAAA-MM-JJ` or undefined. */
  date: string | undefined;
  /** Summary, or undefined. */
  summary: string | undefined;
  /** Alternative titles. */
  aliases: string[];
  /** People present. */
  participants: string[];
  /** Linked pad name. */
  pad: string | undefined;
  /** Sync/review status. */
  status: string | undefined;
  /** Groups (names as written) whose members alone read the page; empty: no group restriction. */
  groups: string[];
  /** Groups whose members alone write the page; empty: no group restriction. */
  writeGroups: string[];
  /** Place within its section (`weight`, `sidebar_position`, `nav_order` or `order`), smaller first; undefined: none given. */
  order: number | undefined;
  /** True for a page marked `draft: true` (team-only). */
  draft: boolean;
  /**
   * What decided the visibility: the page (`visibility:`), its `draft: true`, the repository's
   * `_gare/visibilite.yml`, its type's default, or a problem in the page (team-only until fixed).
   */
  visibilityFrom: 'page' | 'draft' | 'settings' | 'type' | 'problem';
}

/** A content problem found while reading a page, with the field at fault. */
export interface FieldProblem {
  /** Front matter field (or `front matter` / `body`). */
  field: string;
  /** What is wrong, in French. */
  message: string;
}

/** Where a page sits, for the repository's settings: its top-level folder and the settings in force. */
export interface MetaContext {
  /** First folder of the page (`''` at the root). */
  section: string;
  /** Settings of the repository (`_gare/*.yml`) at the version being read. */
  settings: RepoSettings;
}

/**
 * Applies defaults to validated front matter; `fallbackTitle` comes from the heading or file name.
 * What the page says wins, then its section's settings, then the repository's, then the type.
 */
export function resolveMeta(fm: FrontMatter, fallbackTitle: string, { section, settings }: MetaContext): PageMeta {
  const type = fm.type ?? 'page';
  const draft = fm.draft === true;
  const fromSettings = sectionVisibility(settings, section);
  const visibilityFrom = draft ? 'draft' : fm.visibility ? 'page' : fromSettings ? 'settings' : 'type';
  const visibility = draft ? 'equipe' : (fm.visibility ?? fromSettings ?? defaultVisibility(type));
  const access = sectionAccess(settings, section);
  const groups = fm.groupes ? dedupe(fm.groupes) : access.read;
  return {
    title: fm.title ?? fallbackTitle,
    type,
    tags: dedupe([...(fm.tags ?? []), ...(fm.categories ?? []), ...(fm.keywords ?? [])]),
    visibility,
    license: fm.license ?? sectionLicence(settings, section) ?? (visibility === 'public' ? defaultLicense : undefined),
    date: fm.date,
    summary: fm.summary ?? (fm.description || undefined),
    // An alias that looks like an address (`/ancien/chemin/`) is a redirect, not a title.
    aliases: (fm.aliases ?? []).filter((a) => !isAddressLike(a)),
    participants: fm.participants ?? [],
    pad: fm.pad,
    status: fm.status,
    groups,
    writeGroups: fm.groupes ? groups : access.write,
    order: fm.weight ?? fm.sidebar_position ?? fm.nav_order ?? fm.order,
    draft,
    visibilityFrom,
  };
}

/** True when an `aliases:` value is an address (Hugo, Jekyll) rather than another title: it has a `/`. */
export function isAddressLike(value: string): boolean {
  return value.includes('/');
}

/** Addresses that redirect to the page: `redirect_from:` and the address-like `aliases:`. */
export function redirectsOf(fm: FrontMatter): string[] {
  return dedupe([...(fm.redirect_from ?? []), ...(fm.aliases ?? []).filter(isAddressLike)]);
}

function dedupe(tags: string[]): string[] {
  return [...new Set(tags)];
}
