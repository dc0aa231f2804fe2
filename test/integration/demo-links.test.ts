import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBuildCurrent, markBuild } from '../../scripts/build-state.mjs';
import { readContentFolder } from '../../src/content-check/folder';
import { cleanUp, get, signIn, startServer, type RunningServer } from './server';

// The demo company, built and served, walked as a head sees it: every internal link on every content
// page answers 200, and every #section it points to exists on the page it names.
const CONTENT = resolve('content');
const DIST = resolve('dist-demo-test');

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  if (!isBuildCurrent(DIST, CONTENT)) {
    const build = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', DIST], {
      env: { ...process.env, SALESBOOK_CONTENT: CONTENT, SALESBOOK_DIST: DIST },
      encoding: 'utf8',
      timeout: 240_000,
    });
    if (build.status !== 0) throw new Error(`building the demo company failed:\n${build.stdout}\n${build.stderr}`);
    markBuild(DIST, CONTENT);
  }
  server = await startServer({ demo: true, env: { SALESBOOK_CONTENT: CONTENT, SALESBOOK_DIST: DIST } });
  cookie = await signIn(server.url, 'head', 'demo');
}, 300_000);

afterAll(cleanUp);

function contentPages(): string[] {
  const raw = readContentFolder(CONTENT);
  return [
    '/docs/',
    '/scripts/',
    '/courses/',
    '/roles/',
    ...raw.docs.map((d) => `/docs/${d.id}/`),
    ...raw.scripts.map((s) => `/scripts/${s.id}/`),
    ...raw.courses.map((c) => `/courses/${c.id}/`),
    ...raw.lessons.map((l) => `/courses/${l.id}/`),
    ...raw.roles.map((r) => `/roles/${r.id}/`),
  ];
}

const decodeEntities = (text: string) => text.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

describe('the demo company, rendered', () => {
  it('has no broken internal link or section anchor on any content page', async () => {
    const pages = contentPages();
    const html = new Map<string, string>();
    const fetchPage = async (path: string) => {
      if (!html.has(path)) {
        const response = await get(server.url, path, cookie);
        html.set(path, response.status === 200 ? await response.text() : `STATUS ${response.status}`);
      }
      return html.get(path)!;
    };
    for (const page of pages) expect(await fetchPage(page), page).not.toMatch(/^STATUS/);

    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const hrefs = [...html.get(page)!.matchAll(/<a [^>]*href="(\/[^"]*)"/g)].map((m) => decodeEntities(m[1]!));
      for (const href of new Set(hrefs)) {
        // Leave out what is not content: actions, sign-out, downloads, search and the bundle.
        if (/^\/(_|logout|pagefind|search|team\/|admin\/|account\/)|\.(csv|json)$/.test(href) || href.includes('?')) continue;
        const [path, hash] = href.split('#') as [string, string | undefined];
        const target = path === '' ? page : path;
        const body = await fetchPage(target);
        checked += 1;
        if (body.startsWith('STATUS')) broken.push(`${page} → ${href}: ${body}`);
        else if (hash && !body.includes(`id="${decodeURIComponent(hash)}"`)) broken.push(`${page} → ${href}: no such section`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  }, 240_000);
});
