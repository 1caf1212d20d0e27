/**
 * A small content repository for the export tests: a public page with a table, a link and an
 * image, a team page beside it in the same section (with its own attachment), a meeting note
 * with decisions and actions, and two authors.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

/** Words that show whether a team page reached an export. */
export const secret = { title: 'Fiche Zorglubienne', body: 'Crapoutinade', file: 'Scribouillon' } as const;

/** Repository paths of the fixture. */
export const files = {
  publicPage: 'ateliers/atelier-velo.md',
  publicImage: 'ateliers/atelier-velo.fichiers/roue.png',
  teamPage: 'ateliers/suivi-interne.md',
  teamFile: `ateliers/suivi-interne.fichiers/${secret.file.toLowerCase()}.txt`,
  meeting: 'reunions/2026-05-04-reunion-atelier.md',
  /** The only page of a team-only section. */
  teamSection: 'suivis/dossier-zorglub.md',
} as const;

/** A valid `width`×`height` grey PNG. */
export function tinyPng(width = 4, height = 2): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer): number => {
    let c = 0xffffffff;
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.from([0, ...Array.from({ length: width }, () => 0x80)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const publicPage = `---
title: Atelier vélo du samedi
type: ressource
visibility: public
license: CC-BY-SA-4.0
---

Un atelier **ouvert à tous** pour *réparer* son vélo. Voir [le site de l’Heureux Cyclage](https://www.heureux-cyclage.org/).

## Matériel

| Outil | Quantité |
| --- | --- |
| Clé de 15 | 3 |
| Démonte-pneu | 6 |

- Apporter sa chambre à air
- Venir à l’heure

1. Démonter la roue
2. Trouver la fuite

![Une roue](atelier-velo.fichiers/roue.png)
`;

const teamPage = `---
title: ${secret.title}
type: accompagnement
visibility: equipe
---

Notes internes : ${secret.body}.
`;

const meeting = `---
title: Réunion de l’atelier du 4 mai
type: reunion
visibility: public
date: 2026-05-04
---

## Décisions

- Décision : ouvrir l’atelier un samedi sur deux.

## Actions

- [ ] Action : commander des rustines @Nadia avant le 2026-05-20
`;

/** Builds the repository; returns its folder. */
export async function createExportRepo(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gare-export-'));
  let minute = 0;
  const git = (author: string, ...args: string[]): void => {
    const date = `2026-05-01T10:${String(minute).padStart(2, '0')}:00Z`;
    const email = `${author.split(' ')[0]?.toLowerCase()}@exemple.org`;
    execFileSync('git', args, {
      cwd: dir,
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: os.tmpdir(), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_AUTHOR_NAME: author, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: author, GIT_COMMITTER_EMAIL: email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date,
      },
    });
  };
  const put = async (file: string, content: string | Buffer) => {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  };
  const commit = (author: string, message: string) => {
    minute++;
    git(author, 'add', '-A');
    git(author, 'commit', '-q', '-m', message);
  };
  git('Nadia Martin', 'init', '-q', '-b', 'main');
  await put(files.publicPage, publicPage);
  await put(files.publicImage, tinyPng());
  await put(files.teamPage, teamPage);
  await put(files.teamFile, `Pièce interne ${secret.file}\n`);
  await put(files.teamSection, teamPage);
  commit('Nadia Martin', 'Atelier vélo');
  await put(files.publicPage, `${publicPage}\nRelu par Karim.\n`);
  await put(files.meeting, meeting);
  commit('Karim Benali', 'Relecture et réunion');
  return dir;
}
