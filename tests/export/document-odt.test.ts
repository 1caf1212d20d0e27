/** The hand-written ODF package: well-formed XML whatever the page holds, within what ODF allows where. */
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { convertExport } from '../../server/export/document-convert.ts';
import { renderMarkdown } from '../../server/markdown/render-markdown.ts';

const source = [
  '- un point', '', '  | a | b |', '  |---|---|', '  | 1 | 2 |', '', '  > citée dans la liste', '',
  '1. un', '   - imbriqué', '', '```', 'code  à   espaces', '\tet tabulation', '```', '', 'Contrôle \u0001 & <b>gras brut</b> ]]> fin.', '',
].join('\n');

async function contentOf(title: string): Promise<{ xml: string; errors: string[] }> {
  const html = renderMarkdown({ source }).html;
  const bytes = await convertExport({ html, base: 'http://x', images: [], title, authors: ['A & B'], license: 'CC-BY-SA-4.0', source: 'http://x/wiki/t', updatedAt: undefined }, 'odt');
  const entries = unzipSync(bytes);
  const errors: string[] = [];
  for (const [name, data] of Object.entries(entries)) {
    if (!name.endsWith('.xml')) continue;
    new DOMParser({ onError: (level: string, message: string) => void errors.push(`${name} ${level} ${message}`) }).parseFromString(new TextDecoder().decode(data), 'text/xml');
  }
  return { xml: new TextDecoder().decode(entries['content.xml']), errors };
}

describe('the .odt content', () => {
  it('stays well-formed with markup characters and control characters in the title and text', async () => {
    const { xml, errors } = await contentOf('Titre & <balise> "guillemets" \u0002');
    expect(errors).toEqual([]);
    expect(xml).toContain('Titre &amp; &lt;balise&gt; &quot;guillemets&quot; </text:p>');
  });

  it('writes a table inside a list item as lines, since ODF lists hold no tables', async () => {
    const { xml } = await contentOf('T');
    const item = /<text:list-item>(.*?)<\/text:list-item>/s.exec(xml)?.[1] ?? '';
    expect(item).not.toContain('<table:table');
    expect(item).toMatch(/1<text:s\/>\| 2/);
  });

  it('keeps runs of spaces and tabs of code as ODF spacing elements', async () => {
    const { xml } = await contentOf('T');
    expect(xml).toContain('code <text:s text:c="1"/>à <text:s text:c="2"/>espaces<text:line-break/><text:tab/>et tabulation');
  });
});
