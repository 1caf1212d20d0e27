/** Password hashing with scrypt (memory-hard), stored as `scrypt$N$r$p$salt$hash`. */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Cost parameters of scrypt. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

/** Parameters for new hashes: 2^15 × 8 × 128 B = 32 MiB per hash (OWASP's scrypt baseline is 2^17 × 8 × 1 at 128 MiB; 32 MiB keeps a 2-core host responsive). */
export const defaultScryptParams: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const keyLength = 32;
const saltLength = 16;
// A stored hash is trusted input, but bounding its parameters keeps a corrupted row from pinning the CPU or the memory.
const maxN = 2 ** 20;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // Node refuses when 128·N·r reaches maxmem (default 32 MiB), so give it twice the need.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  // NFC: the same accented password typed on two keyboards must give the same bytes.
  const bytes = password.normalize('NFC');
  return new Promise((resolve, reject) => {
    scrypt(bytes, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hashes a password with a fresh random salt; asynchronous so the event loop keeps serving. */
export async function hashPassword(password: string, params: ScryptParams = defaultScryptParams): Promise<string> {
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || salt === undefined || key === undefined) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const { N } = params;
  if (!Number.isInteger(N) || N < 2 || N > maxN || (N & (N - 1)) !== 0) return undefined;
  if (!Number.isInteger(params.r) || params.r < 1 || params.r > 32) return undefined;
  if (!Number.isInteger(params.p) || params.p < 1 || params.p > 16) return undefined;
  return { params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

/** True when the password matches the stored hash; compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === undefined || parsed.key.length !== keyLength) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** True when a stored hash was made with other parameters than today's (rehash it at next login). */
export function needsRehash(stored: string, params: ScryptParams = defaultScryptParams): boolean {
  const parsed = parseHash(stored);
  return parsed === undefined || parsed.params.N !== params.N || parsed.params.r !== params.r || parsed.params.p !== params.p;
}

/** A hash nobody's password matches, costing the same to check: used when the e-mail is unknown. */
export function makeDecoyHash(params: ScryptParams = defaultScryptParams): string {
  const random = (n: number): string => randomBytes(n).toString('base64url');
  return ['scrypt', params.N, params.r, params.p, random(saltLength), random(keyLength)].join('$');
}
