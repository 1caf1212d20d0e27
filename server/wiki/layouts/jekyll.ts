/**
 * Jekyll: `_posts/AAAA-MM-JJ-titre.md` are dated pages, served at `AAAA/MM/JJ/titre` as Jekyll
 * does by default (so `/2024/03/12/titre.html` links keep working); `_config.yml` names the site.
 */
import { loadYamlMapping } from '../yaml.ts';

const postName = /^(?:(.*)\/)?_posts\/(?:.*\/)?(\d{4})-(\d{2})-(\d{2})-([^/]+)\.md$/;

/** What a post's file name says: its date, its name and the address Jekyll gives it. */
export interface PostName {
  /** `AAAA-MM-JJ`. */
  date: string;
  /** Title made from the name (`reunion-de-rentree` → `Reunion de rentree`). */
  title: string;
  /** Address without the leading `/` (`2024/03/12/reunion-de-rentree`, under its category folders). */
  address: string;
}

/** Reads a Jekyll post path, or undefined when it is not one. */
export function readPostName(path: string): PostName | undefined {
  const m = postName.exec(path);
  if (!m) return undefined;
  const [, folder, y, mo, d, name] = m as unknown as [string, string | undefined, string, string, string, string];
  const words = name.replace(/[-_]+/g, ' ').trim();
  return {
    date: `${y}-${mo}-${d}`,
    title: words ? words.charAt(0).toUpperCase() + words.slice(1) : name,
    address: [folder, y, mo, d, name].filter((x) => x !== undefined && x !== '').join('/'),
  };
}

/** `title` of a Jekyll `_config.yml`, read with the guarded YAML loader; undefined when absent or unreadable. */
export function readJekyllTitle(text: string): string | undefined {
  try {
    const title = loadYamlMapping(text, { what: '_config.yml' })['title'];
    return typeof title === 'string' && title.trim() !== '' ? title.trim().slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}
