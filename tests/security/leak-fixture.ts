/**
 * A content repository seeded with team pages full of canary words: every field, file name,
 * attachment, commit message and old version a team page can leave behind carries one.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { root } from '../helpers/start-hub.ts';

/** Every canary word, by where it is hidden. None may reach a visitor or a contributor. */
export const canaries = {
  slugA: 'vexorpile',
  titleA: 'Mélorandite',
  bodyA: 'Brossovique',
  tagA: 'Trombiscule',
  summaryA: 'Gastralude',
  aliasA: 'Fenouillarde',
  decisionA: 'Plumatrice',
  attachmentName: 'Cryptolune',
  attachmentText: 'Pdfsecretine',
  commitA: 'Galimatrice',
  titleB: 'Xyloprune',
  decisionB: 'Quintoflore',
  actionB: 'Rastamouche',
  slugC: 'jambonnelle',
  titleC: 'Ventriloquade',
  bodyC: 'Bigornelle',
  slugD: 'pachydermine',
  bodyD: 'Caramboline',
  sharedCommit: 'Grelotine',
  oldVersionBody: 'Hibernatrice',
  oldVersionCommit: 'Tambourinade',
  pad: 'Bouillabaisseur',
  linkedFileText: 'Paperassine',
} as const;

/**
 * Canaries of a group's pages (issue 12): a section restricted by `_gare/acces.yml` and a page
 * restricted by its own `groupes:`. Only members of the group (and admins) may meet them: not a
 * visitor, not a contributeur, not even a team member outside the group.
 */
export const groupCanaries = {
  slug: 'orniveluce',
  title: 'Pastelombre',
  body: 'Cornemousine',
  tag: 'Fiscalumine',
  decision: 'Tartinophore',
  attachmentName: 'Glyphorelle',
  attachmentText: 'Pdfgroupine',
  commit: 'Marmiroude',
  ownGroupsBody: 'Sarbacanelle',
  pad: 'Tricotemine',
} as const;

/** The group the canary pages are restricted to. */
export const groupName = 'Accompagnement renforcé';

/** Message of a commit that touched only a public page: everyone may read it. */
export const publicCommitMessage = 'Relecture de la fiche publique : liens vérifiés';

/** Title of the team page a public page names in a `[[wiki link]]` (so not itself a canary). */
export const linkedTeamTitle = 'Fiche Ornithaque';

/** Repository paths of the fixture's pages. */
export const paths = {
  teamA: `accompagnements/canari-${canaries.slugA}.md`,
  attachmentA: `accompagnements/canari-${canaries.slugA}.fichiers/piece-${canaries.attachmentName.toLowerCase()}.pdf`,
  teamB: `reunions/2026-04-01-reunion-${canaries.titleB.toLowerCase()}.md`,
  brokenC: `comptes-rendus/cassure-${canaries.slugC}.md`,
  teamD: `accompagnements/lien-${canaries.slugD}.md`,
  /** A file outside any attachment folder, cited by a team page AND a public page: still the team's. */
  linkedFile: 'documents/releve-partage.txt',
  publicP1: 'ressources/page-publique-ordinaire.md',
  publicAttachment: 'ressources/page-publique-ordinaire.fichiers/guide-public.pdf',
  publicP2: 'ressources/ancienne-fiche-equipe.md',
  groupSection: `suivi-renforce/canari-${groupCanaries.slug}.md`,
  groupAttachment: `suivi-renforce/canari-${groupCanaries.slug}.fichiers/piece-${groupCanaries.attachmentName.toLowerCase()}.pdf`,
  groupOwn: 'ressources/fiche-du-groupe.md',
} as const;

/** A small valid PDF whose text is `text`. */
export function minimalPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const c = canaries;
const teamA = `---
title: Dossier ${c.titleA}
type: reunion
tags: [CAE, ${c.tagA}]
visibility: equipe
date: 2026-03-20
aliases: [${c.aliasA}]
summary: "Suivi ${c.summaryA} et de sa famille."
---

Elle habite rue ${c.bodyA}, numéro 12. Elle a lu [[Page publique ordinaire]] (un lien retour caché). Voir [la pièce](canari-${c.slugA}.fichiers/piece-${c.attachmentName.toLowerCase()}.pdf).

## Décisions

- Décision : financer ${c.decisionA} sur le fonds d’urgence.
`;

const teamB = `---
title: Réunion ${c.titleB}
type: reunion
tags: [réunion d'équipe]
visibility: equipe
date: 2026-04-01
---

## Décisions

- Décision : verser l’aide ${c.decisionB} en avril.

## Actions

- [ ] Action : appeler ${c.actionB} @Nadia avant le 2026-04-10
`;

