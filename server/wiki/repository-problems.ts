/** Files of the content repository the hub refuses to use, and how the team tells them apart and fixes them. */

// Control characters (a newline…) cannot travel in a link. The site's routes decode their
// parameters with decodeURI, which leaves URL delimiters (`= & ? # + $ , ; : @`) percent-encoded:
// the page would be listed and its link answer 404 on every route (page, edit, history…).
// Names the hub makes never contain them (slugify), so only pushed files are refused.
const oddCharacters = /[\u0000-\u001f\u007f=&?#+$,;:@]/u;

/** Why a repository path cannot be a page address, in French, or undefined when it can. */
export function oddNameProblem(path: string): string | undefined {
  if (path.includes('\\')) return 'le nom contient une barre oblique inversée « \\ »';
  const odd = oddCharacters.exec(path);
  if (odd) return `le nom contient le caractère ${odd[0] >= ' ' ? `« ${odd[0]} »` : `de contrôle ${JSON.stringify(odd[0])}`}`;
  return undefined;
}

/** A problem of the repository itself (not of a page's text), for the team's « Pages à corriger ». */
export interface RepositoryProblem {
  /** Repository path, exactly as stored (it may hold a newline or a backslash). */
  path: string;
  /** What is wrong, in French. */
  problem: string;
  /** What to do, in French. */
  hint: string;
}

/** What the index and the history found, described for the team. */
export function describeRepositoryProblems(found: { links: readonly string[]; oddNames: readonly string[]; unsafePaths: readonly string[] }): RepositoryProblem[] {
  const out: RepositoryProblem[] = [];
  for (const path of found.links) {
    out.push({
      path,
      problem: 'lien symbolique : le wiki ne le suit jamais (ni pour lire, ni pour lister, déplacer ou supprimer) et ignore ce qu’il contient',
      hint: `Remplacez-le par un vrai dossier ou fichier, ou supprimez-le : git rm ${JSON.stringify(path)}, puis commit et push.`,
    });
  }
  const unsafe = new Set(found.unsafePaths);
  for (const path of found.oddNames.filter((p) => !unsafe.has(p))) {
    out.push({
      path,
      problem: `page ignorée : ${oddNameProblem(path) ?? 'nom de fichier inutilisable'}, elle ne peut pas avoir d’adresse`,
      hint: 'Renommez le fichier avec des lettres, chiffres et tirets (git mv), puis commit et push.',
    });
  }
  for (const path of found.unsafePaths) {
    out.push({
      path,
      problem: 'chemin dangereux dans le dernier commit (barre oblique inversée, « .. » ou « .git ») : ignoré par l’historique et les modifications',
      hint: `Retirez-le du dépôt avec le terminal git : git rm --cached ${JSON.stringify(path)}, puis commit et push.`,
    });
  }
  return out;
}
