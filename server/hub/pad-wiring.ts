/** Connects the pad server to the hub: who may join a pad, and what a new pad starts with. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AccountStore } from '../auth/account-store.ts';
import { resolveViewer } from '../auth/resolve-viewer.ts';
import { Forbidden, PageNotFound, Unauthenticated } from '../errors.ts';
import { createPadServer } from '../pads/pad-server.ts';

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
}

/** Names of pad templates a team may start from, in `_modeles/pads/<name>.md`. */
export const padTemplates = ['reunion-equipe', 'entretien', 'atelier', 'vide'] as const;

/** Reads a pad template from the content repository; empty text when it is missing. */
export async function readPadTemplate(contentDir: string, name: string): Promise<string> {
  if (!(padTemplates as readonly string[]).includes(name)) return '';
  return readFile(path.join(contentDir, '_modeles', 'pads', `${name}.md`), 'utf8').catch(() => '');
}

/** Creates the hub's pad server: pads are for the team (équipe and admin roles). */
export function createHubPads({ dataDir, contentDir, accounts, now }: HubPadsOptions) {
  const server = createPadServer({
    dir: path.join(dataDir, 'pads'),
    now,
    hooks: {
      // Checked on the upgrade, before any sync message reaches the pad.
      async onAuthenticate({ request, padName }) {
        const viewer = resolveViewer({ cookieHeader: request.headers.cookie, store: accounts });
        if (!viewer.person) throw new Unauthenticated('Connectez-vous pour rejoindre ce pad.');
        if (viewer.role !== 'equipe' && viewer.role !== 'admin') throw new Forbidden('Les pads sont réservés à l’équipe.');
        // Pads are born from « Nouveau pad » or « Ouvrir en direct », not from any name a socket asks for.
        if (!(await server.getMeta(padName))) throw new PageNotFound(`Le pad « ${padName} » n’existe pas : créez-le depuis la page Pads.`);
        return { user: { id: viewer.person.id, name: viewer.person.name }, readOnly: false };
      },
      async onCreate() {
        return readPadTemplate(contentDir, 'vide');
      },
    },
  });
  return server;
}
