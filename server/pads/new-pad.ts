/** Starting a pad: a unique name from the title and the day, and the template filled in. */
import { z } from 'zod';
import { padTemplates, readPadTemplate } from '../hub/pad-wiring.ts';
import { slugify } from '../wiki/paths.ts';
import type { PadMeta, PadMetaPatch } from './pad-server.ts';
import { VisibilitySchema, type Visibility } from '../wiki/schema.ts';
import { todayIn } from '../register/register-query.ts';

/** French names of the pad templates, in the order the form offers them. */
export const padTemplateLabels: Record<(typeof padTemplates)[number], string> = {
  'reunion-equipe': 'Réunion d’équipe',
  entretien: 'Entretien d’accompagnement',
  atelier: 'Atelier',
  vide: 'Vide',
};

/** Body of « Nouveau pad » (form or JSON). */
export const NewPadSchema = z.object({
  /** Title of the pad (and of the page it becomes). */
  title: z.string().trim().min(1, 'donnez un titre au pad').max(160, 'titre trop long (160 caractères au plus)'),
  /** Template name; `vide` when absent. */
  template: z.enum(padTemplates).default('vide'),
  /** Who may see the pad: `equipe` (default) or `public` (the collective reads it and contributeurs write in it). */
  visibility: VisibilitySchema.default('equipe'),
});

/** French answers to « Qui peut voir ce pad ? », in the order the form offers them. */
export const padVisibilityLabels: Record<Visibility, string> = {
  equipe: 'Équipe seulement',
  public: 'Public (le collectif)',
};

/** What creating a pad needs from the pad server. */
export interface PadCreator {
  /** Metadata of an existing pad. */
  getMeta(name: string): Promise<PadMeta | undefined>;
  /** Creates a pad unless it exists; true when created now. */
  seedText(name: string, text: string, meta?: PadMetaPatch): Promise<boolean>;
}

/** Options of createPad. */
export interface CreatePadOptions {
  /** The pad server. */
  pads: PadCreator;
  /** Content repository (templates in `_modeles/pads/`). */
  contentDir: string;
  /** Title chosen by the person. */
  title: string;
  /** Template name. */
  template: (typeof padTemplates)[number];
  /** Who may see the pad; `equipe` when absent. */
  visibility?: Visibility | undefined;
  /** Now. */
  now: Date;
}

const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

/** The template with the title as first heading and the day written out instead of `JJ mois AAAA`. */
export function fillTemplate({ template, title, now }: { template: string; title: string; now: Date }): string {
  const day = longDate.format(now);
  const heading = `# ${title.replace(/\s+/g, ' ')}`;
  const lines = template.replace(/JJ mois AAAA/g, day).split('\n');
  const at = lines.findIndex((line) => /^#\s/.test(line));
  if (at >= 0) lines[at] = heading;
  else lines.unshift(heading, '');
  return lines.join('\n');
}

/** Finds a free name `base`, `base-2`, `base-3`… (`base` at most 76 characters). */
export async function freePadName(pads: Pick<PadCreator, 'getMeta'>, base: string): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if ((await pads.getMeta(name)) === undefined) return name;
  }
  throw new Error(`No free pad name after ${base}`);
}

/** Creates a pad from a template; returns its name (`titre-du-pad-2026-03-10`). */
export async function createPad({ pads, contentDir, title, template, visibility = 'equipe', now }: CreatePadOptions): Promise<string> {
  const base = `${slugify(title, 60)}-${todayIn(now)}`;
  const text = fillTemplate({ template: await readPadTemplate(contentDir, template), title, now });
  // Two people creating the same pad at once: the loser of seedText takes the next free name.
  for (;;) {
    const name = await freePadName(pads, base);
    if (await pads.seedText(name, text, { title, template, visibility })) return name;
  }
}
