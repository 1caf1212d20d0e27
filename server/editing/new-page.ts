/** What a new page is made of, whether it is saved directly or proposed for review. */
import type { Viewer } from '../access/viewer.ts';
import { defaultVisibility, type Visibility } from '../wiki/schema.ts';
import { cleanMessage, quoteTitle } from './commit-message.ts';
import type { EditingService } from './editing-service.ts';
import { authorOf, requireSave } from './page-access.ts';
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

/** Checks the viewer may create such a page and builds its file from the input and its template. */
export async function prepareNewPage({ deps, viewer, input }: { deps: EditingService; viewer: Viewer; input: NewPageInput }): Promise<PreparedNewPage> {
  const { title, type } = input;
  const author = authorOf(viewer);
  const visibility = input.visibility ?? defaultVisibility(type);
  requireSave(viewer, undefined, visibility);
  const template = await readTemplate({ dir: deps.dir, name: input.template ?? type });
  const date = deps.now().toISOString().slice(0, 10);
  const body = input.body ?? (template ? fillTemplate(template.body, { title, date }) : '');
  const tags = input.tags.length > 0 || !template ? input.tags : template.tags;
  const source = buildPageSource({ fields: { title, type, tags, visibility, summary: input.summary }, body });
  const subject = cleanMessage(input.message, `Création de ${quoteTitle(title)}`);
  return { author, source, subject };
}
