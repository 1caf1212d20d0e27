// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import mdx from '@astrojs/mdx';

// The site is rendered on request by our own HTTP server (server/http), which mounts Astro's
// handler in middleware mode and passes the hub and the viewer through `locals`.
export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  output: 'server',
  adapter: node({ mode: 'middleware' }),
  integrations: [mdx()],
  // Highlighters write style="…" attributes, which the Content-Security-Policy forbids.
  markdown: { syntaxHighlight: false },
  // Our server checks origins and CSRF tokens itself, for every state-changing request.
  security: { checkOrigin: false },
  // No inline <style> or <script>: the Content-Security-Policy forbids them.
  build: { inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
});
