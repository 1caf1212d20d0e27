/**
 * Callout boxes written for other tools, rendered instead of rejected: markdown-it/VuePress
 * containers (`::: tip Titre` … `:::`, marker lines separated by `separateContainerMarkers`)
 * and GitHub alerts (`> [!NOTE]`). They become `<aside class="callout callout-tip">` with a
 * title paragraph; `::: details` becomes `<details><summary>`.
 */
import type { Blockquote, Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { containerMarker } from './container-markers.ts';

/** Callout kinds and their default French titles; the kind is also the CSS class suffix. */
export const calloutKinds = {
  tip: 'Astuce',
  info: 'Information',
  note: 'Note',
  important: 'Important',
  warning: 'Attention',
  danger: 'Danger',
  details: 'Détails',
} as const;

type CalloutKind = keyof typeof calloutKinds;

/** Names other tools (and French writers) use for each kind. */
const aliases: Record<string, CalloutKind> = {
  tip: 'tip', astuce: 'tip', conseil: 'tip', hint: 'tip', success: 'tip',
  info: 'info', information: 'info',
  note: 'note', remarque: 'note',
  important: 'important',
  warning: 'warning', attention: 'warning', caution: 'warning', avertissement: 'warning',
  danger: 'danger', error: 'danger', erreur: 'danger',
  details: 'details', détails: 'details',
};

const githubAlert = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*\n?/;

/** Builds the callout node: a blockquote renamed to `aside` (or `details`) through `data`. */
function makeCallout(kind: CalloutKind, title: PhrasingContent[], source: RootContent): Blockquote {
  const details = kind === 'details';
  const heading: Paragraph = {
    type: 'paragraph',
    children: title.length > 0 ? title : [{ type: 'text', value: calloutKinds[kind] }],
    data: details ? { hName: 'summary' } : { hProperties: { className: ['callout-title'] } },
  };
  const callout: Blockquote = {
    type: 'blockquote',
    children: [heading],
    data: { hName: details ? 'details' : 'aside', hProperties: { className: ['callout', `callout-${kind}`] } },
  };
  if (source.position) callout.position = source.position;
  return callout;
}

/** Reads a one-line paragraph `::: kind title` or `:::`; undefined for any other node. */
function readMarker(node: RootContent): { open: false } | { open: true; kind: CalloutKind; title: PhrasingContent[] } | undefined {
  if (node.type !== 'paragraph') return undefined;
  const first = node.children[0];
  if (first?.type !== 'text' || toString(node).includes('\n')) return undefined;
  const match = containerMarker.exec(first.value);
  if (!match) return undefined;
  const word = match[1] ?? '';
  if (word === '' && node.children.length === 1 && (match[2] ?? '') === '') return { open: false };
  const kind = aliases[word.toLowerCase()] ?? 'note';
  // An unknown kind is shown as a note titled with its name (`::: exemple` → « exemple »).
  const rest = `${aliases[word.toLowerCase()] === undefined ? word : ''} ${match[2] ?? ''}`;
  const more = node.children.slice(1);
  const trimmed = more.length > 0 ? rest.trimStart() : rest.trim();
  // Docusaurus 3 writes the title in brackets: `:::note[Titre]`.
  const text = more.length === 0 ? trimmed.replace(/^\[(.*)\]$/, '$1').trim() : trimmed;
  const title: PhrasingContent[] = [...(text ? [{ type: 'text' as const, value: text }] : []), ...more];
  return { open: true, kind, title };
}

/** Groups the children between markers into callouts; an unclosed one runs to the end, like markdown-it. */
function groupContainers(parent: Parent): void {
  const top: RootContent[] = [];
  const stack: Blockquote[] = [];
  for (const child of parent.children) {
    const marker = readMarker(child);
    const target = stack.at(-1)?.children ?? top;
    if (marker?.open === true) {
      const callout = makeCallout(marker.kind, marker.title, child);
      target.push(callout);
      stack.push(callout);
    } else if (marker?.open === false) stack.pop(); // a stray closing marker has nothing to close: dropped
    else (target).push(child);
  }
  parent.children = top;
}

/** Turns `> [!TIP]` blockquotes into callouts in place. */
function convertGithubAlert(node: RootContent): void {
  if (node.type !== 'blockquote' || node.data?.hName) return;
  const paragraph = node.children[0];
  const text = paragraph?.type === 'paragraph' ? paragraph.children[0] : undefined;
  const match = text?.type === 'text' ? githubAlert.exec(text.value) : null;
  if (!paragraph || paragraph.type !== 'paragraph' || text?.type !== 'text' || !match) return;
  const kind = aliases[(match[1] ?? '').toLowerCase()] ?? 'note';
  text.value = text.value.slice(match[0].length);
  if (text.value === '') paragraph.children.shift();
  if (paragraph.children[0]?.type === 'break') paragraph.children.shift();
  if (paragraph.children.length === 0) node.children.shift();
  const callout = makeCallout(kind, [], node);
  node.data = callout.data;
  node.children = [...callout.children, ...node.children];
}

/** Depth-first over block containers, so nested callouts are grouped before their parents. */
function walk(parent: Parent): void {
  for (const child of parent.children) {
    if ('children' in child && child.type !== 'paragraph' && child.type !== 'heading' && child.type !== 'table') walk(child);
    convertGithubAlert(child);
  }
  groupContainers(parent);
}

/** Remark plugin: callout containers and GitHub alerts. */
export default function remarkCallouts() {
  return (tree: Root): undefined => {
    walk(tree);
  };
}
