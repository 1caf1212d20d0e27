/** Debian's Chromium driven by playwright-core (never a downloaded browser). */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { TestSession } from './people.ts';

/** Flags for a root user on a closed network (see DEVELOPERS.md). */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launches headless Chromium from /usr/bin/chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: chromiumArgs, headless: true });
}

/**
 * A new browser context on `gare`, logged in as `session` (its session cookie set the way the
 * server sets it), or a visitor's context when there is no session.
 */
export async function loggedInContext(browser: Browser, gare: { url: string }, session?: TestSession, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  if (session) {
    const separator = session.cookie.indexOf('=');
    const name = session.cookie.slice(0, separator);
    const value = session.cookie.slice(separator + 1);
    await context.addCookies([{ name, value, url: gare.url, httpOnly: true, sameSite: 'Lax' }]);
  }
  return context;
}

/** Records into `into` the console errors, Content Security Policy reports and uncaught errors of `page`. */
export function collectPageErrors(page: Page, into: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) into.push(m.text());
  });
  page.on('pageerror', (e) => into.push(String(e)));
}