// The quote is never closed: the front matter cannot be read, and the page says it is public.
const brokenC = `---
title: "Entretien ${c.titleC}
visibility: public
tags: [CAE
---

# Entretien ${c.titleC}

Données de santé de ${c.bodyC}.
`;

const teamD = `---
title: ${linkedTeamTitle}
type: accompagnement
visibility: equipe
---

Situation de ${c.bodyD}. Voir [le relevé](../documents/releve-partage.txt).
`;

const publicP1 = `---
title: Page publique ordinaire
type: ressource
tags: [CAE]
visibility: public
---

Une fiche pour tout le monde. Elle renvoie à [[${linkedTeamTitle}]], à [un guide](page-publique-ordinaire.fichiers/guide-public.pdf) et à [un relevé](../documents/releve-partage.txt).
`;

const p2 = (visibility: string, body: string) => `---
title: Ancienne fiche d’équipe
type: ressource
visibility: ${visibility}
---

${body}
`;

const g = groupCanaries;
const groupSectionPage = `---
title: Suivi ${g.title}
type: reunion
tags: [${g.tag}]
visibility: equipe
date: 2026-03-25
---

Situation de ${g.body}. Voir [la pièce](canari-${g.slug}.fichiers/piece-${g.attachmentName.toLowerCase()}.pdf) et [[Page publique ordinaire]].

## Décisions

- Décision : accorder ${g.decision} au foyer.
`;

const groupOwnPage = `---
title: Fiche du groupe
type: ressource
visibility: equipe
groupes: [${groupName}]
---

Notes internes au groupe : ${g.ownGroupsBody}.
`;

/** Builds the repository (sample wiki + canary pages, one commit each step); returns its folder and commit ids. */
export async function createLeakRepo(): Promise<{ dir: string; oldVersion: string; publicVersion: string; sharedCommit: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gare-leak-'));
  await cp(path.join(root, 'content'), dir, { recursive: true });
  let minute = 0;
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: os.tmpdir(),
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_AUTHOR_NAME: 'Nadia Martin',
        GIT_AUTHOR_EMAIL: 'nadia@exemple.org',
        GIT_COMMITTER_NAME: 'Nadia Martin',
        GIT_COMMITTER_EMAIL: 'nadia@exemple.org',
        GIT_AUTHOR_DATE: `2026-03-01T10:${String(minute).padStart(2, '0')}:00Z`,
        GIT_COMMITTER_DATE: `2026-03-01T10:${String(minute).padStart(2, '0')}:00Z`,
      },
    }).trim();
  const put = async (file: string, content: string | Buffer) => {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  };
  const commit = (message: string): string => {
    minute++;
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  git('init', '-q', '-b', 'main');
  commit('Wiki d’exemple');
  await put(paths.teamA, teamA);
  await put(paths.attachmentA, minimalPdf(`Releve ${c.attachmentText}`));
  commit(`Dossier ${c.commitA} créé`);
  await put(paths.teamB, teamB);
  await put(paths.brokenC, brokenC);
  await put(paths.teamD, teamD);
  await put(paths.linkedFile, `Relevé ${c.linkedFileText}\n`);
  commit('Réunion et comptes-rendus');
  await put(paths.publicP2, p2('equipe', `Brouillon interne : ${c.oldVersionBody}.`));
  const oldVersion = commit(`Brouillon ${c.oldVersionCommit}`);
  await put(paths.publicP2, p2('public', 'Cette fiche est désormais publique.'));
  const publicVersion = commit('Publication de la fiche');
  await put(paths.publicP1, publicP1);
  await put(paths.publicAttachment, minimalPdf('Guide public'));
  await put(paths.teamA, `${teamA}\nMise à jour du suivi.\n`);
  const sharedCommit = commit(`Fiche publique et dossier ${c.sharedCommit}`);
  await put('_gare/acces.yml', `rubriques:\n  suivi-renforce: { lecture: [${groupName}], ecriture: [${groupName}] }\n`);
  await put(paths.groupSection, groupSectionPage);
  await put(paths.groupAttachment, minimalPdf(`Releve ${g.attachmentText}`));
  await put(paths.groupOwn, groupOwnPage);
  commit(`Suivi ${g.commit} ouvert`);
  await put(paths.publicP1, `${publicP1}\nRelue en mars.\n`);
  commit(publicCommitMessage);
  return { dir, oldVersion, publicVersion, sharedCommit };
}
