/**
 * Source pre-pass for the admonitions of MkDocs (`!!! note "Titre"` / `??? tip` and an indented
 * body) and GitBook (`{% hint style="info" %}` … `{% endhint %}`): they are rewritten into the
 * `::: kind Titre` … `:::` containers that remark-callouts already renders, so every generator's
 * boxes share one look. It runs on lines because an indented body would otherwise parse as code.
 */
import { calloutKinds } from './remark-callouts.ts';
import { scanLines } from './scan-lines.ts';

/** The rewritten source and, for each of its lines (0-based), the 1-based line in the original. */
export interface RewrittenSource {
  /** Source with containers instead of admonitions. */
  source: string;
  /** `lineMap[newLine - 1]` is the original line number. */
  lineMap: number[];
}

// Bounded words and title, no nested quantifier: linear on any line.
const mkdocsOpen = /^ {0,3}(!!!|\?\?\?\+?)[ \t]+([\w-]{1,40})(?:[ \t]+[\w-]{1,40}){0,4}(?:[ \t]+"([^"\n]{0,200})")?[ \t]*$/;
const hintOpen = /^ {0,3}\{%-?[ \t]*hint[ \t]+style=["']?([\w-]{1,20})["']?[ \t]*-?%\}[ \t]*$/;
const hintClose = /^ {0,3}\{%-?[ \t]*endhint[ \t]*-?%\}[ \t]*$/;

/** MkDocs (Material) types that remark-callouts does not know by name, mapped onto its kinds. */
const mkdocsKinds: Record<string, string> = {
  abstract: 'info', summary: 'info', tldr: 'info', question: 'info', help: 'info', faq: 'info', todo: 'info',
  check: 'tip', done: 'tip', failure: 'danger', fail: 'danger', missing: 'danger', bug: 'danger',
  example: 'note', quote: 'note', cite: 'note',
};

/** Width of a line's leading white space, a tab counting 4 columns. */
function indentOf(text: string): number {
  return (/^[ \t]*/.exec(text)?.[0] ?? '').replace(/\t/g, '    ').length;
}

/** Removes `width` columns of leading white space (tabs count 4). */
function dedent(text: string, width: number): string {
  let column = 0;
  let i = 0;
  while (i < text.length && column < width && (text[i] === ' ' || text[i] === '\t')) {
    column += text[i] === '\t' ? 4 : 1;
    i++;
  }
  return text.slice(i);
}

/** Rewrites MkDocs and GitBook admonitions into `:::` containers; other lines are kept. */
export function rewriteAdmonitions(source: string): RewrittenSource {
  if (!source.includes('!!!') && !source.includes('???') && !source.includes('hint')) {
    return { source, lineMap: source.split(/\r\n|\r|\n/).map((_, i) => i + 1) };
  }
  const out: string[] = [];
  const lineMap: number[] = [];
  const push = (text: string, line: number): void => {
    out.push(text);
    lineMap.push(line);
  };
  // Body columns of the open MkDocs admonitions, innermost last; GitBook hints count apart.
  const bodies: number[] = [];
  let hints = 0;
  scanLines(source).forEach((line, i) => {
    const blank = line.text.trim() === '';
    const indent = indentOf(line.text);
    while (!blank && bodies.length > 0 && indent < (bodies.at(-1) ?? 0)) {
      bodies.pop();
      push(':::', i + 1);
    }
    const text = dedent(line.text, bodies.at(-1) ?? 0);
    const mkdocs = line.inFence ? null : mkdocsOpen.exec(text);
    if (mkdocs) {
      const type = (mkdocs[2] ?? 'note').toLowerCase();
      const title = (mkdocs[3] ?? '').trim();
      const kind = mkdocsKinds[type] ?? type;
      // `???` is collapsible: a `details` box, titled like the kind when no title is given.
      const shown = title || (calloutKinds as Record<string, string>)[kind] || 'Détails';
      push(mkdocs[1] === '!!!' ? `::: ${kind}${title ? ` ${title}` : ''}` : `::: details ${shown}`, i + 1);
      bodies.push((bodies.at(-1) ?? 0) + indentOf(text) + 4);
      return;
    }
    const hint = line.inFence ? null : hintOpen.exec(text);
    if (hint) {
      hints++;
      push(`::: ${(hint[1] ?? 'info').toLowerCase()}`, i + 1);
      return;
    }
    if (!line.inFence && hints > 0 && hintClose.test(text)) {
      hints--;
      push(':::', i + 1);
      return;
    }
    push(blank ? '' : text, i + 1);
  });
  const last = lineMap.at(-1) ?? 1;
  for (const _ of bodies) push(':::', last);
  return { source: out.join('\n'), lineMap };
}
