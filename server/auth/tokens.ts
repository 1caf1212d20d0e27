/** Secret tokens (sessions, invitations, resets): random, and only their SHA-256 is stored. */
import { createHash, randomBytes } from 'node:crypto';

/** A fresh 256-bit token, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: a leaked database gives no usable session or link. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** True when a string has the shape of a token we issue; cheap filter before any lookup. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
