/**
 * Template tags of other generators, in the text of a page: Liquid/Jinja `{% … %}` and
 * `{{ … }}`, Hugo shortcodes `{{< … >}}` and `{{% … %}}`. GitBook's `{% embed url="…" %}`
 * becomes a plain link and `{% content-ref url="…" %}` a link card (the link inside it, or one
 * to `url`); any other opening tag becomes a quiet notice (« Élément de mise en page non pris
 * en charge »), never raw text; closing tags (`{% endif %}`, `{{< /tab >}}`) vanish. Code and
 * inline code are not text nodes, so tags there stay as written.
 */
import type { Link, Parent, PhrasingContent, Root, RootContent } from 'mdast';

// Bounded, lazy, single-line bodies: linear on any text node.
const templateTag = /\{%-?[ \t]*([^\n]{0,300}?)[ \t]*-?%\}|\{\{<[ \t]*([^\n]{0,300}?)[ \t]*>\}\}|\{\{%[ \t]*([^\n]{0,300}?)[ \t]*%\}\}|\{\{-?[ \t]*([^{}\n]{1,300}?)[ \t]*-?\}\}/g;
const attribute = (name: string, body: string): string | undefined =>
  new RegExp(`\\b${name}=["']([^"']{1,2000})["']`).exec(body)?.[1];

/** Where a paragraph is: inside a GitBook card (whose text is dropped), and whether it holds links of its own. */
interface CardState {
  /** Between `{% content-ref %}` and `{% endcontent-ref %}`. */
  open: boolean;
  /** The paragraph has a link: the card shows it rather than one made from `url`. */
  hasLink: boolean;
}

/** What a text's tag becomes. */
function replacement(written: string, body: string, cards: CardState): PhrasingContent[] {
  const name = /^[\w-]+/.exec(body)?.[0]?.toLowerCase() ?? '';
  const url = attribute('url', body);
  if (name === 'embed' && url) return [{ type: 'link', url, children: [{ type: 'text', value: url }] }];
  if (name === 'content-ref') {
    cards.open = true;
    const card: Link = { type: 'link', url: url ?? '', children: [{ type: 'text', value: url ?? '' }], data: { hProperties: { className: ['link-card'] } } };
    return url && !cards.hasLink ? [card] : [];
  }
  if (name === 'endcontent-ref') cards.open = false;
  // Closing tags, `raw` markers and comments say nothing a reader needs.
  if (/^(?:\/|end|raw$|#)/.test(body)) return [];
  return [
    {
      type: 'emphasis',
      children: [{ type: 'text', value: 'Élément de mise en page non pris en charge : ' }, { type: 'inlineCode', value: written }],
      data: { hName: 'span', hProperties: { className: ['template-notice'] } },
    },
  ];
}

/** True when a text ends inside a tag: a `{%` or `{{` opened and not yet closed. */
function endsInsideTag(text: string): boolean {
  const open = Math.max(text.lastIndexOf('{%'), text.lastIndexOf('{{'));
  return open >= 0 && Math.max(text.lastIndexOf('%}'), text.lastIndexOf('}}')) < open;
}

/** The text a node was parsed from, when the parser cut a tag there: raw HTML or a bare URL made a link. */
function cutText(node: RootContent | undefined): string | undefined {
  if (node?.type === 'html') return node.value;
  const only = node?.type === 'link' ? node.children[0] : undefined;
  return node?.type === 'link' && node.children.length === 1 && only?.type === 'text' && node.url.endsWith(only.value) ? only.value : undefined;
}

/**
 * Joins back what the parser cut inside a tag: `{{<figure>}}` (raw HTML) and
 * `{% embed url="https://…" %}` (a bare URL made a link) become one text again.
 */
function mergeCutTags(parent: Parent): void {
  const c = parent.children;
  for (let i = 0; i + 2 < c.length; i++) {
    const [a, b, d] = [c[i], c[i + 1], c[i + 2]];
    const inner = cutText(b);
    if (a?.type === 'text' && d?.type === 'text' && inner !== undefined && endsInsideTag(a.value)) {
      a.value += inner + d.value;
      c.splice(i + 1, 2);
      i--;
    }
  }
}

/** Rewrites the tags of one paragraph (or other phrasing parent); a GitBook card keeps only its links. */
function rewritePhrasing(parent: Parent): void {
  mergeCutTags(parent);
  const cards: CardState = { open: false, hasLink: parent.children.some((c) => c.type === 'link') };
  const out: RootContent[] = [];
  for (const child of parent.children) {
    if (child.type === 'text' && child.value.includes('{')) {
      let at = 0;
      for (const m of child.value.matchAll(templateTag)) {
        if (m.index > at && !cards.open) out.push({ type: 'text', value: child.value.slice(at, m.index) });
        out.push(...replacement(m[0], (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim(), cards));
        at = m.index + m[0].length;
      }
      if (at < child.value.length && !cards.open) out.push({ type: 'text', value: child.value.slice(at) });
    } else if (cards.open && child.type === 'link') {
      out.push({ ...child, data: { ...child.data, hProperties: { ...child.data?.hProperties, className: ['link-card'] } } });
    } else if (!cards.open || (child.type !== 'break' && child.type !== 'text')) out.push(child);
  }
  parent.children = out;
}

/** True when a paragraph holds nothing visible any more. */
function isEmpty(node: RootContent): boolean {
  return node.type === 'paragraph' && node.children.every((c) => c.type === 'text' && c.value.trim() === '');
}

/** Walks block containers; phrasing parents get their tags rewritten. */
function walk(parent: Parent): void {
  for (const child of parent.children) {
    if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell') rewritePhrasing(child);
    else if ('children' in child) walk(child);
  }
  const kept: RootContent[] = parent.children.filter((c) => !isEmpty(c));
  parent.children = kept;
}

/** Remark plugin: template tags of other generators. */
export default function remarkTemplateTags() {
  return (tree: Root): undefined => {
    walk(tree);
  };
}
