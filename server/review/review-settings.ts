/**
 * Which sections want contributors' edits reviewed. The list lives in the content repository,
 * `_gare/relecture.yml` (`sections: [ressources, tutoriels]`), so a team changes it by a commit
 * like any page, and every instance reading the repository agrees.
 */
import { can, requireAllowed } from '../access/policy.ts';
import yaml from 'js-yaml';
import { z } from 'zod';
import type { Viewer } from '../access/viewer.ts';
import { readAtHead, readHead } from '../git/head.ts';
import type { EditingService } from '../editing/editing-service.ts';
import { loadYaml } from '../wiki/yaml.ts';
import { authorOf } from '../editing/page-access.ts';
import { cleanSection } from '../editing/page-locations.ts';

/** Path of the review settings in the content repository. */
export const reviewSettingsPath = '_gare/relecture.yml';

/** The review settings file. */
export const ReviewSettingsSchema = z.object({
  /** Top-level folders whose contributors' edits wait for a team member's approval. */
  sections: z.array(z.string().trim().min(1).max(60)).max(200).default([]),
});

/** Review settings, as read. */
export interface ReviewSettings {
  /** Reviewed section folder names. */
  sections: string[];
  /** True when the file exists but cannot be read: then every section is reviewed. */
  unreadable: boolean;
}

/** Parses the settings file; a broken file fails closed (everything reviewed) rather than letting edits through. */
export function parseReviewSettings(source: string | undefined): ReviewSettings {
  if (source === undefined) return { sections: [], unreadable: false };
  try {
    const parsed = ReviewSettingsSchema.safeParse(loadYaml(source, { what: reviewSettingsPath }) ?? {});
    if (parsed.success) return { sections: [...new Set(parsed.data.sections.map((s) => cleanSection(s)))], unreadable: false };
  } catch {
    // Fall through: an unreadable file is reported the same way as a wrong shape.
  }
  return { sections: [], unreadable: true };
}

/** Reads the settings at the content repository's current commit. */
export async function readReviewSettings({ dir }: { dir: string }): Promise<ReviewSettings> {
  const head = await readHead(dir);
  const settings = parseReviewSettings(await readAtHead(dir, head, reviewSettingsPath));
  if (settings.unreadable) console.error(`[relecture] ${reviewSettingsPath} illisible : toutes les sections sont relues jusqu’à sa correction.`);
  return settings;
}

/** Section (top-level folder) of a repository path; '' for a page at the root. */
export function sectionOf(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** True when a save by this viewer to this page path must wait for review. */
export function needsReview({ settings, viewer, path }: { settings: ReviewSettings; viewer: Viewer; path: string }): boolean {
  if (!can(viewer, 'proposals.submit')) return false;
  const section = sectionOf(path.replace(/^\/+/, ''));
  // Folder names from input (`Ressources`) are compared the way new pages' folders are made.
  return settings.unreadable || (section !== '' && settings.sections.includes(cleanSection(section)));
}

/** Options of `saveReviewSettings`. */
export interface SaveReviewSettingsOptions {
  /** Editing dependencies. */
  deps: EditingService;
  /** Who changes them (an admin). */
  viewer: Viewer;
  /** New list of reviewed sections. */
  sections: readonly string[];
}

/** Commits `_gare/relecture.yml` with the new list (admins only). */
export async function saveReviewSettings({ deps, viewer, sections }: SaveReviewSettingsOptions): Promise<{ sections: string[]; version: string | undefined }> {
  requireAllowed(viewer, can(viewer, 'people.manage'));
  const author = authorOf(viewer);
  const clean = [...new Set(sections.map((s) => s.trim()).filter((s) => s !== '').map((s) => cleanSection(s)))].sort();
  const content =
    '# Sections dont les modifications des contributeur·ices attendent la relecture de l’équipe.\n' +
    '# Modifiable ici ou depuis la page « Propositions » (administrateur·ices).\n' +
    yaml.dump({ sections: clean }, { flowLevel: 1 });
  const { oid } = await deps.commitAtHead(async () => ({
    commit: { changes: [{ path: reviewSettingsPath, content }], author, message: 'Relecture : sections relues mises à jour' },
    value: undefined,
  }));
  return { sections: clean, version: oid };
}
