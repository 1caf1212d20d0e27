/**
 * Every kind of write at once, against the real hub over a temporary content repository: saves
 * (several pages, and one page twice), a pad publication, a tag rename, an accepted proposal and
 * a commit made with the git CLI in the middle. Nothing accepted may be lost.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../server/access/viewer.ts';
import { savePage } from '../../server/editing/save-page.ts';
import { publishPad } from '../../server/publishing/publish-pad.ts';
import { acceptProposal } from '../../server/review/decide-proposal.ts';
import { proposeSave } from '../../server/review/propose-save.ts';
import { renameTag } from '../../server/tags/rename-tag.ts';
import { padDeps } from '../../server/http/api/pad-route-helpers.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

const run = promisify(execFile);
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'Terminal', GIT_AUTHOR_EMAIL: 't@localhost', GIT_COMMITTER_NAME: 'Terminal', GIT_COMMITTER_EMAIL: 't@localhost' };
const git = async (dir: string, ...args: string[]) => (await run('git', ['-C', dir, ...args], { env: gitEnv })).stdout;

const person = (id: string, name: string) => ({ id, name, email: `${id}@example.org` });
const team: Viewer = { role: 'equipe', person: person('alice', 'Alice Martin'), sessionId: undefined, csrf: undefined, groups: [] };
const contributor: Viewer = { role: 'contributeur', person: person('bob', 'Bob Diallo'), sessionId: undefined, csrf: undefined, groups: [] };

let gare: TestHub;
beforeAll(async () => {
  gare = await startTestHub();
});
afterAll(() => gare?.stop());

const appended = (source: string, line: string) => `${source.replace(/\n*$/, '\n')}\n${line}\n`;

describe('one write path under concurrency', () => {
  it('keeps every accepted change of saves, a publication, a tag rename, a proposal and a CLI commit made at once', async () => {
    const hub = gare.hub;
    const dir = hub.config.contentDir;
    const editing = hub.editing;
    const pages = hub.index.all().filter((p) => p.meta.visibility === 'public' && p.meta.pad === undefined).slice(0, 4);
    expect(pages.length).toBe(4);
    const [a, b, c, proposed] = pages as [(typeof pages)[number], (typeof pages)[number], (typeof pages)[number], (typeof pages)[number]];
    const tagged = hub.index.all().find((p) => p.meta.tags.length > 0 && !pages.includes(p));
    const fromTag = tagged?.meta.tags[0];
    expect(fromTag).toBeDefined();
    const head = (await git(dir, 'rev-parse', 'HEAD')).trim();

    // A pending proposal by a contributor, and a pad with text, made before the burst.
    const fieldsOf = (p: typeof a) => ({ title: p.meta.title, type: p.meta.type, tags: p.meta.tags, visibility: p.meta.visibility, summary: p.meta.summary });
    const proposal = await proposeSave({ deps: editing, viewer: contributor, path: proposed.path, fields: fieldsOf(proposed), body: appended((await hub.index.pageSource(proposed))!.body, 'Ligne proposée par Bob.'), baseVersion: head, message: 'Proposition' });
    expect(proposal.proposal).toBeDefined();
    await hub.pads.seedText('pad-concurrence', '# Pad concurrence\n\n- Décision : tout est gardé.\n', { title: 'Pad concurrence', visibility: 'public' });

    // Two saves of page A from the same version touch its two ends: both merge, neither is lost.
    const bodies = new Map(await Promise.all([a, b, c].map(async (p) => [p.path, (await hub.index.pageSource(p))!.body] as const)));
    const save = (p: typeof a, line: string, atStart = false) =>
      savePage({ deps: editing, viewer: team, path: p.path, fields: fieldsOf(p), body: atStart ? `${line}\n\n${bodies.get(p.path) ?? ''}` : appended(bodies.get(p.path) ?? '', line), baseVersion: head, message: line });
    // Like a person at a terminal: git refuses while the hub holds .git/index.lock, so try again.
    const untilUnlocked = async (...args: string[]) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await git(dir, ...args);
        } catch (error) {
          if (!/index\.lock/.test(String((error as { stderr?: string }).stderr)) || attempt > 200) throw error;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const cliCommit = async () => {
      await writeFile(path.join(dir, 'terminal.md'), '---\ntitle: Écrit au terminal\n---\n\nDepuis le terminal.\n');
      await untilUnlocked('add', 'terminal.md');
      await untilUnlocked('commit', '-q', '-m', 'Commit du terminal');
    };
    const results = await Promise.allSettled([
      save(a, 'Ligne A1.', true),
      save(b, 'Ligne B.'),
      save(a, 'Ligne A2.'),
      padDeps(hub).then((deps) => publishPad({ deps, name: 'pad-concurrence', viewer: team, visibility: 'public' })),
      cliCommit(),
      renameTag({ deps: editing, viewer: team, from: fromTag as string, to: 'Étiquette renommée en pleine charge', keepAlias: false }),
      acceptProposal({ deps: editing, viewer: team, id: proposal.proposal?.id ?? '' }),
      save(c, 'Ligne C.'),
    ]);
    for (const result of results) if (result.status === 'rejected') throw result.reason;
    await hub.sync();

    const show = (file: string) => git(dir, 'show', `HEAD:${file}`);
    const pageA = await show(a.path);
    expect(pageA).toContain('Ligne A1.');
    expect(pageA).toContain('Ligne A2.');
    expect(await show(b.path)).toContain('Ligne B.');
    expect(await show(c.path)).toContain('Ligne C.');
    expect(await show(proposed.path)).toContain('Ligne proposée par Bob.');
    expect(await show('terminal.md')).toContain('Depuis le terminal.');
    const published = (results[3] as PromiseFulfilledResult<{ path: string }>).value.path;
    expect(await show(published)).toContain('tout est gardé');
    expect(await show(tagged?.path as string)).toContain('Étiquette renommée en pleine charge');
    const subjects = await git(dir, 'log', '--format=%s', `${head}..HEAD`);
    expect(subjects).toContain('Commit du terminal');
    expect(subjects).toContain('Publication du pad');
    expect(await git(dir, 'status', '--porcelain')).toBe('');
  }, 60_000);

  it('updates the renamed page when a pad is published again, instead of creating a new one', async () => {
    const hub = gare.hub;
    const dir = hub.config.contentDir;
    await hub.pads.seedText('pad-renomme', '# Pad renommé\n\nPremière version.\n', { title: 'Pad renommé', visibility: 'public' });
    const first = await publishPad({ deps: await padDeps(hub), name: 'pad-renomme', viewer: team, visibility: 'public' });
    expect(first.created).toBe(true);
    await git(dir, 'mv', first.path, 'ressources/pad-deplace.md');
    await git(dir, 'commit', '-q', '-m', 'Déplace la page du pad');
    await hub.sync();
    expect((await hub.pads.getMeta('pad-renomme'))?.publishedPath).toBe('ressources/pad-deplace.md');

    await hub.pads.setText('pad-renomme', '# Pad renommé\n\nDeuxième version.\n');
    const second = await publishPad({ deps: await padDeps(hub), name: 'pad-renomme', viewer: team });
    expect(second).toMatchObject({ path: 'ressources/pad-deplace.md', created: false, changed: true });
    expect(await git(dir, 'show', 'HEAD:ressources/pad-deplace.md')).toContain('Deuxième version.');
    expect(hub.index.all().filter((p) => p.meta.pad === 'pad-renomme').map((p) => p.path)).toEqual(['ressources/pad-deplace.md']);
    expect(await git(dir, 'status', '--porcelain')).toBe('');
  }, 30_000);
});
