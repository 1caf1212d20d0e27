/** Pad names: the one schema that says which names a pad may have, and how they appear in URLs. */
import { z } from 'zod';
import { InvalidSlug } from '../errors.ts';

/** A pad name: lowercase letters, digits and dashes, 1–80 characters, starting with a letter or digit. */
export const PadNameSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9-]*$/)
  .brand<'PadName'>();

/** A validated pad name. */
export type PadName = z.infer<typeof PadNameSchema>;

/** Returns the pad name, or throws InvalidSlug with a message saying which names are allowed. */
export function parsePadName(value: string): PadName {
  const result = PadNameSchema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidSlug(
    `Le nom de pad « ${value.slice(0, 100)} » n’est pas valide : utilisez 1 à 80 caractères parmi a-z, 0-9 et « - », sans commencer par un tiret.`,
  );
}

/**
 * Reads the pad name from an upgrade URL such as `/yjs/reunion-hebdo?token=…` (y-websocket appends
 * the room name to the server URL and may add query parameters). Returns undefined when the URL is
 * not under `basePath`; throws InvalidSlug when it is, but the name is not acceptable.
 */
export function padNameFromUrl(url: string, basePath: string): PadName | undefined {
  const path = url.split('?', 1)[0] ?? '';
  const prefix = basePath.replace(/\/+$/, '') + '/';
  if (!path.startsWith(prefix)) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(path.slice(prefix.length));
  } catch {
    name = path.slice(prefix.length);
  }
  return parsePadName(name);
}
