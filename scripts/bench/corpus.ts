/** Generates a realistic French wiki of N pages in a fresh git repository (setup only: git CLI). */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const sections = [
  ['ressources', 'ressource', 'public'],
  ['tutoriels', 'tutoriel', 'public'],
  ['comptes-rendus', 'compte-rendu', 'equipe'],
  ['reunions', 'reunion', 'equipe'],
  ['accompagnements', 'accompagnement', 'equipe'],
] as const;
const tags = ['Pôle Emploi', 'France Travail', 'statut juridique', 'CAE', 'outils libres', 'écriture collaborative', 'visio', 'cartographie', 'gouvernance', 'accueil', 'bénévolat', 'atelier', 'réunion d’équipe', 'financement', 'comptabilité', 'communication', 'formation', 'numérique', 'RGPD', 'assurance'];
const words = 'accompagnement entrepreneur coopérative projet statut juridique rendez-vous financement atelier bénévole association réunion décision action outil libre écriture partage calendrier sondage cartographie territoire gouvernance consentement animation facilitation accueil formation comptabilité facturation trésorerie assurance mutuelle réseau partenaire subvention emploi insertion parcours étape objectif bilan suivi prochaine échéance document modèle licence contribution'.split(' ');

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

function paragraph(seed: number, length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) out.push(pick(words, seed * 31 + i * 7 + ((seed >> 3) % 11)));
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

/** Markdown of page number `i`. */
export function generatePage(i: number, total: number): { path: string; text: string; title: string } {
  const [section, type, visibility] = pick(sections, i);
  const title = `${pick(['Fiche', 'Compte-rendu', 'Notes', 'Guide', 'Bilan'], i >> 2)} ${pick(words, i)} ${pick(words, i * 13 + 5)} n°${i}`;
  const link = `[[${pick(['Fiche', 'Compte-rendu', 'Notes', 'Guide', 'Bilan'], ((i + 7) % total) >> 2)} ${pick(words, (i + 7) % total)} ${pick(words, ((i + 7) % total) * 13 + 5)} n°${(i + 7) % total}]]`;
  const body = [
    `## Contexte`,
    paragraph(i, 60),
    `Voir aussi ${link}.`,
    `## Points abordés`,
    ...Array.from({ length: 4 }, (_, k) => `- ${paragraph(i + k, 12)}`),
    `## Suite`,
    paragraph(i + 3, 80),
  ].join('\n\n');
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 27) + 1).padStart(2, '0');
  const fm = `---\ntitle: ${JSON.stringify(title)}\ntype: ${type}\ntags: [${JSON.stringify(pick(tags, i))}, ${JSON.stringify(pick(tags, i * 3 + 1))}]\nvisibility: ${visibility}\ndate: 2026-${month}-${day}\n---\n\n`;
  return { path: `${section}/page-${i}.md`, text: fm + body + '\n', title };
}

/** Creates a temporary repository holding `count` pages in one commit; returns its folder. */
export async function generateCorpus(count: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `gare-bench-${count}-`));
  for (const [section] of sections) await mkdir(path.join(dir, section), { recursive: true });
  for (let i = 0; i < count; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - i) }, (_, k) => {
        const page = generatePage(i + k, count);
        return writeFile(path.join(dir, page.path), page.text);
      }),
    );
  }
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Banc d’essai', GIT_AUTHOR_EMAIL: 'bench@localhost', GIT_COMMITTER_NAME: 'Banc d’essai', GIT_COMMITTER_EMAIL: 'bench@localhost' };
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir, env });
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  // No automatic gc left packing the loose objects behind the measurements that follow.
  execFileSync('git', ['-c', 'gc.auto=0', 'commit', '-qm', `Corpus de ${count} pages`], { cwd: dir, env });
  return dir;
}

/** Commits one file with the git CLI (what a person does in a terminal). */
export function gitCommitFile(dir: string, message: string): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Terminal', GIT_AUTHOR_EMAIL: 't@localhost', GIT_COMMITTER_NAME: 'Terminal', GIT_COMMITTER_EMAIL: 't@localhost' };
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-qm', message], { cwd: dir, env });
}
