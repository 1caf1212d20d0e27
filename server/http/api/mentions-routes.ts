/**
 * GET /api/mentions?cible=page:<path>|pad:<name>&q=Cam — the @-completion: people who may read
 * the target, through the gate as each of them would be now. Needs an account and a target the
 * asker may read. At most 10 people, name and handle only: never an e-mail (a contributeur must
 * not harvest the team's addresses).
 */
import { z } from 'zod';
import { PageNotFound, Unauthenticated } from '../../errors.ts';
import { readableTarget, type NotifyTarget } from '../../notifications/deliver.ts';
import { foldHandle, fullHandle } from '../../notifications/people-handles.ts';
import { parseInput } from '../body.ts';
import type { Route, RouteContext } from '../router.ts';

/** Query of GET /api/mentions. */
const MentionQuerySchema = z.object({
  /** `page:<repository path>` or `pad:<name>`. */
  cible: z.string().regex(/^(page|pad):.{1,1000}$/su, { error: 'Indiquez la cible : page:<chemin> ou pad:<nom>.' }),
  /** What was typed after `@` (empty: anyone). */
  q: z.string().max(100, { error: 'Recherche trop longue : 100 caractères au plus.' }).default(''),
});

/** At most this many people per answer. */
const LIMIT = 10;

function targetOf(cible: string): NotifyTarget {
  const at = cible.indexOf(':');
  const kind = cible.slice(0, at);
  const rest = cible.slice(at + 1);
  return kind === 'pad' ? { kind: 'pad', name: rest } : { kind: 'page', path: rest };
}

async function mentions(ctx: RouteContext): Promise<unknown> {
  if (!ctx.viewer.person) throw new Unauthenticated('Connectez-vous pour mentionner quelqu’un.');
  const { cible, q } = parseInput(MentionQuerySchema, Object.fromEntries(ctx.url.searchParams));
  const target = targetOf(cible);
  if (!(await readableTarget(ctx.reader, target))) throw new PageNotFound('Page ou pad introuvable : vérifiez l’adresse.');
  const { notifications, accounts } = ctx.hub;
  const dir = await notifications.directory();
  const wanted = foldHandle(q.trim().replace(/^@/u, ''));
  // A word of the name or the handle starts with what was typed: « cam », « dup », « camille.d ».
  const matches = (name: string) => {
    const words = [fullHandle(name), ...fullHandle(name).split('.')].map(foldHandle);
    return wanted === '' || words.some((w) => w.startsWith(wanted));
  };
  const people: { name: string; handle: string }[] = [];
  for (const person of [...dir.people].sort((a, b) => a.name.localeCompare(b.name, 'fr'))) {
    if (people.length >= LIMIT) break;
    if (!matches(person.name)) continue;
    const viewer = await accounts.viewerOf(person.id);
    if (viewer && (await readableTarget(ctx.hub.forViewer(viewer), target))) people.push({ name: person.name, handle: dir.mentionForm(person) });
  }
  return { people };
}

/** The completion route. */
export const mentionsRoutes: Route[] = [{ method: 'GET', path: '/api/mentions', handler: mentions }];
