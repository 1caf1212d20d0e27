/** Command-line arguments of `npm run export`. */
import { z } from 'zod';
import { ConfigError } from '../../server/errors.ts';

/** The export's arguments. */
export const ExportArgsSchema = z.object({
  /** Folder to write the static site into. */
  out: z.string().min(1).default('./export'),
  /** Content repository to export; default: the hub's configured one (GARE_CONTENT_DIR or `<data>/wiki`). */
  content: z.string().min(1).optional(),
  /** Rebuild the site first when its sources changed (`--no-build` keeps `dist/` as it is). */
  build: z.boolean().default(true),
});

/** The export's arguments, parsed. */
export type ExportArgs = z.infer<typeof ExportArgsSchema>;

/** Reads `--out <dir>`, `--content <dir>` (also `--flag=value`) and `--no-build`; anything else is a ConfigError. */
export function parseExportArgs(argv: readonly string[]): ExportArgs {
  const raw: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--no-build') {
      raw['build'] = false;
      continue;
    }
    const m = /^--(out|content)(?:=(.*))?$/.exec(arg);
    if (!m?.[1]) throw new ConfigError(`Option inconnue : ${arg} (options : --out <dossier>, --content <dépôt>, --no-build).`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') throw new ConfigError(`L’option --${m[1]} attend un dossier.`);
    raw[m[1]] = value;
  }
  return ExportArgsSchema.parse(raw);
}
