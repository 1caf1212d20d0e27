import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { ConfigError } from '../../server/errors.ts';

describe('configuration', () => {
  it('has working defaults: port 4321 on 127.0.0.1, data in ./data, sample wiki in data/wiki', () => {
    const c = loadConfig({ env: {}, argv: [], cwd: '/srv/gare' });
    expect(c).toMatchObject({ port: 4321, host: '127.0.0.1', dataDir: '/srv/gare/data', contentDir: '/srv/gare/data/wiki', seedContent: true });
  });

  it('reads environment variables, and flags win over them', () => {
    const c = loadConfig({ env: { PORT: '8080', GARE_CONTENT_DIR: '/wiki' }, argv: ['--port', '9090', '--data=/var/gare'], cwd: '/' });
    expect(c).toMatchObject({ port: 9090, dataDir: '/var/gare', contentDir: '/wiki', seedContent: false });
  });

  it('refuses a wrong value with one clear line', () => {
    expect(() => loadConfig({ env: { PORT: 'quatre' }, argv: [], cwd: '/' })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { PORT: 'quatre' }, argv: [], cwd: '/' })).toThrow(/PORT="quatre"/);
    expect(() => loadConfig({ env: {}, argv: ['--colour', 'bleu'], cwd: '/' })).toThrow(/Option inconnue : --colour/);
  });

  it('never prints a password in the refusal', () => {
    const refusal = (env: Record<string, string>) => {
      try {
        loadConfig({ env, argv: [], cwd: '/' });
      } catch (error) {
        return String(error);
      }
      return '';
    };
    const smtp = refusal({ GARE_SMTP_URL: 'ftp://gare:motdepasse-secret@mail.exemple.fr' });
    expect(smtp).toMatch(/GARE_SMTP_URL="ftp:\/\/gare:…@mail\.exemple\.fr"/);
    expect(smtp).not.toContain('motdepasse-secret');
  });
});

describe('npm start with a wrong value', () => {
  it('prints one clear line and exits with code 2', async () => {
    const { spawnSync } = await import('node:child_process');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '..', '..');
    const run = spawnSync(process.execPath, ['server/start.ts', '--port', 'quatre'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Configuration invalide : PORT="quatre"/)]);
    const data = path.join((await import('node:os')).tmpdir(), `gare-config-${process.pid}`);
    const notRepo = spawnSync(process.execPath, ['server/start.ts', '--content', path.join(root, 'content'), '--data', data], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    (await import('node:fs')).rmSync(data, { recursive: true, force: true });
    expect(notRepo.status).toBe(2);
    expect(notRepo.stderr).toMatch(/n’est pas un dépôt git/);
  });
});
