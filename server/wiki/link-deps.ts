/**
 * What each page's links asked the lookup while they were resolved, so that a change (a page
 * added, removed or retitled, an address moved, a file added) resolves again only the pages that
 * asked about what changed. Questions are kept by bucket, not one by one: a link to `img/a.png`
 * asks about eight candidate paths and addresses, all ending in `a.png`. A bucket is a pure
 * function of the question, so a change that alters an answer always reaches the pages that asked
 * it; sharing a bucket only costs a page resolved again for nothing.
 */
import type { PagePath } from './paths.ts';

// Title keys are folded to `[a-z0-9 ]` (`titleKey`): these prefixes never meet them.
const placePrefix = '/';
const filePrefix = '#';
const landing = new Set(['index', 'readme', '_index']);

/** The bucket of a repository path or site address asked: its last name, without `.md`/`.html`, a landing page's folder. */
export function placeBucket(asked: string): string {
  const parts = asked.toLowerCase().split('/').filter((s) => s !== '');
  let last = (parts.pop() ?? '').replace(/\.(?:md|html?)$/, '');
  if (landing.has(last)) last = parts.pop() ?? '';
  return placePrefix + last;
}

/** The bucket of a file name asked (`![[images/schema.png]]`): its last name, case ignored, as the file table compares. */
export function fileBucket(asked: string): string {
  return filePrefix + (asked.trim().split('/').pop() ?? '').toLowerCase();
}

/** The bucket of a title asked, already a `titleKey`. */
export const titleBucket = (key: string): string => key;

/** Pages by the buckets their links asked about. */
export function createLinkDeps() {
  // Most buckets are asked by one page: kept bare, an array only when shared.
  const askedBy = new Map<string, PagePath | PagePath[]>();
  const bucketsOf = new Map<PagePath, string[]>();

  return {
    /** Records what `from`'s links asked (replacing what they asked before). */
    set(from: PagePath, buckets: Iterable<string>): void {
      this.forget(from);
      const list = [...new Set(buckets)];
      if (list.length === 0) return;
      bucketsOf.set(from, list);
      for (const b of list) {
        const held = askedBy.get(b);
        if (held === undefined) askedBy.set(b, from);
        else if (typeof held === 'string') askedBy.set(b, [held, from]);
        else held.push(from);
      }
    },
    /** Forgets what `from`'s links asked. */
    forget(from: PagePath): void {
      for (const b of bucketsOf.get(from) ?? []) {
        const held = askedBy.get(b);
        if (held === from) askedBy.delete(b);
        else if (Array.isArray(held)) {
          const at = held.indexOf(from);
          if (at >= 0) held.splice(at, 1);
          if (held.length === 1) askedBy.set(b, held[0] as PagePath);
        }
      }
      bucketsOf.delete(from);
    },
    /** Pages whose links asked about one of `buckets`. */
    askers(buckets: Iterable<string>): Set<PagePath> {
      const out = new Set<PagePath>();
      for (const b of buckets) {
        const held = askedBy.get(b);
        if (typeof held === 'string') out.add(held);
        else for (const p of held ?? []) out.add(p);
      }
      return out;
    },
  };
}
