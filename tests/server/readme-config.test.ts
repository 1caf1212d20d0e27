import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../server/config.ts';
import { root } from '../helpers/start-hub.ts';

describe('the README configuration table', () => {
  it('lists every variable of the configuration schema with its default', async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const rows = new Map([...readme.matchAll(/^\| `([A-Z_]+)` \| `--[a-z-]+` \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]));
    const keys = Object.keys(ConfigSchema.shape);
    expect([...rows.keys()].sort()).toEqual([...keys].sort());
    const defaults = ConfigSchema.parse({}) as Record<string, unknown>;
    for (const key of keys) {
      const documented = rows.get(key) ?? '';
      if (defaults[key] !== undefined) expect(documented, key).toBe(`\`${String(defaults[key])}\``);
    }
  });
});
