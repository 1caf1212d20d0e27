/**
 * Personal access tokens for other tools (scripts, a chat bot, a spreadsheet): created and revoked
 * by their owner on /compte, scoped `read` or `write`, shown once and stored as a SHA-256 hash.
 * A token acts as its owner NOW (role and groups read at each request), so a deactivated account
 * or a group left takes effect at once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Viewer } from '../access/viewer.ts';
import { GareError } from '../errors.ts';
import { recordAudit } from './audit-log.ts';
import { parseInput } from './parse-input.ts';
import { hashToken } from './tokens.ts';
import type { Sql } from '../store/sql.ts';

/** What a token may do: `read` (GET only) or `write` (also every change its owner may make). */
export const ApiTokenScopeSchema = z.enum(['read', 'write'], { error: 'Choisissez « lecture » ou « écriture ».' });
/** A token's scope. */
export type ApiTokenScope = z.infer<typeof ApiTokenScopeSchema>;

/** Input of `createToken`. */
export const CreateApiTokenSchema = z.object({
  /** Account id of the owner. */
  personId: z.string().min(1),
  /** A name to recognise it by (« Tableur du bilan »). */
  name: z.string().trim().min(1, { error: 'Donnez un nom au jeton (à quoi il sert).' }).max(80, { error: 'Nom trop long : 80 caractères au plus.' }),
  /** `read` or `write`. */
  scope: ApiTokenScopeSchema,
});

/** A token as its owner's list shows it (never its secret). */
export interface ApiTokenSummary {
  /** Stable id (the revoke button's). */
  id: string;
  /** Name given at creation. */
  name: string;
  /** `read` or `write`. */
  scope: ApiTokenScope;
  /** Epoch ms of creation. */
  createdAt: number;
  /** Epoch ms of the last request made with it (to the minute), undefined if never used. */
  lastUsedAt: number | undefined;
}

/** Who a presented token belongs to. */
export interface ApiTokenGrant {
  /** Token id. */
  tokenId: string;
  /** Owner's account id. */
  personId: string;
  /** Its scope. */
  scope: ApiTokenScope;
}

/** The token is unknown, malformed or revoked, or its owner was deactivated: HTTP 401. */
export class InvalidApiToken extends GareError {
  override readonly code = 'InvalidApiToken';
  override readonly status = 401;
}

/** No token of this person has this id (or it is already revoked). */
export class ApiTokenNotFound extends GareError {
  override readonly code = 'ApiTokenNotFound';
  override readonly status = 404;
}

/** The person already holds the maximum number of tokens. */
export class TooManyApiTokens extends GareError {
  override readonly code = 'TooManyApiTokens';
  override readonly status = 409;
}

/** Prefix of every token: secret scanners (and people) recognise a leaked one. */
export const apiTokenPrefix = 'gare_';
/** Tokens one person may hold at once. */
export const maxTokensPerPerson = 20;
// last_used_at is written at most once a minute per token: a script's burst costs one write.
const lastUsedResolution = 60_000;

/** True when a string has the shape of an API token (cheap filter before any lookup). */
export function looksLikeApiToken(value: string): boolean {
  return /^gare_[A-Za-z0-9_-]{43}$/.test(value);
}

const scopeWords: Record<ApiTokenScope, string> = { read: 'lecture seule', write: 'lecture et écriture' };

interface TokenRow { id: string; user_id: string; name: string; scope: ApiTokenScope; created_at: number; last_used_at: number | null }

const toSummary = (r: TokenRow): ApiTokenSummary => ({ id: r.id, name: r.name, scope: r.scope, createdAt: Number(r.created_at), lastUsedAt: r.last_used_at === null ? undefined : Number(r.last_used_at) });

/** Finds the live token `token` and notes its use; undefined when unknown, malformed or revoked. */
export async function authenticateApiToken({ sql, now }: { sql: Sql; now: () => number }, token: string): Promise<ApiTokenGrant | undefined> {
  if (!looksLikeApiToken(token)) return undefined;
  const row = await sql.get<TokenRow>('SELECT * FROM api_tokens WHERE hash = ? AND revoked_at IS NULL', [hashToken(token)]);
  if (row === undefined) return undefined;
  const at = now();
  if (row.last_used_at === null || at - Number(row.last_used_at) >= lastUsedResolution) {
    await sql.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [at, row.id]);
  }
  return { tokenId: row.id, personId: row.user_id, scope: row.scope };
}

/** Token operations over the accounts database (`{ sql, now }` like the group operations). */
export function createApiTokenOps({ sql, now }: { sql: Sql; now: () => number }) {
  return {
    /** Creates a token; returns its secret (shown once, never stored) and its summary. */
    async createToken(input: z.input<typeof CreateApiTokenSchema>): Promise<{ token: string; summary: ApiTokenSummary }> {
      const { personId, name, scope } = parseInput(CreateApiTokenSchema, input);
      const token = apiTokenPrefix + randomBytes(32).toString('base64url');
      const id = randomUUID();
      const at = now();
      await sql.transaction(async (tx) => {
        // Counted in the transaction: two requests at once cannot both take the last place.
        const held = Number((await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL', [personId]))?.n ?? 0);
        if (held >= maxTokensPerPerson) throw new TooManyApiTokens(`Vous avez déjà ${maxTokensPerPerson} jetons : révoquez ceux qui ne servent plus, puis recommencez.`);
        await tx.run('INSERT INTO api_tokens (id, user_id, name, scope, hash, created_at) VALUES (?, ?, ?, ?, ?, ?)', [id, personId, name, scope, hashToken(token), at]);
        // Admins see which tools act in whose name, as they see who holds which rights.
        await recordAudit(tx, { actor: personId, action: 'token.create', target: name, detail: scopeWords[scope], at });
      });
      return { token, summary: { id, name, scope, createdAt: at, lastUsedAt: undefined } };
    },

    /** The person's live tokens, newest first. */
    async listTokens(personId: string): Promise<ApiTokenSummary[]> {
      const rows = await sql.all<TokenRow>('SELECT * FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id', [personId]);
      return rows.map(toSummary);
    },

    /** Revokes one of the person's tokens: it stops working at its next request. */
    async revokeToken({ personId, id }: { personId: string; id: string }): Promise<ApiTokenSummary> {
      return sql.transaction(async (tx) => {
        const row = await tx.get<TokenRow>('SELECT * FROM api_tokens WHERE id = ? AND user_id = ? AND revoked_at IS NULL', [id, personId]);
        if (row === undefined) throw new ApiTokenNotFound('Jeton introuvable : il a peut-être déjà été révoqué. Rechargez la page.');
        await tx.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ?', [now(), id]);
        await recordAudit(tx, { actor: personId, action: 'token.revoke', target: row.name, detail: scopeWords[row.scope], at: now() });
        return toSummary(row);
      });
    },
  };
}

/** The viewer's own live tokens (their account page); none for a visitor, nor for a request made with a token. */
export async function ownApiTokens({ sql, viewer }: { sql: Sql | undefined; viewer: Viewer }): Promise<ApiTokenSummary[]> {
  if (sql === undefined || viewer.person === undefined || viewer.apiToken) return [];
  return createApiTokenOps({ sql, now: Date.now }).listTokens(viewer.person.id);
}

/** The token operations. */
export type ApiTokenOps = ReturnType<typeof createApiTokenOps>;
