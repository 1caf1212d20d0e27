/**
 * The sommaire's order kept between changes: sorted once when first asked, then each page added,
 * removed or retitled is taken out and put back at its place (a binary search), where sorting
 * 10,000 pages again cost about 50 ms of CPU a commit. A change that moves folders' ranks or
 * labels (a landing page), a section, or GitBook's summary order drops it: the next use sorts.
 */
import type { PagePath } from '../paths.ts';
import { buildOutline, isLanding, outlineOrder, type OutlinePage, type OutlineSection } from './outline.ts';
import type { SiteLayout } from './site-layout.ts';

/** Options of `createKeptOutline`. */
export interface KeptOutlineOptions {
  /** The layout now. */
  layout(): SiteLayout;
  /** Every page now, for a sort. */
  pages(): readonly OutlinePage[];
  /** A page now, by path. */
  page(path: PagePath): OutlinePage | undefined;
}

/** Creates the kept order; nothing is sorted before the first `sections()`. */
export function createKeptOutline({ layout, pages, page }: KeptOutlineOptions) {
  let kept: { sections: OutlineSection[]; order: ReturnType<typeof outlineOrder> } | undefined;
  let sorts = 0;

  /** Takes `path` out of its section; false when the kept order cannot follow. */
  function takeOut(path: PagePath): boolean {
    if (!kept) return false;
    const { order } = kept;
    const key = order.sectionOf(order.place({ path, title: '' }));
    const section = kept.sections.find((s) => s.key === key);
    const at = section?.pages.indexOf(path) ?? -1;
    if (!section || at < 0) return true;
    section.pages.splice(at, 1);
    return section.pages.length > 0;
  }

  function putBack(p: OutlinePage): boolean {
    if (!kept) return false;
    const { order } = kept;
    const placed = order.place(p);
    const key = order.sectionOf(placed);
    const section = kept.sections.find((s) => s.key === key);
    if (!section) return false;
    let lo = 0;
    let hi = section.pages.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = page(section.pages[mid] as PagePath);
      if (other === undefined) return false;
      if (order.compare(order.place(other), placed) < 0) lo = mid + 1;
      else hi = mid;
    }
    section.pages.splice(lo, 0, p.path);
    return true;
  }

  return {
    /** Sections in order, each with its pages in order (sorted now if not kept). */
    sections(): OutlineSection[] {
      if (!kept) {
        sorts++;
        const all = pages();
        kept = { sections: buildOutline({ pages: all, layout: layout() }), order: outlineOrder({ pages: all, layout: layout() }) };
      }
      return kept.sections;
    },
    /** Follows pages added or edited (`upserts`, as they are now) and `removed`; drops the order when it cannot. */
    change(upserts: readonly OutlinePage[], removed: readonly PagePath[]): void {
      if (!kept) return;
      const names = [...upserts.map((p) => p.path), ...removed].map((p) => p.split('/').pop() ?? '');
      const followed = layout().summary.length === 0 && !names.some(isLanding) && [...upserts.map((p) => p.path), ...removed].every(takeOut) && upserts.every(putBack);
      if (!followed) kept = undefined;
    },
    /** Forgets the order (a new layout). */
    drop(): void {
      kept = undefined;
    },
    /** How many times every page was sorted. */
    get sorts(): number {
      return sorts;
    },
  };
}
