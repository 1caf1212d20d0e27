/** Connects the pad server to the hub: who may join a pad (and read or write in it), and what a new pad starts with. */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AccountStore } from '../auth/account-store.ts';
import { can } from '../access/policy.ts';
import { resolveViewer } from '../auth/resolve-viewer.ts';
import { anonymous, type Viewer } from '../access/viewer.ts';
import { Forbidden, PageNotFound, Unauthenticated } from '../errors.ts';
import { checkOrigin, ownOrigins } from '../http/origin.ts';
import { createPadServer } from '../pads/pad-server.ts';
import { readContentText } from '../git/content-files.ts';
import type { PadMeta } from '../pads/pad-meta-store.ts';
import type { HubEvents } from '../events/hub-events.ts';
import type { SqlStore } from '../store/sql.ts';
import type { PadClusterOpener } from '../pads/redis-pad-cluster.ts';

/** Options of createHubPads. */
export interface HubPadsOptions {
  /** Data folder (pads.sqlite lives in `<data>/pads`). */
  dataDir: string;
  /** Content repository (templates in `_modeles/pads/`). */
  contentDir: string;
  /** Accounts, to authenticate the WebSocket from the session cookie. */
  accounts: AccountStore;
  /** Clock. */
  now: () => number;
  /** The configured public URL (GARE_PUBLIC_URL): an origin browsers may open pads from. */
  publicUrl?: string | undefined;
  /** The hub's bus, told `pad.stored` (who wrote since the last store) for @mentions. */
  events?: HubEvents;
  /** The pads' store (`openStores(…).pads`); default the embedded `<data>/pads/pads.sqlite`. */
  store?: SqlStore | undefined;
  /** With several instances: pads shared live between them over Redis (`redisPadCluster(…)`). */
  cluster?: PadClusterOpener | undefined;
}

/** Names of pad templates a team may start from, in `_modeles/pads/<name>.md`. */
export const padTemplates = ['reunion-equipe', 'entretien', 'atelier', 'vide'] as const;

/** Reads a pad template from the content repository; empty text when it is missing. */
export async function readPadTemplate(contentDir: string, name: string): Promise<string> {
  if (!(padTemplates as readonly string[]).includes(name)) return '';
  // Through the content door: a pushed `_modeles/pads` link never makes a pad start with outside files.
  return (await readContentText(contentDir, `_modeles/pads/${name}.md`)) ?? '';
}

/** What a connection may do in a pad of this visibility and groups: nothing (undefined), read, or write. */
function accessTo(viewer: Viewer, pad: Pick<PadMeta, 'visibility' | 'groups'>): 'read' | 'write' | undefined {
  if (!can(viewer, 'pad.read', pad)) return undefined;
  return can(viewer, 'pad.write', pad) ? 'write' : 'read';
}

/**
 * Creates the hub's pad server: the team reads and writes every pad; contributeurs write in public
 * pads; visitors read public pads (text and presence, without showing themselves).
 */
export function createHubPads({ dataDir, contentDir, accounts, now, publicUrl, events, store, cluster }: HubPadsOptions) {
  // Who wrote in each pad since its last store, told with `pad.stored`.
  const writers = new Map<string, Map<string, string>>();
  const server = createPadServer({
    dir: path.join(dataDir, 'pads'),
    ...(store === undefined ? {} : { store }),
    cluster,
    now,
    hooks: {
      // Checked on the upgrade, before any sync message reaches the pad.
      async onAuthenticate({ request, padName }) {
        // First, before the cookie is even read: a page of another site must not ride on the
        // browser's session (cross-site WebSocket hijacking). Same rule as HTTP writes.
        try {
          checkOrigin({ headers: request.headers, expected: ownOrigins({ headers: request.headers, publicUrl }), whenAbsent: 'allow' });
        } catch (error) {
          throw new Forbidden('Connexion refusée : ce pad ne s’ouvre que depuis les pages du wiki. Ouvrez-le depuis l’adresse du wiki.', { cause: error });
        }
        const viewer = await resolveViewer({ cookieHeader: request.headers.cookie, store: accounts });
        const meta = await server.getMeta(padName);
        const access = meta ? accessTo(viewer, meta) : undefined;
        if (!meta || !access) {
          // Outsiders get the same answer for a team pad and a missing one: a name tells them nothing.
          if (!viewer.person) throw new Unauthenticated('Connectez-vous pour rejoindre ce pad.');
          if (!can(viewer, 'pad.manage')) throw new Forbidden('Ce pad n’existe pas ou il est réservé à l’équipe.');
          // Pads are born from « Nouveau pad » or « Ouvrir en direct », not from any name a socket asks for.
          throw new PageNotFound(`Le pad « ${padName} » n’existe pas : créez-le depuis la page Pads.`);
        }
        if (!viewer.person) return { user: { id: `visiteur:${randomUUID()}`, name: 'Visiteur·euse' }, readOnly: true, presence: false };
        return { user: { id: viewer.person.id, name: viewer.person.name }, readOnly: access === 'read' };
      },
      async onCreate() {
        return readPadTemplate(contentDir, 'vide');
      },
      afterChange({ padName, user }) {
        if (events) writers.set(padName, (writers.get(padName) ?? new Map<string, string>()).set(user.id, user.name));
      },
      afterStore({ padName }) {
        const by = writers.get(padName);
        writers.delete(padName);
        if (events && by) void events.emit('pad.stored', { pad: padName, writers: [...by].map(([id, name]) => ({ id, name })) });
      },
    },
  });

  return {
    ...server,
    /**
     * Closes the connections of everyone who lost access to a pad (after its visibility or groups changed):
     * readers who may no longer see it, writers who may no longer type. Returns how many were closed.
     */
    async revokeAccess(padName: string): Promise<number> {
      const meta = await server.getMeta(padName);
      const pad = meta ?? { visibility: 'equipe' as const, groups: [] };
      // Who is connected, then what each may do now (role and groups read from the accounts):
      // the store is asynchronous, the closing pass is not.
      const forbidden = new Forbidden('Ce pad est désormais réservé à l’équipe : il n’est plus visible ici.');
      const connected = new Set<string>();
      server.disconnect(padName, ({ user }) => {
        connected.add(user.id);
        return false;
      }, forbidden);
      const viewers = new Map(await Promise.all([...connected].map(async (id) => [id, (await accounts.viewerOf(id)) ?? anonymous] as const)));
      return server.disconnect(
        padName,
        ({ user, readOnly }) => {
          // Someone who joined meanwhile was just authenticated against the new settings.
          const viewer = viewers.get(user.id);
          if (viewer === undefined) return false;
          const access = accessTo(viewer, pad);
          return access === undefined || (access === 'read' && !readOnly);
        },
        forbidden,
      );
    },
  };
}
