/// <reference path="../.astro/types.d.ts" />

declare namespace App {
  /** What our HTTP server passes to every Astro render (server/site-bridge.ts). */
  interface Locals {
    /** The running hub: wiki index, history, search… */
    hub: import('../server/hub.ts').Hub;
    /** Who is asking, with role and CSRF token. */
    viewer: import('../server/auth/viewer.ts').Viewer;
  }
}
