import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseReviewSettings } from '../../server/review/review-settings.ts';
import { readAliasFile } from '../../server/tags/alias-file.ts';
import { parseTagAliases } from '../../server/wiki/tag-settings.ts';
import { loadYaml, loadYamlMapping, MAX_YAML_BYTES, YamlError } from '../../server/wiki/yaml.ts';
import { seedContentRepo } from '../git/helpers.ts';
import { startTestHub, type TestHub } from '../helpers/start-hub.ts';

/** Eleven levels of nine aliases each: 9^11 values once expanded. */
function aliasBomb(): string {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 12; i++) {
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
  }
  return lines.join('\n') + '\n';
}

const oversized = `alias:\n${'  « un nom très long répété »: « un autre nom »\n'.repeat(2000)}`;

function refusal(run: () => unknown): { code: string; message: string } | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof YamlError ? { code: error.code, message: error.message } : { code: 'other', message: String(error) };
  }
}

describe('the guarded YAML loader', () => {
  it.each([
    ['a mapping', 'title: Visio\ntags: [a, b]\n', { title: 'Visio', tags: ['a', 'b'] }],
    ['an empty text', '', {}],
    ['comments only', '# rien\n', {}],
    ['a date', 'date: 2026-03-12\n', { date: new Date('2026-03-12T00:00:00Z') }],
    ['a few shared aliases', 'base: &b [x, y]\ncopie: *b\n', { base: ['x', 'y'], copie: ['x', 'y'] }],
  ])('reads %s', (_name, text, expected) => {
    expect(loadYamlMapping(text, { what: 'essai' })).toEqual(expected);
  });

  it.each([
    ['an alias bomb', aliasBomb(), 'yaml-too-complex', /^_gare\/tags\.yml trop complexe/],
    ['a text over 64 KiB', oversized, 'yaml-too-large', /^_gare\/tags\.yml trop long \(plus de 64 Kio\)/],
    ['broken YAML', 'alias: [oops\n', 'yaml-syntax', /^_gare\/tags\.yml : YAML illisible ligne \d+/],
    ['a duplicate key', 'a: 1\na: 2\n', 'yaml-syntax', /YAML illisible ligne 2/],
    ['a custom tag', 'a: !!js/function "function () {}"\n', 'yaml-syntax', /YAML illisible/],
    ['a list where fields are expected', '- a\n- b\n', 'yaml-not-mapping', /doit être une liste de champs « nom: valeur »/],
  ])('refuses %s with a French message', (_name, text, code, message) => {
    const error = refusal(() => loadYamlMapping(text, { what: '_gare/tags.yml' }));
    expect(error?.code).toBe(code);
    expect(error?.message).toMatch(message);
  });

  it('refuses an alias bomb quickly instead of hanging', () => {
    const started = Date.now();
    expect(refusal(() => loadYaml(aliasBomb(), { what: 'x' }))?.code).toBe('yaml-too-complex');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('counts the size in UTF-8 bytes and takes a limit per caller', () => {
    const accents = `a: "${'é'.repeat(MAX_YAML_BYTES / 2)}"\n`;
    expect(accents.length).toBeLessThan(MAX_YAML_BYTES);
    expect(refusal(() => loadYaml(accents, { what: 'x' }))?.code).toBe('yaml-too-large');
    expect(refusal(() => loadYaml('a: 1234567890\n', { what: 'x', maxBytes: 8 }))?.message).toBe('x trop long (plus de 8 octets)');
  });
});

describe('the settings files read through it', () => {
  it('reads _gare/tags.yml the same way for the index and the tag tools', () => {
    const text = 'alias:\n  Pôle Emploi: France Travail\n  vide: 3\n';
    expect(parseTagAliases(text)).toEqual({ 'Pôle Emploi': 'France Travail' });
    expect(readAliasFile(text)).toEqual(parseTagAliases(text));
  });

  it('finds no aliases in a refused _gare/tags.yml, and the tag tools do not fail on it', () => {
    expect(refusal(() => parseTagAliases(aliasBomb()))?.code).toBe('yaml-too-complex');
    expect(readAliasFile(aliasBomb())).toEqual({});
    expect(readAliasFile(oversized)).toEqual({});
  });

  it('reviews every section while _gare/relecture.yml is an alias bomb or too large', () => {
    expect(parseReviewSettings(`sections: [a]\n${aliasBomb()}`)).toEqual({ sections: [], unreadable: true });
    expect(parseReviewSettings(`sections: [a]\n# ${'x'.repeat(MAX_YAML_BYTES)}\n`)).toEqual({ sections: [], unreadable: true });
  });
});

describe('a hub whose settings files are refused', () => {
  let gare: TestHub | undefined;
  let root: string | undefined;
  afterEach(async () => {
    await gare?.stop();
    if (root) await rm(root, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('still serves its pages and says in the log why the tag aliases are ignored', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(' ')));
    root = await mkdtemp(path.join(os.tmpdir(), 'gare-yaml-'));
    const contentDir = await seedContentRepo(root, {
      'ressources/visio.md': '---\ntitle: Visio libre\ntype: ressource\ntags: [Pôle Emploi]\n---\nUne fiche.\n',
      '_gare/tags.yml': `alias:\n  Pôle Emploi: France Travail\n${aliasBomb()}`,
      '_gare/relecture.yml': `sections: [ressources]\n# ${'x'.repeat(MAX_YAML_BYTES)}\n`,
    });
    gare = await startTestHub({ contentDir });
    const res = await fetch(`${gare.url}/wiki/ressources/visio`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Visio libre');
    expect(errors.some((e) => /_gare\/tags\.yml trop complexe \(alias YAML en cascade \?\)/.test(e))).toBe(true);
  });
});
