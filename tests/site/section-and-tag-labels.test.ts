/** Display names the lists use: a section's French title, a tag typed under an old name in the editor. */
import { describe, expect, it } from 'vitest';
import { sectionLabel } from '../../site/lib/format.ts';
import { snapTag } from '../../site/scripts/editor-tags.ts';

describe('the display title of a section', () => {
  it.each([
    ['reunions', 'Réunions'],
    ['comptes-rendus', 'Comptes rendus'],
    ['accompagnements', 'Accompagnements'],
    ['ressources', 'Ressources'],
    ['tutoriels', 'Tutoriels'],
    ['journal', 'Journal'],
    ['agenda', 'Agenda'],
    ['accueil', 'Accueil'],
    ['Reunions', 'Réunions'],
    ['outils_libres', 'Outils libres'],
    ['', 'Racine'],
  ])('names the folder %j « %s »', (folder, title) => {
    expect(sectionLabel(folder)).toBe(title);
  });

  it('prefers the title of the section’s landing page', () => {
    expect(sectionLabel('reunions', 'Nos réunions d’équipe')).toBe('Nos réunions d’équipe');
    expect(sectionLabel('reunions', '  ')).toBe('Réunions');
  });
});

describe('the editor’s tag snapping', () => {
  const existing = ['France Travail', "réunion d'équipe"];
  const aliases = [{ from: 'Pôle Emploi', to: 'France Travail' }];

  it('snaps an old name, in any spelling, to the current tag', () => {
    expect(snapTag('Pôle Emploi', existing, aliases)).toBe('France Travail');
    expect(snapTag('pole emploi', existing, aliases)).toBe('France Travail');
    expect(snapTag('Réunion d’équipe', existing, aliases)).toBe("réunion d'équipe");
    expect(snapTag('cartographie', existing, aliases)).toBe('cartographie');
  });

  it('snaps an old name to its current name even before a page carries it', () => {
    expect(snapTag('pôle-emploi', [], aliases)).toBe('France Travail');
  });
});
