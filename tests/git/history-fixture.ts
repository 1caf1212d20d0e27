/**
 * A content repository whose history has every case the two history readers must agree on:
 * renames (same blob, edited), deletions, merges (one resolving a conflict, one of an unrelated
 * root), non-ASCII and odd file names, an unsafe name, a symbolic link, a submodule entry, a file
 * turned folder, files outside the pages, group sections and pages, a hand-made commit object.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createCommitQueue } from '../../server/git/commit-queue.ts';
import { fixedClock, gitEnv, gitSync, seedContentRepo, writeFile } from './helpers.ts';

/** Name of the group the `accompagnement` section is restricted to. */
export const groupName = 'Accompagnement renforcé';
/** File names that are legal in git and awkward everywhere else. */
export const oddNames = ['guillemets "doubles"', 'tab\there', 'ligne\nsuivante', '🚉 gare', 'ｚénith', 'e\u0301te\u0301', '-tiret', 'deux:points', ' espace devant'];

const page = (title: string, { visibility = 'public', groupes, body = 'Texte.' }: { visibility?: string; groupes?: string[]; body?: string } = {}): string =>
  `---\ntitle: ${JSON.stringify(title)}\ntype: ressource\nvisibility: ${visibility}\n${groupes ? `groupes: ${JSON.stringify(groupes)}\n` : ''}---\n\n${body}\n`;
const lines = (name: string): string => Array.from({ length: 12 }, (_, i) => `Ligne ${i} de ${name}.`).join('\n');

/** Creates the repository under `root`; returns its folder. */
export async function createOddHistoryRepo(root: string): Promise<string> {
  const dir = await seedContentRepo(
    root,
    {
      'accueil.md': page('Accueil'),
      'ressources/visio.md': page('Visio', { body: lines('visio') }),
      'ressources/x.md': page('X'),
      'equipe/notes.md': page('Notes', { visibility: 'equipe' }),
      'accompagnement/suivi.md': page('Suivi', { visibility: 'equipe' }),
      'ressources/café crème.md': page('Café crème', { body: lines('café') }),
      '_modeles/compte-rendu.md': '# Modèle\n',
      'scripts/outil.sh': 'echo bonjour\n',
    },
    fixedClock('2026-01-01T00:00:00Z'),
  );
  let tick = 0;
  const env = () => gitEnv(new Date(Date.parse('2026-04-01T10:00:00Z') + 60_000 * tick++).toISOString());
  const git = (...args: string[]): string => gitSync(dir, args, env());
  const commit = (message: string): string => git('commit', '-q', '--allow-empty', '-m', message);
  const put = async (file: string, content: string): Promise<void> => {
    await writeFile(dir, file, content);
    git('add', '--', file);
  };

  await put('_gare/acces.yml', `rubriques:\n  accompagnement: { lecture: [${groupName}] }\n`);
  commit('Rubrique réservée');
  await put('accompagnement/suivi.md', page('Suivi', { visibility: 'equipe', body: 'Situation de Madame Z.' }));
  await put('ressources/atelier.md', page('Atelier', { visibility: 'equipe', groupes: ['Atelier'] }));
  await put('accompagnement/suivi.fichiers/bilan.pdf', '%PDF bilan\n');
  commit('Suivi de Madame Z');
  await createCommitQueue({ dir, now: fixedClock('2026-04-02T09:00:00Z') }).commitFiles({
    changes: [{ path: 'ressources/pad.md', content: page('Pad publié') }],
    author: { name: 'Alice Martin', email: 'alice@example.org' },
    message: 'Publie le pad',
    coAuthors: [{ name: 'Bob Durand', email: 'bob@example.org' }],
  });
  for (const name of oddNames) await put(`bizarre/${name}.md`, page(`Bizarre ${name.length}`));
  commit('Noms étranges');
  // Attachments alone: the owner page is read from the commit's tree, not from its changes.
  await put('bizarre/ligne\nsuivante.fichiers/note.txt', 'note\n');
  await put('ressources/visio.fichiers/schéma.png', 'png\n');
  await put('accompagnement/suivi.fichiers/second.pdf', '%PDF second\n');
  commit('Pièces jointes seules');
  git('mv', 'ressources/visio.md', 'outils-visio.md');
  git('mv', 'ressources/café crème.md', 'ressources/café-crème.md');
  await put('ressources/café-crème.md', page('Café crème', { body: lines('café').replace('Ligne 3', 'Ligne trois') }));
  git('rm', '-q', 'ressources/atelier.md', 'accompagnement/suivi.fichiers/bilan.pdf');
  commit('Renomme, supprime');
  // A page turned folder, an executable script, a symbolic link, a submodule entry.
  git('rm', '-q', 'ressources/x.md');
  await put('ressources/x.md/y.md', page('Y'));
  fs.chmodSync(path.join(dir, 'scripts/outil.sh'), 0o755);
  git('add', 'scripts/outil.sh');
  fs.symlinkSync('accueil.md', path.join(dir, 'lien.md'));
  git('add', 'lien.md');
  fs.mkdirSync(path.join(dir, 'vendor/module'), { recursive: true });
  git('update-index', '--add', '--cacheinfo', `160000,${git('rev-parse', 'HEAD')},vendor/module`);
  commit('Types de fichiers');
  // A tree entry with backslashes, as a pushed commit would bring it (no working file).
  const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, env: env(), input: page('Piège'), encoding: 'utf8' }).trim();
  git('update-index', '--add', '--cacheinfo', `100644,${blob},pieges/a\\..\\b.md`);
  commit('Un chemin piégé');
  commit('Commit vide');

  git('checkout', '-q', '-b', 'branche');
  await put('accueil.md', page('Accueil', { body: 'Version de la branche.' }));
  await put('equipe/branche.md', page('Branche', { visibility: 'equipe' }));
  commit('Sur la branche');
  git('checkout', '-q', 'main');
  await put('accueil.md', page('Accueil', { body: 'Version de main.' }));
  commit('Sur main');
  try {
    git('merge', '-q', '--no-edit', 'branche');
  } catch {
    await put('accueil.md', page('Accueil', { body: 'Version réconciliée.' }));
    commit('Fusion réconciliée');
  }
  git('checkout', '-q', '--orphan', 'orpheline');
  git('rm', '-rq', '--cached', '.');
  await put('orpheline/racine.md', page('Racine'));
  commit('Autre racine');
  git('checkout', '-q', '-f', 'main');
  git('merge', '-q', '--no-edit', '--allow-unrelated-histories', 'orpheline');

  // A commit object as some tool wrote it: two spaces before the e-mail, CRLF, a Latin-1 message.
  const header = `tree ${git('rev-parse', 'HEAD^{tree}')}\nparent ${git('rev-parse', 'HEAD')}\nauthor Zoé Ça  <zoe@example.org> 1775100000 +0200\ncommitter Tess <tess@example.org> 1775100000 +0200\nencoding ISO-8859-1\n\n\n\r\n`;
  const object = Buffer.concat([Buffer.from(header), Buffer.from('Caf\xe9 cr\xe8me\r\n\r\nCo-authored-by: Bob Durand <bob@example.org>\r\n', 'latin1')]);
  const made = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin', '--literally'], { cwd: dir, env: env(), input: object, encoding: 'utf8' }).trim();
  git('update-ref', 'refs/heads/main', made);
  await put('ressources/apres.md', page('Après', { body: lines('après') }));
  commit('Après le commit fait main');
  return dir;
}
