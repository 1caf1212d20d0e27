/** Reads request bodies with a size limit, and validates JSON and forms with zod. */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { InvalidInput, PayloadTooLarge } from '../errors.ts';
import { safeParseFrench } from '../french-errors.ts';

/** Default limit of a JSON or form body. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the whole body; refuses (and stops reading) past `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new PayloadTooLarge(`Envoi trop volumineux (limite : ${formatBytes(limit)}).`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw new PayloadTooLarge(`Envoi trop volumineux (limite : ${formatBytes(limit)}).`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Validates a pre-read body against a schema; a bad body is an InvalidInput naming the field. */
export function parseInput<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const parsed = safeParseFrench(schema, data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'requête';
    throw new InvalidInput(`Champ « ${field} » invalide : ${issue?.message ?? 'valeur refusée'}.`);
  }
  return parsed.data;
}

/** `1048576` → `1 Mio`. */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} Mio` : `${Math.round(n / 1024)} Kio`;
}
