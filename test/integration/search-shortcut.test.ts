// site.yaml `search.shortcut: false`: the header keeps a plain link to the search page, and a page
// without islands ships no JavaScript at all. With the default, the same page carries the shortcut.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT, TEST_CONTENT } from './global-setup';
import { cleanUp, get, signIn, startServer, type RunningServer } from './server';

const DOCS = ['lead-handling', 'motivation-statute', 'price-discounts', 'tenders'];

const work = join(ROOT, 'dist-shortcut-test');
const content = join(work, 'content');
let plain: RunningServer;
let usual: RunningServer;

/** The document pages a head sees without any island, as HTML. */
async function pagesWithoutIslands(server: RunningServer): Promise<Map<string, string>> {
  const cookie = await signIn(server.url, 'head', 'demo');
  const pages = new Map<string, string>();
  for (const id of DOCS) {
    const response = await get(server.url, `/docs/${id}/`, cookie);
    expect(response.status, id).toBe(200);
    const html = await response.text();
    if (!html.includes('<astro-island')) pages.set(id, html);
  }
  return pages;
}

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  cpSync(TEST_CONTENT, content, { recursive: true });
  const site = readFileSync(join(content, 'site.yaml'), 'utf8');
  writeFileSync(join(content, 'site.yaml'), `${site.trimEnd()}\nsearch:\n  shortcut: false\n`);
  plain = await startServer({ demo: true, env: { SALESBOOK_CONTENT: content } });
  usual = await startServer({ demo: true });
}, 240_000);

afterAll(async () => {
  await cleanUp();
  rmSync(work, { recursive: true, force: true });
});

it('without the shortcut, a document page without islands ships no script at all', async () => {
  const pages = await pagesWithoutIslands(plain);
  expect(pages.size).toBeGreaterThan(0);
  for (const [id, html] of pages) {
    expect(html, id).not.toContain('<script');
    // Search is still one click away, and the page does not promise a shortcut it does not have.
    expect(html, id).toContain('class="search-trigger" href="/search"');
    expect(html, id).not.toContain('aria-keyshortcuts');
    expect(html, id).not.toContain('<kbd');
  }
});

it('with the shortcut (the default), the same pages carry its one small script', async () => {
  const pages = await pagesWithoutIslands(usual);
  expect(pages.size).toBeGreaterThan(0);
  for (const [id, html] of pages) {
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts, id).toHaveLength(1);
    expect(scripts[0], id).toMatch(/src="\/_astro\/SearchShortcut[^"]*\.js"/);
    expect(html, id).toContain('aria-keyshortcuts="/ Control+K"');
  }
});
