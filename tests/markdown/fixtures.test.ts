import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../server/markdown/render-markdown.ts';
import { testResolver } from './resolver.ts';

// Each folder holds input.md and the exact expected output.html; run with UPDATE_FIXTURES=1
// to rewrite the outputs on purpose, then review the diff before committing.
const root = join(import.meta.dirname, 'fixtures');
const update = process.env['UPDATE_FIXTURES'] === '1';

describe('Markdown fixtures render exactly as recorded', () => {
  for (const name of readdirSync(root).sort()) {
    it(`renders the "${name}" page as recorded`, () => {
      const source = readFileSync(join(root, name, 'input.md'), 'utf8');
      const { html } = renderMarkdown({ source, path: 'ressources/visio.md', resolver: testResolver });
      const expectedFile = join(root, name, 'output.html');
      if (update || !existsSync(expectedFile)) writeFileSync(expectedFile, html);
      expect(html).toBe(readFileSync(expectedFile, 'utf8'));
    });
  }
});
