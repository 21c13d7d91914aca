/** What every browser test shares: where the app is, how Chromium starts here, and named steps. */
import { mkdir } from 'node:fs/promises';
import { type Browser, chromium, type Page } from 'playwright-core';

export const BASE_URL = (process.env.E2E_BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
export const OUT = 'test-results';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless; the background-networking flags keep it off this machine's closed network. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

export class StepError extends Error {}

export function log(msg: string) {
  console.log(`  · ${msg}`);
}

export function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new StepError(message);
}

export async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    const result = await fn();
    log(name);
    return result;
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new StepError(`step "${name}" failed: ${why}`);
  }
}

/** Every demo account's password (demo mode only). */
export const DEMO_PASSWORD = 'semesta-demo';

/** Signs in through the login page, as a person would, and waits to leave it. */
export async function logIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${BASE_URL}/login`, { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 20_000 });
}

/**
 * Runs one browser scenario as a script: Chromium started, uncaught page errors fail it, a failure
 * screenshot saved, and the one summary line the e2e scripts print. Returns the exit code.
 */
export async function runScenario(name: string, done: string, scenario: (browser: Browser, pageErrors: string[]) => Promise<void>): Promise<number> {
  await mkdir(OUT, { recursive: true });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (err) {
    console.error(`  ✗ could not start Chromium at ${CHROMIUM}: ${err instanceof Error ? err.message : err}`);
    console.log('e2e: 0 passed, 1 failed');
    return 1;
  }
  const pageErrors: string[] = [];
  let ok = false;
  try {
    await scenario(browser, pageErrors);
    check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join(' | ')}`);
    console.log(`  ✓ ${done}`);
    ok = true;
  } catch (err) {
    console.error(`  ✗ ${name}: ${err instanceof Error ? err.message : String(err)}`);
    const last = browser.contexts().flatMap((c) => c.pages()).at(-1);
    await last?.screenshot({ path: `${OUT}/e2e-${name.replace(/\s+/g, '-')}-failure.png`, fullPage: true }).catch(() => undefined);
  }
  await browser.close().catch(() => undefined);
  console.log(`e2e: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
  return ok ? 0 : 1;
}
