/** The Atom feed of recent changes, built from `listChanges` (so it shows only what the viewer may read). Pure. */
import type { ChangeEntry } from './recent-changes.ts';

const escapeXml = (s: string): string =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Options of `buildAtomFeed`. */
export interface AtomFeedOptions {
  /** Changes, newest first. */
  changes: readonly ChangeEntry[];
  /** Public origin of the hub (`https://wiki.exemple.org`). */
  base: string;
  /** Feed title. */
  title: string;
  /** URL of the feed itself, absolute. */
  self: string;
  /** Fallback update time when there is no change. */
  now: Date;
}

/** An Atom 1.0 document: one entry per page per commit. */
export function buildAtomFeed({ changes, base, title, self, now }: AtomFeedOptions): string {
  const updated = changes[0]?.date ?? now.toISOString();
  const entries = changes.flatMap((c) =>
    c.pages.map(
      (p) => `  <entry>
    <title>${escapeXml(p.title)}</title>
    <id>urn:gare:${c.oid}:${escapeXml(encodeURI(p.path))}</id>
    <link rel="alternate" type="text/html" href="${escapeXml(base + p.url)}"/>
    <updated>${c.date}</updated>
    <author><name>${escapeXml(c.author)}</name></author>
    <summary>${escapeXml(c.message)}</summary>
  </entry>`,
    ),
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>${escapeXml(title)}</title>
  <id>${escapeXml(self)}</id>
  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(base + '/')}"/>
  <updated>${updated}</updated>
  <generator>Gare centrale</generator>
${entries.join('\n')}
</feed>
`;
}
