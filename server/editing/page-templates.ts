/** Page templates: `_modeles/<nom>.md` files of the content repository. */
import { listContentFolder, readContentText } from '../git/content-files.ts';
import { splitFrontMatter } from '../wiki/front-matter.ts';
import { FrontMatterSchema } from '../wiki/schema.ts';

/** Folder of the templates in the content repository. */
export const templatesFolder = '_modeles';

/** A page template. */
export interface PageTemplate {
  /** Template name: the file name without `.md` (usually a page type). */
  name: string;
  /** Title of the template file, or its name. */
  title: string;
  /** Page type it is for (front matter `type`, else its name). */
  type: string;
  /** Tags suggested by the template. */
  tags: string[];
  /** Markdown body new pages start with. */
  body: string;
}

const namePattern = /^[a-z0-9][a-z0-9-]{0,59}$/;

function toTemplate(name: string, source: string): PageTemplate {
  const split = splitFrontMatter(source);
  const fm = FrontMatterSchema.safeParse(split.data);
  const data = fm.success ? fm.data : {};
  return { name, title: data.title ?? name, type: data.type ?? name, tags: data.tags ?? [], body: split.body.replace(/^\n+/, '') };
}

/** Every template of the content repository, by name. */
export async function listTemplates({ dir }: { dir: string }): Promise<PageTemplate[]> {
  const out: PageTemplate[] = [];
  for (const file of await listContentFolder(dir, templatesFolder)) {
    const name = file.name.replace(/\.md$/, '');
    if (!file.name.endsWith('.md') || !namePattern.test(name)) continue;
    const source = await readContentText(dir, `${templatesFolder}/${file.name}`);
    if (source !== undefined) out.push(toTemplate(name, source));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** The template called `name`, if there is one (names are checked: no path can be asked). */
export async function readTemplate({ dir, name }: { dir: string; name: string }): Promise<PageTemplate | undefined> {
  if (!namePattern.test(name)) return undefined;
  const source = await readContentText(dir, `${templatesFolder}/${name}.md`);
  return source === undefined ? undefined : toTemplate(name, source);
}

/** Fills the `{{titre}}` and `{{date}}` placeholders of a template body. */
export function fillTemplate(body: string, values: { title: string; date: string }): string {
  return body.replace(/\{\{\s*titre\s*\}\}/gi, values.title).replace(/\{\{\s*date\s*\}\}/gi, values.date);
}

/** What a new page starts with in the editor before anything is written: its template's text and tags, filled. */
export function templateDraft(template: PageTemplate | undefined, values: { title: string; date: string }): { body: string; tags: string[] } {
  return template ? { body: fillTemplate(template.body, values), tags: template.tags } : { body: '', tags: [] };
}
