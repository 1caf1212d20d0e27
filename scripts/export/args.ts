/** Command-line arguments of `npm run export`. */
import { z } from 'zod';
import { ConfigError } from '../../server/errors.ts';

/** The export's arguments. */
export const ExportArgsSchema = z.object({
  /** Folder to write the static site into. */
  out: z.string().min(1).default('./export'),
  /** Content repository to export; default: the hub's configured one (GARE_CONTENT_DIR or `<data>/wiki`). */
  content: z.string().min(1).optional(),
});

/** The export's arguments, parsed. */
export type ExportArgs = z.infer<typeof ExportArgsSchema>;

/** Reads `--out <dir>` and `--content <dir>` (also `--flag=value`); anything else is a ConfigError. */
export function parseExportArgs(argv: readonly string[]): ExportArgs {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const m = /^--(out|content)(?:=(.*))?$/.exec(arg);
    if (!m?.[1]) throw new ConfigError(`Option inconnue : ${arg} (options : --out <dossier>, --content <dépôt>).`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') throw new ConfigError(`L’option --${m[1]} attend un dossier.`);
    raw[m[1]] = value;
  }
  return ExportArgsSchema.parse(raw);
}
