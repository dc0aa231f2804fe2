import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContentFolder } from '../../src/content-check/folder';
import { cleanUp, get, signIn, startServer, type RunningServer } from './server';

// The demo company, served by the suite's build (one build serves any content folder), walked as a head sees it: every internal link on every content
// page answers 200, and every #section it points to exists on the page it names.
const CONTENT = resolve('content');

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  server = await startServer({ demo: true, env: { SALESBOOK_CONTENT: CONTENT } });
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
