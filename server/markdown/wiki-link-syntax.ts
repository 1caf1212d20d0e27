/** The `[[Titre]]` / `[[Titre|texte affiché]]` syntax, shared by the renderer and the link index. */

/** One wiki link found in a text. */
export interface WikiLinkToken {
  /** Page title or alias, trimmed (`Pôle Emploi`). */
  title: string;
  /** Text to show: the part after `|`, else the title. */
  label: string;
  /** Offset of `[[` (or of `!` for Obsidian embeds `![[…]]`, shown as links) in the text. */
  start: number;
  /** Offset just after `]]`. */
  end: number;
}

// Bounded lengths and no nested quantifier: linear on any text node.
const wikiLink = /!?\[\[([^[\]\n|]{1,200})(?:\|([^[\]\n]{1,200}))?\]\]/g;

/** Finds the wiki links of one text; titles that are blank after trimming are ignored. */
export function findWikiLinks(text: string): WikiLinkToken[] {
  if (!text.includes('[[')) return [];
  const tokens: WikiLinkToken[] = [];
  for (const match of text.matchAll(wikiLink)) {
    const title = (match[1] ?? '').trim().replace(/\s+/g, ' ');
    if (title === '') continue;
    const label = match[2]?.trim() || title;
    tokens.push({ title, label, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}
