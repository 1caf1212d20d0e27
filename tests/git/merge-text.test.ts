import { describe, expect, it } from 'vitest';
import { mergeText } from '../../server/git/merge-text.ts';

const base = '# Réunion\n\nOrdre du jour\n\nDécisions\n\nActions\n';

describe('mergeText', () => {
  it('keeps both edits when they touch different lines', () => {
    const ours = base.replace('Ordre du jour', 'Ordre du jour : budget');
    const theirs = base.replace('Actions', 'Actions : Alice relance la mairie');
    expect(mergeText({ base, ours, theirs })).toEqual({
      clean: true,
      text: '# Réunion\n\nOrdre du jour : budget\n\nDécisions\n\nActions : Alice relance la mairie\n',
    });
  });

  it('does not flag the same change made on both sides', () => {
    const same = base.replace('Décisions', 'Décisions : on vote');
    expect(mergeText({ base, ours: same, theirs: same })).toEqual({ clean: true, text: same });
    const ours = same.replace('# Réunion', '# Réunion du lundi');
    expect(mergeText({ base, ours, theirs: same })).toEqual({ clean: true, text: ours });
  });

  it('reports overlapping edits with both versions and markers, losing neither', () => {
    const ours = base.replace('Décisions', 'Décisions : on reporte');
    const theirs = base.replace('Décisions', 'Décisions : on valide');
    const result = mergeText({ base, ours, theirs });
    expect(result.clean).toBe(false);
    if (result.clean) return;
    expect(result.conflicts).toEqual([{ ours: 'Décisions : on reporte', theirs: 'Décisions : on valide', base: 'Décisions' }]);
    expect(result.text).toBe(
      '# Réunion\n\nOrdre du jour\n\n<<<<<<< votre version\nDécisions : on reporte\n=======\nDécisions : on valide\n>>>>>>> version enregistrée entre-temps\n\nActions\n',
    );
  });
});
