/** The audit log: who changed a role, a group or a right, and when — one row per change, never edited. */
import { z } from 'zod';
import { findPerson } from './account-db.ts';
import { parseInput } from './parse-input.ts';
import type { Sql } from '../store/sql.ts';

/** What was changed, as stored in `audit_log.action`. */
export type AuditAction =
  | 'role.set'
  | 'person.deactivate'
  | 'person.reactivate'
  | 'group.create'
  | 'group.rename'
  | 'group.delete'
  | 'group.member.add'
  | 'group.member.remove'
  | 'group.sso.sync'
  | 'access.edit'
  | 'invitation.create'
  | 'invitation.revoke'
  | 'webhook.create'
  | 'webhook.update'
  | 'webhook.delete'
  | 'token.create'
  | 'token.revoke';

/** One line of the log. */
export interface AuditEntry {
  /** Row id (increasing). */
  id: number;
  /** Epoch ms of the change. */
  at: number;
  /** Account id of who made it (undefined: the system, or a deleted account). */
  actorId: string | undefined;
  /** Their name at the time (kept even if the account goes). */
  actorName: string;
  /** What was changed. */
  action: AuditAction;
  /** What it was changed on (a person's name, a group's name, a section). */
  target: string;
  /** The change itself, in French (« contributeur → equipe »). */
  detail: string;
}

/** Options of `recordAudit`: `actor` is an account id (its current name is stored beside it) or a label for the system. */
export interface RecordAuditOptions {
  /** Who made the change: an account id, or `{ name }` for the system (« Connexion unique »). */
  actor: string | { name: string };
  /** What was changed. */
  action: AuditAction;
  /** On what. */
  target: string;
  /** How, in French. */
  detail?: string;
  /** When (epoch ms); now by default. */
  at?: number;
}

/** Writes one line of the audit log; call it inside the transaction of the change it records. */
export async function recordAudit(sql: Sql, { actor, action, target, detail = '', at = Date.now() }: RecordAuditOptions): Promise<void> {
  const actorId = typeof actor === 'string' ? actor : null;
  const actorName = typeof actor === 'string' ? ((await findPerson(sql, actor))?.name ?? actor) : actor.name;
  await sql.run('INSERT INTO audit_log (at, actor_id, actor_name, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)', [
    at,
    actorId,
    actorName,
    action,
    target.slice(0, 300),
    detail.slice(0, 1000),
  ]);
}

/** Input of `listAudit`. */
export const ListAuditSchema = z.object({
  /** Page number, from 1. */
  page: z.number().int().min(1).max(100_000).default(1),
  /** Lines per page. */
  size: z.number().int().min(1).max(200).default(50),
});

/** One page of the audit log, newest first, and the total number of lines. */
export async function listAudit(sql: Sql, input: { page?: number; size?: number }): Promise<{ items: AuditEntry[]; total: number }> {
  const { page, size } = parseInput(ListAuditSchema, input);
  const rows = await sql.all<{
    id: number; at: number; actor_id: string | null; actor_name: string; action: AuditAction; target: string; detail: string;
  }>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?', [size, (page - 1) * size]);
  const total = Number((await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log'))?.n ?? 0);
  return {
    items: rows.map((r) => ({ id: r.id, at: r.at, actorId: r.actor_id ?? undefined, actorName: r.actor_name, action: r.action, target: r.target, detail: r.detail })),
    total,
  };
}
