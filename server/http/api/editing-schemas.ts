/** The bodies and query strings of the editing API, one zod schema each (types come from them). */
import { z } from 'zod';
import { VisibilitySchema } from '../../wiki/schema.ts';

/** Tags as a list, or as a comma-separated string (HTML forms). */
const TagsInput = z
  .union([z.array(z.string().max(80)).max(50), z.string().max(4000)])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((t) => t.trim()).filter((t) => t.length > 0));

/** Page type: lower-case letters, digits and dashes. */
const TypeInput = z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,40}$/, 'type de page : lettres minuscules, chiffres et tirets');

/** A page path or slug as the site shows it (`ressources/visio` or `ressources/visio.md`). */
const PathInput = z.string().trim().min(1).max(400);

/** POST /api/pages/save */
export const SavePageInput = z.object({
  /** Existing page path; without it the page is created. */
  path: PathInput.optional(),
  /** Title. */
  title: z.string().trim().min(1, 'le titre est obligatoire').max(200),
  /** Page type. */
  type: TypeInput,
  /** Tags. */
  tags: TagsInput.default([]),
  /** Who may read it. */
  visibility: VisibilitySchema,
  /** One-sentence summary. */
  summary: z.string().max(500).optional(),
  /** Markdown body (without front matter). */
  body: z.string().max(900_000),
  /** Commit id the edit started from (`version` of GET /api/pages/…). */
  baseVersion: z.string().trim().max(64).optional(),
  /** Template a new page's text started from (its untouched text is refused). */
  template: z.string().trim().max(60).optional(),
  /** Commit message. */
  message: z.string().max(1000).optional(),
});

/** POST /api/pages/create */
export const CreatePageInput = z.object({
  /** Title (the file name comes from it). */
  title: z.string().trim().min(1, 'le titre est obligatoire').max(200),
  /** Page type (decides folder and default visibility). */
  type: TypeInput,
  /** Tags. */
  tags: TagsInput.default([]),
  /** Visibility; default by type. */
  visibility: VisibilitySchema.optional(),
  /** Folder instead of the type's one. */
  section: z.string().trim().max(60).optional(),
  /** Summary. */
  summary: z.string().max(500).optional(),
  /** Body; default the template's. */
  body: z.string().max(900_000).optional(),
  /** Template name; default the type. */
  template: z.string().trim().max(60).optional(),
  /** Commit message. */
  message: z.string().max(1000).optional(),
});

/** POST /api/pages/rename */
export const RenamePageInput = z.object({
  /** Current page path. */
  path: PathInput,
  /** New title. */
  newTitle: z.string().trim().max(200).optional(),
  /** New folder. */
  newSection: z.string().trim().max(60).optional(),
  /** Commit the person looked at. */
  baseVersion: z.string().trim().max(64).optional(),
});

/** POST /api/pages/delete */
export const DeletePageInput = z.object({
  /** Page path. */
  path: PathInput,
  /** What becomes of `<slug>.fichiers/`. */
  attachments: z.enum(['keep', 'delete']).default('keep'),
  /** Commit message. */
  message: z.string().max(1000).optional(),
});

/** POST /api/pages/restore */
export const RestorePageInput = z.object({
  /** Page path. */
  path: PathInput,
  /** Commit of the version to restore. */
  oid: z.string().trim().regex(/^[0-9a-f]{40}$/, 'identifiant de version (40 caractères hexadécimaux)'),
});

/** GET /api/pages/history?path= and GET /api/attachments?page= */
export const PathQuery = z.object({ path: PathInput });

/** GET /api/pages/version?path=&oid= */
export const VersionQuery = z.object({ path: PathInput, oid: z.string().trim().min(1).max(64) });

/** GET /api/pages/diff?path=&from=&to=&context= */
export const DiffQuery = z.object({
  /** Page path. */
  path: PathInput,
  /** Older commit. */
  from: z.string().trim().min(1).max(64),
  /** Newer commit (default: latest version). */
  to: z.string().trim().min(1).max(64).optional(),
  /** Unchanged lines kept around each change (default: all). */
  context: z.coerce.number().int().min(0).max(1000).optional(),
});

/** GET /api/changes and GET /api/feed.xml */
export const ChangesQuery = z.object({
  /** Commits at most. */
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Author name or e-mail. */
  author: z.string().trim().max(200).optional(),
  /** Page type. */
  type: z.string().trim().toLowerCase().max(40).optional(),
  /** Tag (key or display form). */
  tag: z.string().trim().max(80).optional(),
  /** ISO date or `AAAA-MM-JJ`. */
  since: z.string().trim().max(40).refine((s) => !Number.isNaN(new Date(s).getTime()), 'date illisible (attendu : AAAA-MM-JJ)').optional(),
});

/** Query string parameters as an object (empty ones left out). */
export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ''));
}
