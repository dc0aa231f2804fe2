// What a page weighs in a real Chromium, and how fast search answers there.
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
import { gzipSize } from './measure';

export interface PageWeight {
  page: string;
  path: string;
  status: number;
  htmlBytes: number;
  htmlGzip: number;
  /** Every script the page loaded, transitively (modules imported by modules included). */
  jsBytes: number;
  jsGzip: number;
  jsFiles: number;
  cssBytes: number;
  cssGzip: number;
  islands: number;
}

export async function openBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
}

export async function signedInContext(browser: Browser, url: string, cookie: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
  const [name, ...value] = cookie.split('=');
  await context.addCookies([{ name: name!, value: value.join('='), url }]);
  return context;
}

/**
 * Loads a page, scrolls through it so that client:visible islands load too, waits for the network
 * to settle, and adds up what came: HTML, every script and every stylesheet, raw and gzipped.
 */
export async function weighPage(context: BrowserContext, url: string, page: string, path: string): Promise<PageWeight> {
  const tab = await context.newPage();
  const bodies: { type: string; body: Buffer }[] = [];
  const pending: Promise<void>[] = [];
  tab.on('response', (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    pending.push(
      response
        .body()
        .then((body) => void bodies.push({ type, body }))
        .catch(() => undefined),
    );
  });
  const response = await tab.goto(`${url}${path}`, { waitUntil: 'networkidle' });
  if (!response) throw new Error(`No response for ${path}`);
  const html = await response.body();
  await tab.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    }
    window.scrollTo(0, document.body.scrollHeight);
  });
  await tab.waitForLoadState('networkidle');
  await tab.waitForTimeout(300);
  await Promise.all(pending);
  const islands = await tab.locator('astro-island').count();
  await tab.close();
  const of = (type: string) => bodies.filter((b) => b.type === type);
  const sum = (list: { body: Buffer }[], size: (body: Buffer) => number) => list.reduce((n, b) => n + size(b.body), 0);
  return {
    page,
    path,
    status: response.status(),
    htmlBytes: html.length,
    htmlGzip: gzipSize(html),
    jsBytes: sum(of('script'), (b) => b.length),
    jsGzip: sum(of('script'), gzipSize),
    jsFiles: of('script').length,
    cssBytes: sum(of('stylesheet'), (b) => b.length),
    cssGzip: sum(of('stylesheet'), gzipSize),
    islands,
  };
}

export interface SearchFigures {
  status: 'measured' | 'not built';
  route?: string;
  query?: string;
  firstQueryMs?: number;
  warmQueryMs?: number;
  results?: number;
}

/**
 * Search as a person meets it: the first query in a fresh page (which loads Pagefind and its index),
 * then warm queries. Skipped with "not built" when the signed-in route /pagefind/staff/pagefind.js is not there.
 */
export async function measureSearch(context: BrowserContext, url: string, cookie: string): Promise<SearchFigures> {
  const route = '/pagefind/staff/pagefind.js';
  const probe = await fetch(`${url}${route}`, { headers: { cookie }, redirect: 'manual' });
  await probe.arrayBuffer();
  if (probe.status !== 200) return { status: 'not built' };
  const tab = await context.newPage();
  await tab.goto(`${url}/`, { waitUntil: 'networkidle' });
  const figures = await tab.evaluate(async (route) => {
    type Pagefind = { search(term: string): Promise<{ results: { data(): Promise<unknown> }[] }> };
    const t0 = performance.now();
    const pagefind = (await import(route)) as Pagefind;
    const first = await pagefind.search('скидка');
    await Promise.all(first.results.slice(0, 5).map((r) => r.data()));
    const firstQueryMs = performance.now() - t0;
    const warm: number[] = [];
    for (const term of ['дебиторка', 'коммерческое предложение', 'монтаж', 'отсрочка платежа', 'скидка']) {
      const t = performance.now();
      const found = await pagefind.search(term);
      await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
      warm.push(performance.now() - t);
    }
    warm.sort((a, b) => a - b);
    return { firstQueryMs, warmQueryMs: warm[Math.floor(warm.length / 2)]!, results: first.results.length };
  }, route);
  await tab.close();
  return { status: 'measured', route, query: 'скидка', ...figures };
}
