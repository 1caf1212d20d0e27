/**
 * Exported pages offer nothing the static copy cannot do: sign-in, editing and history need the
 * server, so their links leave the HTML before it is written.
 */
import { serverOnlyPrefixes } from './output-paths.ts';

/** True for an address (absolute path, query allowed) that only the running hub answers. */
export function isServerOnly(href: string): boolean {
  if (!href.startsWith('/') || href.startsWith('//')) return false;
  const pathname = href.split(/[?#]/)[0] ?? href;
  return serverOnlyPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

const hrefOf = (attributes: string): string => /\s(?:href|action)\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attributes)?.slice(1).find((v) => v !== undefined) ?? '';

/** Removes every paragraph that links to the sign-in page: it only invites to sign in (« Connectez-vous pour… »). */
function dropSignInParagraphs(html: string): string {
  const signIn = /href=["']\/connexion/g;
  let out = html;
  for (let found = signIn.exec(out); found; found = signIn.exec(out)) {
    const at = found.index;
    const open = out.lastIndexOf('<p', at);
    const close = out.indexOf('</p>', at);
    if (open < 0 || close < 0 || open < out.lastIndexOf('</p>', at) || !/^<p[\s>]/.test(out.slice(open, open + 3))) continue;
    out = out.slice(0, open) + out.slice(close + 4);
    signIn.lastIndex = open;
  }
  return out;
}

/** The page as the static export serves it: no sign-in offer, no link into a server-only page. */
export function staticHtml(html: string): string {
  return dropSignInParagraphs(html)
    // An element holding nothing but such a link (« Se connecter » in the header, a list item) goes with it.
    .replace(/<([a-z][a-z0-9]*)\b[^>]*>\s*<a\b([^>]*)>[^<]*<\/a>\s*<\/\1>/gi, (whole, _tag: string, attributes: string) => (isServerOnly(hrefOf(attributes)) ? '' : whole))
    .replace(/<form\b([^>]*)>[\s\S]*?<\/form>/gi, (form, attributes: string) => (isServerOnly(hrefOf(attributes)) ? '' : form))
    .replace(/<link\b([^>]*)>/gi, (link, attributes: string) => (isServerOnly(hrefOf(attributes)) ? '' : link))
    // A link kept in running text becomes its words: the sentence still reads, nothing is dead.
    .replace(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi, (anchor, attributes: string, inner: string) =>
      isServerOnly(hrefOf(attributes)) ? `<span>${inner}</span>` : anchor,
    );
}
