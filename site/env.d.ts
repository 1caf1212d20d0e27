/// <reference path="../.astro/types.d.ts" />

declare namespace App {
  /** What our HTTP server passes to every Astro render (server/http/app.ts). */
  interface Locals {
    /** The hub's read side scoped to the viewer: everything a page shows comes through it. */
    reader: import('../server/reading/wiki-reader.ts').WikiReader;
    /** Who is asking, with role and CSRF token. */
    viewer: import('../server/access/viewer.ts').Viewer;
    /** How people log in here: local passwords, single sign-on (its button label); absent means passwords only. */
    loginMethods?: { passwords: boolean; sso: string | undefined };
  }
}
