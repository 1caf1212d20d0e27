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
}

/** CSP for user-uploaded files: nothing in them may run, even an SVG or an HTML file opened directly. */
export const sandboxPolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";
