/** Headers sent with every response: a strict CSP without inline script, and friends. */
import type { ServerResponse } from 'node:http';

/** The Content-Security-Policy of the site: no inline script or style, no frames, no plugins. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  // Pagefind's search runs as WebAssembly.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Sets the security headers on a response (before anything is written). */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  declareHtmlCharset(res);
}

/** `text/html` with its charset: without one, a browser may guess the encoding of a page. */
function withCharset(type: unknown): unknown {
  return typeof type === 'string' && /^\s*text\/html\s*(?:;|$)/i.test(type) && !/charset=/i.test(type) ? 'text/html; charset=utf-8' : type;
}

/**
 * Gives every HTML response a charset, whoever writes it: Astro's node adapter sends
 * `text/html` through `writeHead(status, headers)`, so the content type is fixed as the head goes out.
 */
export function declareHtmlCharset(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const headers = rest.find((arg) => typeof arg === 'object' && arg !== null);
    if (Array.isArray(headers)) {
      // Either [name, value] pairs or a flat [name, value, name, value…] list.
      for (let i = 0; i < headers.length; i++) {
        const entry: unknown = headers[i];
        if (Array.isArray(entry) && String(entry[0]).toLowerCase() === 'content-type') entry[1] = withCharset(entry[1]);
        else if (typeof entry === 'string' && entry.toLowerCase() === 'content-type') headers[i + 1] = withCharset(headers[i + 1]);
      }
    } else if (headers) {
      const record = headers as Record<string, unknown>;
      for (const name of Object.keys(record)) if (name.toLowerCase() === 'content-type') record[name] = withCharset(record[name]);
    }
    const current = res.getHeader('content-type');
    if (current !== undefined) res.setHeader('Content-Type', withCharset(current) as string);
    return writeHead(status, ...rest);
  });
}

/** CSP for user-uploaded files: nothing in them may run, even an SVG or an HTML file opened directly. */
export const sandboxPolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";
