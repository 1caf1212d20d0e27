/** Word folding, splitting and light French stemming, shared by server and browser. No `node:` import. */

import { foldText } from '../wiki/paths.ts';

/** Lower-cases and removes accents: `Pôle` → `pole`, `Œuvre` → `oeuvre` (the wiki's one folding). */
export const foldWord = foldText;

/** Words of a text, folded, in order (apostrophes split: `l’accompagnement` → `l`, `accompagnement`). */
export function tokenize(text: string): string[] {
  return foldWord(text).match(/[a-z0-9]+/g) ?? [];
}

// Longest first: the first suffix that leaves a stem of 3+ letters wins.
const suffixes = [
  'issements', 'issement', 'atrices', 'atrice', 'ateurs', 'ateur', 'ations', 'ation', 'ements',
  'ement', 'ments', 'ment', 'euses', 'euse', 'eurs', 'eur', 'iques', 'ique', 'ables', 'able',
  'istes', 'iste', 'ances', 'ance', 'ences', 'ence', 'ites', 'ite', 'ives', 'ive', 'ifs', 'if',
  'aux', 'ees', 'ee', 'er', 'ez', 'es', 'e', 's', 'x',
];

/**
 * A light French stem of a folded word, so that singular/plural and common derivations meet:
 * `accompagnements` and `accompagnement` → `accompagn`. Cruder than Snowball on purpose.
 */
export function stemFrench(word: string): string {
  for (const suffix of suffixes) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) {
      return suffix === 'aux' ? `${word.slice(0, -3)}al` : word.slice(0, -suffix.length);
    }
  }
  return word;
}
