/** How to fix a front matter problem, in plain French, by field. */

const hints: Record<string, string> = {
  'front matter':
    'Vérifiez l’en-tête : il commence et finit par une ligne de trois tirets (---), chaque ligne est « nom: valeur », et les valeurs contenant « : » sont entre guillemets.',
  title: 'Donnez un titre d’une ligne (200 caractères au plus), par exemple : title: Compte-rendu du 12 mars',
  type: 'Indiquez un type court, par exemple : type: compte-rendu (ou accompagnement, reunion, tutoriel, ressource…).',
  tags: 'Écrivez les étiquettes en liste, par exemple : tags: [Pôle Emploi, statut juridique]',
  visibility: 'La visibilité vaut « public » (tout le monde) ou « equipe » (équipe seulement), par exemple : visibility: equipe',
  license: 'Indiquez un identifiant de licence, par exemple : license: CC-BY-SA-4.0',
  date: 'Écrivez la date sous la forme AAAA-MM-JJ, par exemple : date: 2026-03-12',
  summary: 'Le résumé tient en une ou deux phrases (500 caractères au plus).',
  aliases: 'Écrivez les autres titres en liste, par exemple : aliases: [Ancien titre]',
  participants: 'Écrivez les participant·es en liste, par exemple : participants: [Awa, Thomas]',
  pad: 'Le nom du pad tient en une ligne (120 caractères au plus).',
  status: 'Le statut est un mot court, par exemple : status: a-reconcilier',
  body: 'La page est trop volumineuse : découpez-la en plusieurs pages reliées par des liens.',
};

/** The hint for a field at fault. */
export function fixHint(field: string): string {
  return hints[field] ?? 'Corrigez ou supprimez ce champ de l’en-tête de la page.';
}
