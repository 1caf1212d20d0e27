/**
 * An Etherpad pad's text as Markdown. Etherpad keeps lists and headings as attributes of a `*`
 * marker at the start of the line (`lmkr`, `list: bullet1`, `heading: h2`), listed in the pad's
 * `atext.attribs` (Etherpad's changeset ops: `*n` attribute numbers, `|n` newlines, `+n` chars,
 * base 36); without them a bulleted line would read `*Arrosage…`. Pure.
 */

/** An attribute pool: number (base 10 text) → [name, value]. */
export type AttributePool = Record<string, readonly [string, string] | readonly string[]>;

const opPattern = /((?:\*[0-9a-z]+)*)(?:\|[0-9a-z]+)?\+([0-9a-z]+)/g;

/** Line-marker attributes by the position of their `*` in the text. */
function lineMarkers(attribs: string, pool: AttributePool): Map<number, Map<string, string>> {
  const markers = new Map<number, Map<string, string>>();
  let at = 0;
  for (const [, refs = '', count = '0'] of attribs.matchAll(opPattern)) {
    const attributes = new Map<string, string>();
    for (const ref of refs.match(/\*[0-9a-z]+/g) ?? []) {
      const pair = pool[String(parseInt(ref.slice(1), 36))];
      if (pair?.[0] !== undefined) attributes.set(pair[0], pair[1] ?? '');
    }
    if (attributes.has('lmkr')) markers.set(at, attributes);
    at += parseInt(count, 36);
  }
  return markers;
}

/** The Markdown start of a marked line: `- `, `1. `, `## `… indented by its level. */
function prefixOf(attributes: Map<string, string>): string {
  const heading = /^h([1-6])$/.exec(attributes.get('heading') ?? '');
  if (heading) return `${'#'.repeat(Number(heading[1]))} `;
  const list = /^(bullet|number|indent)(\d+)$/.exec(attributes.get('list') ?? '');
  if (!list) return '';
  const level = Math.min(Number(list[2]), 8) - 1;
  if (list[1] === 'bullet') return `${'  '.repeat(level)}- `;
  if (list[1] === 'number') return `${'   '.repeat(level)}1. `;
  return '';
}

/** The pad text with Etherpad's line markers turned into Markdown lists and headings. */
export function etherpadText(text: string, attribs: string | undefined, pool: AttributePool | undefined): string {
  const markers = attribs && pool ? lineMarkers(attribs, pool) : new Map<number, Map<string, string>>();
  const lines: string[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const marker = markers.get(start);
    lines.push(marker && line.startsWith('*') ? prefixOf(marker) + line.slice(1) : line);
    start += line.length + 1;
  }
  return lines.join('\n');
}
