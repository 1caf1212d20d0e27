/** The one schema of what the person chooses before importing (query of `POST /api/import`). */
import { z } from 'zod';
import { VisibilitySchema } from '../wiki/schema.ts';

/** Largest upload read (a bigger one is refused while it streams in, never buffered whole). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** What the person chose in « Importer ». */
export const ImportOptionsSchema = z.object({
  /** `apercu`: show what would be created; `importer`: create it. */
  etape: z.enum(['apercu', 'importer']).default('apercu'),
  /** Target section (folder); empty: the type's own section. */
  rubrique: z.string().trim().max(60).default(''),
  /** Type of the new pages. */
  type: z.string().trim().min(1).max(40).toLowerCase().regex(/^[a-z0-9-]+$/, 'lettres, chiffres et tirets seulement').default('page'),
  /** Tags added to every page, comma-separated. */
  etiquettes: z.string().max(500).default(''),
  /** Who may read the new pages: team-only unless the person says otherwise. */
  visibilite: VisibilitySchema.default('equipe'),
});

/** Parsed import options. */
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;

/** The tags of the options as a list (`réunion, CA` → `['réunion', 'CA']`). */
export function optionTags(options: Pick<ImportOptions, 'etiquettes'>): string[] {
  return [...new Set(options.etiquettes.split(',').map((t) => t.trim()).filter((t) => t !== ''))].slice(0, 20);
}
