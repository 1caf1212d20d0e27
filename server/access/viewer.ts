/** Who is asking: the role every door checks. No `node:` import. */

/** Roles, from least to most trusted. `visiteur` is anyone not logged in. */
export const roles = ['visiteur', 'contributeur', 'equipe', 'admin'] as const;
/** A role. */
export type Role = (typeof roles)[number];

/** French labels of roles. */
export const roleLabels: Record<Role, string> = {
  visiteur: 'Visiteur·euse',
  contributeur: 'Contributeur·ice',
  equipe: 'Équipe',
  admin: 'Administrateur·ice',
};

/** What each account role may do, in the words of the people page. */
export const roleHelp: Record<Exclude<Role, 'visiteur'>, string> = {
  contributeur: 'propose et modifie les pages publiques',
  equipe: 'lit et modifie tout, y compris les pages de l’équipe',
  admin: 'comme l’équipe, et gère les personnes',
};

/** A logged-in person. */
export interface Person {
  /** Stable account id. */
  id: string;
  /** Display name, used as commit author. */
  name: string;
  /** E-mail, used as commit author e-mail. */
  email: string;
}

/** The person (or visitor) behind a request. */
export interface Viewer {
  /** Role; `visiteur` when not logged in. */
  role: Role;
  /** The account, when logged in. */
  person: Person | undefined;
  /** Session id (cookie value), when logged in. */
  sessionId: string | undefined;
  /** CSRF token bound to the session, when logged in. */
  csrf: string | undefined;
  /** Keys (`groupKey`) of the groups the person belongs to, sorted; `[]` for a visitor. */
  groups: readonly string[];
  /** When the session lapses (epoch ms, slid forward on use), when logged in. */
  sessionExpiresAt?: number;
  /**
   * Set when the request came with a personal access token (`Authorization: Bearer gare_…`)
   * instead of a session: no CSRF or Origin check applies (browsers never add it on their own),
   * and a `read` token is refused every write (server/http/guard-write.ts).
   */
  apiToken?: { id: string; scope: 'read' | 'write' };
}

/** The viewer of a request without a session. */
export const anonymous: Viewer = { role: 'visiteur', person: undefined, sessionId: undefined, csrf: undefined, groups: [] };
