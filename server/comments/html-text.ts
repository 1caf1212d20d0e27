/**
 * The text of rendered (sanitised) HTML as a reader sees it, and its headings: what passages and
 * heading anchors are looked for in. One linear pass, no HTML parser needed for our own output.
 */

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/giu, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return entities[name.toLowerCase()] ?? whole;
  });
}

/** The text of HTML: tags dropped, entities decoded. */
export function htmlText(html: string): string {
  let out = '';
  let from = 0;
  for (let open = html.indexOf('<'); open >= 0; open = html.indexOf('<', from)) {
    out += html.slice(from, open) + ' ';
    const close = html.indexOf('>', open);
    if (close < 0) return decode(out);
    from = close + 1;
  }
  return decode(out + html.slice(from));
}

/** A heading a thread may hang on. */
export interface HeadingAnchorInfo {
  /** The heading's id (`prochaines-etapes`). */
  id: string;
  /** Its text. */
  text: string;
}

/** Headings of rendered HTML that carry an id, in order. */
export function headingsOf(html: string): HeadingAnchorInfo[] {
  const found: HeadingAnchorInfo[] = [];
  for (const m of html.matchAll(/<h([1-6])\b[^>]*?\sid="([^"]{1,200})"[^>]*>([\s\S]*?)<\/h\1>/gu)) {
    // Without the hidden text of the heading's own anchor link (« # Lien vers la section … »).
    const text = htmlText(m[3] ?? '').replace(/\s+/gu, ' ').trim().replace(/\s*# Lien vers la section « .* »$/u, '').trim();
    found.push({ id: decode(m[2] ?? ''), text });
  }
  return found;
}
