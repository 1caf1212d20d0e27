/** What a new page is made of, whether it is saved directly or proposed for review. */
import type { Viewer } from '../access/viewer.ts';
import { can, requireAllowed } from '../access/policy.ts';
import { Forbidden, InvalidInput } from '../errors.ts';
import { defaultVisibility, pageTypeLabels, type Visibility } from '../wiki/schema.ts';
import { cleanMessage, quoteTitle } from './commit-message.ts';
import type { EditingService } from './editing-service.ts';
import { authorOf } from './page-access.ts';
import { buildPageSource } from './page-source.ts';
import { fillTemplate, readTemplate } from './page-templates.ts';

/** A new page as its author describes it. */
export interface NewPageInput {
  /** Title. */
  title: string;
  /** Page type (decides the folder and the default visibility). */
  type: string;
  /** Tags; the template's when empty. */
  tags: readonly string[];
  /** Visibility; defaults by type (team-only unless the type is public by default). */
  visibility?: Visibility | undefined;
  /** Summary. */
  summary?: string | undefined;
  /** Body; defaults to the template's. */
  body?: string | undefined;
  /** Template name; defaults to the type. */
  template?: string | undefined;
  /** Commit message. */
  message?: string | undefined;
}

/** A new page ready to be written: its file, its commit author and subject. */
export interface PreparedNewPage {
  /** Commit author. */
  author: { name: string; email: string };
  /** The file: front matter and body. */
  source: string;
  /** Commit subject: the person's message or « Création de … ». */
  subject: string;
}

/** Throws unless the viewer may create such a page, saying why when the type is the team's. */
function requireCreate(viewer: Viewer, type: string, target: { visibility: Visibility; typeVisibility: Visibility }): void {
  if (can(viewer, 'page.create', target)) return;
  if (viewer.person !== undefined && can(viewer, 'page.create', { ...target, typeVisibility: 'public' })) {
    const label = (pageTypeLabels as Record<string, { one: string } | undefined>)[type]?.one ?? type;
    throw new Forbidden(`Les pages de type « ${label} » sont réservées à l’équipe : elles peuvent contenir des données personnelles. Demandez à un membre de l’équipe de la créer, ou choisissez un autre type.`);
  }
  requireAllowed(viewer, false);
}

/** Checks the viewer may create such a page and builds its file from the input and its template. */
export async function prepareNewPage({ deps, viewer, input }: { deps: EditingService; viewer: Viewer; input: NewPageInput }): Promise<PreparedNewPage> {
  const { title, type } = input;
  const author = authorOf(viewer);
  const typeVisibility = defaultVisibility(type);
  const visibility = input.visibility ?? typeVisibility;
  requireCreate(viewer, type, { visibility, typeVisibility });
  const template = await readTemplate({ dir: deps.dir, name: input.template ?? type });
  const date = deps.now().toISOString().slice(0, 10);
  const filled = template ? fillTemplate(template.body, { title, date }) : '';
  // A page starts public or shared only with the person's own words, never the template's placeholder.
  if (input.body !== undefined && input.template !== undefined && filled.trim() !== '' && input.body.trim() === filled.trim()) {
    throw new InvalidInput('Le texte est encore celui du modèle : écrivez le contenu de la page avant d’enregistrer.');
  }
  const body = input.body ?? filled;
  const tags = input.tags.length > 0 || !template ? input.tags : template.tags;
  const source = buildPageSource({ fields: { title, type, tags, visibility, summary: input.summary }, body });
  const subject = cleanMessage(input.message, `Création de ${quoteTitle(title)}`);
  return { author, source, subject };
}
