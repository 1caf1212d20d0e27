/** The `[[Titre]]` / `[[Titre|texte affiché]]` syntax, shared by the renderer and the link index. */

/** One wiki link found in a text. */
export interface WikiLinkToken {
  /** Page title or alias, trimmed (`Pôle Emploi`), without `#section`; empty for `[[#Section]]`. */
  title: string;
  /** Heading written after `#` (`[[Note#Étapes]]` → `Étapes`), if any; Obsidian block ids (`#^abc`) are dropped. */
  fragment: string | undefined;
  /** Text to show: the part after `|`, else the title. */
  label: string;
  /** Offset of `[[` (or of `!` for Obsidian embeds `![[…]]`, shown as links) in the text. */
  start: number;
  /** Offset just after `]]`. */
  end: number;
  /** Written `![[…]]` (Obsidian embed): an image, or a card for a page. */
  embed: boolean;
}

// Bounded lengths and no nested quantifier: linear on any text node.
const wikiLink = /!?\[\[([^[\]\n|]{1,200})(?:\|([^[\]\n]{1,200}))?\]\]/g;

/** Finds the wiki links of one text; titles that are blank after trimming are ignored. */
export function findWikiLinks(text: string): WikiLinkToken[] {
  if (!text.includes('[[')) return [];
  const tokens: WikiLinkToken[] = [];
  for (const match of text.matchAll(wikiLink)) {
    const written = (match[1] ?? '').trim().replace(/\s+/g, ' ');
    const hash = written.indexOf('#');
    const title = (hash < 0 ? written : written.slice(0, hash)).trim();
    const heading = hash < 0 ? '' : written.slice(hash + 1).trim();
    const fragment = heading === '' || heading.startsWith('^') ? undefined : heading;
    if (title === '' && fragment === undefined) continue;
    const embed = match[0].startsWith('!');
    // `[[toc]]` is VuePress's table of contents (remark-toc.ts), never a page named « toc ».
    if (!embed && match[2] === undefined && title.toLowerCase() === 'toc') continue;
    const label = match[2]?.trim() || (fragment === undefined ? title : title === '' ? fragment : `${title} › ${fragment}`);
    tokens.push({ title, fragment, label, start: match.index, end: match.index + match[0].length, embed });
  }
  return tokens;
}
