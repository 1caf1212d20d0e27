import { describe, expect, it } from 'vitest';
import { aliasTarget, moveAliases, removeAlias, resolveTarget } from '../../server/tags/alias-table.ts';
import { readAliasFile, writeAliasFile } from '../../server/tags/alias-file.ts';
import { tagKey } from '../../server/wiki/paths.ts';

const k = tagKey;

describe('keeping the alias table one hop deep', () => {
  it('adds the old name and points earlier old names at the new one', () => {
    const table = { 'ANPE': 'Pôle Emploi' };
    expect(moveAliases(table, 'Pôle Emploi', 'France Travail', true)).toEqual({ ANPE: 'France Travail', 'Pôle Emploi': 'France Travail' });
    expect(moveAliases(table, 'Pôle Emploi', 'France Travail', false)).toEqual({ ANPE: 'France Travail' });
  });

  it('undoes an alias when a tag is renamed back to its old name, without a cycle', () => {
    const table = { 'Pôle Emploi': 'France Travail' };
    expect(resolveTarget(table, k('France Travail'), 'pole emploi')).toBe('pole emploi');
    expect(moveAliases(table, 'France Travail', 'Pôle Emploi', true)).toEqual({ 'France Travail': 'Pôle Emploi' });
  });

  it('follows an alias when the new name is an old name of another tag', () => {
    const table = { 'Pôle Emploi': 'France Travail' };
    expect(resolveTarget(table, k('Chômage'), 'Pole emploi')).toBe('France Travail');
    expect(resolveTarget(table, k('Chômage'), 'Emploi')).toBe('Emploi');
  });

  it('replaces an entry written with another spelling, and removes by key', () => {
    const table = { 'pole emploi': 'France Travail', CAE: 'Coopérative' };
    expect(moveAliases(table, 'Pôle Emploi', 'Emploi', true)).toEqual({ CAE: 'Coopérative', 'Pôle Emploi': 'Emploi' });
    expect(removeAlias(table, k('Pôle-Emploi'))).toEqual({ CAE: 'Coopérative' });
    expect(aliasTarget(table, k('POLE EMPLOI'))).toBe('France Travail');
  });
});

describe('the alias file', () => {
  const sample = "# Alias de tags : ancien nom → nom de référence.\n# (décision du 10 février)\nalias:\n  Pôle Emploi: France Travail\n\nautre: [1, 2]\n";

  it('rewrites the alias block and keeps comments and other settings', () => {
    const next = writeAliasFile(sample, { 'Pôle Emploi': 'France Travail', "Réunion d'équipe": 'Réunion' });
    expect(next).toBe("# Alias de tags : ancien nom → nom de référence.\n# (décision du 10 février)\nalias:\n  Pôle Emploi: France Travail\n  Réunion d'équipe: Réunion\n\nautre: [1, 2]\n");
    expect(readAliasFile(next)).toEqual({ 'Pôle Emploi': 'France Travail', "Réunion d'équipe": 'Réunion' });
  });

  it('creates the file, empties the table, and reads a broken file as no alias', () => {
    expect(readAliasFile(writeAliasFile(undefined, { 'a: b': 'C' }))).toEqual({ 'a: b': 'C' });
    expect(readAliasFile(writeAliasFile(sample, {}))).toEqual({});
    expect(writeAliasFile(sample, {})).toContain('autre: [1, 2]');
    expect(readAliasFile('alias: [oops')).toEqual({});
    expect(readAliasFile(writeAliasFile('alias: [oops', { X: 'Y' }))).toEqual({ X: 'Y' });
  });
});
