/**
 * Phones and accessibility, every route × every role (issue 14 items 5 and 9): for each demo account, at
 * 375×740, visit every page route declared in web/src/routes.tsx (read from the file, so pages added
 * later are swept without editing this script), and assert
 *   - no sideways scrolling: document.documentElement.scrollWidth ≤ 375;
 *   - axe-core (WCAG 2.x A/AA rules) finds no serious or critical violation.
 * Route parameters are filled from the API as that user sees it (a worker, an employer, a case, a
 * programme of their own region); an optional parameter is left out; an unknown one gets "1" (the page's
 * not-found state is checked then). The login page is checked signed out.
 *
 *   E2E_BASE_URL=http://127.0.0.1:3116 npx tsx e2e/phones-a11y.e2e.ts [--only user1,user2] [--routes audit,pekerja]
 *
 * Every failure is listed (not only the first); one screenshot per failing page in test-results/a11y/.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../src/demo/generate.js';
import { BASE_URL, check, logIn, OUT, runScenario } from './harness.js';

const WIDTH = 375;
const HEIGHT = 740;
const SHOTS = `${OUT}/a11y`;
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]?.split(',') : undefined;
};
const onlyUsers = arg('only');
const onlyRoutes = arg('routes');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The page routes of the SPA, as declared: nested `path` attributes under the shell are relative to "/". */
export function declaredRoutes(source = readFileSync(new URL('../web/src/routes.tsx', import.meta.url), 'utf8')): string[] {
  const paths = [...source.matchAll(/<Route\s+(?:index\s+)?path="([^"]+)"/g)].map((m) => m[1]!);
  const routes = new Set<string>(['/']);
  for (const p of paths) {
    if (p === '*' || p === '/') continue;
    // a route that only redirects is not a page
    const decl = source.slice(source.indexOf(`path="${p}"`), source.indexOf('/>', source.indexOf(`path="${p}"`)));
    if (/<Navigate\b/.test(decl)) continue;
    routes.add(p.startsWith('/') ? p : `/${p}`);
  }
  return [...routes];
}

type Fill = (page: Page) => Promise<string | undefined>;
const api = async (page: Page, path: string) =>
  page.evaluate(async (p) => {
    const r = await fetch(p, { credentials: 'same-origin' });
    return r.ok ? ((await r.json()) as unknown) : null;
  }, path);
const firstId = (path: string, pick: (body: never) => number | string | undefined): Fill => async (page) => {
  const body = await api(page, path);
  if (!body) return undefined;
  const id = pick(body as never);
  return id === undefined ? undefined : String(id);
};
/** Where a real id for a required parameter comes from, by the route's first segment(s). */
const ID_SOURCES: Record<string, Fill> = {
  '/pekerja/:id': firstId('/api/workers?pageSize=1', (b: { items: { id: number }[] }) => b.items[0]?.id),
  '/kepatuhan/perusahaan/:id': firstId('/api/employers?pageSize=1', (b: { items: { id: number }[] }) => b.items[0]?.id),
  '/kepatuhan/perusahaan/:id/ubah': firstId('/api/employers?pageSize=1', (b: { items: { id: number }[] }) => b.items[0]?.id),
  '/kepatuhan/kasus/:id': firstId('/api/compliance-cases?pageSize=1', (b: { items: { id: number }[] }) => b.items[0]?.id),
  '/pendanaan/:id': firstId('/api/funding-programs', (b: { items: { id: number }[] }) => b.items[0]?.id),
};

async function urlFor(page: Page, route: string): Promise<string> {
  // optional parameters (":code?", ":id?") are left out
  let url = route.replace(/\/:[A-Za-z]+\?/g, '');
  if (!url.includes(':')) return url || '/';
  const id = (await ID_SOURCES[route]?.(page)) ?? '1';
  url = url.replace(/:[A-Za-z]+/g, id);
  return url;
}

interface Problem {
  who: string;
  url: string;
  what: string;
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  // skeletons gone (data shown, or its error state)
  await page.waitForFunction(() => !document.querySelector('.skeleton, .ant-skeleton, [aria-busy="true"]'), undefined, { timeout: 15_000 }).catch(() => undefined);
  await page.waitForTimeout(150);
}

async function checkPage(page: Page, who: string, url: string, problems: Problem[]) {
  const before = problems.length;
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > WIDTH) {
    const wide = await page.evaluate((w) => {
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        const r = el.getBoundingClientRect();
        if (r.right > w + 1 && r.width > 0 && out.length < 3) out.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(/\s+/).slice(0, 2).join('.')}` : ''} (right ${Math.round(r.right)})`);
      }
      return out.join(', ');
    }, WIDTH);
    problems.push({ who, url, what: `scrollWidth ${width} > ${WIDTH}: ${wide}` });
  }
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  for (const v of violations) problems.push({ who, url, what: `axe ${v}` });
  if (problems.length > before) await page.screenshot({ path: `${SHOTS}/${who}-${url.replace(/[^a-z0-9]+/gi, '_')}.png`, fullPage: true }).catch(() => undefined);
}

async function sweep(browser: Browser, pageErrors: string[]) {
  await mkdir(SHOTS, { recursive: true });
  const routes = declaredRoutes().filter((r) => r !== '/login' && (!onlyRoutes || onlyRoutes.some((o) => r.includes(o))));
  console.log(`  · ${routes.length} routes from web/src/routes.tsx: ${routes.join(' ')}`);
  const problems: Problem[] = [];
  let visits = 0;
  // signed out: the login page
  {
    const ctx = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'id-ID' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(`login: ${e.message}`));
    await page.goto(`${BASE_URL}/login`, { waitUntil: 'domcontentloaded' });
    await settle(page);
    await checkPage(page, 'signed-out', '/login', problems);
    visits++;
    await ctx.close();
  }
  for (const account of DEMO_ACCOUNTS.filter((a) => !onlyUsers || onlyUsers.includes(a.username))) {
    const ctx = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'id-ID' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${account.username} ${page.url()}: ${e.message}`));
    await logIn(page, account.username);
    for (const route of routes) {
      const url = await urlFor(page, route);
      await page.goto(`${BASE_URL}${url}`, { waitUntil: 'domcontentloaded' });
      await settle(page);
      await checkPage(page, account.username, url, problems);
      visits++;
    }
    console.log(`  · ${account.username}: ${routes.length} routes visited, ${problems.filter((p) => p.who === account.username).length} problems`);
    await ctx.close();
  }
  for (const p of problems) console.error(`    ✗ ${p.who} ${p.url}: ${p.what}`);
  check(problems.length === 0, `${problems.length} problems on ${new Set(problems.map((p) => `${p.who} ${p.url}`)).size} of ${visits} pages (listed above)`);
  console.log(`  · ${visits} pages: no sideways scrolling at ${WIDTH} px, no serious or critical axe violation`);
}

if (process.argv[1]?.endsWith('phones-a11y.e2e.ts')) {
  process.exit(await runScenario('phones a11y', 'every route × every role at 375×740: no sideways scroll, no serious/critical axe violation', sweep));
}
