// Drafts over HTTP, for every kind of content with a status (documents and scripts; the other kinds have
// none: src/domain/visibility.ts): a trainee gets 404 at a draft's address and does not find it in
// their lists; a head does. The archive stays readable by everyone.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, get, signIn, startServer, tempDataDir, TEST_CONTENT, type RunningServer } from './server';

const content = tempDataDir('salesbook-drafts-content-');
let server: RunningServer;
let trainee: string;
let head: string;

/** A copy of the fixture's script `objection-expensive` with another id and title, and `status`. */
function addScript(id: string, title: string, status: string) {
  const text = readFileSync(join(TEST_CONTENT, 'scripts', 'objection-expensive.mdx'), 'utf8');
  writeFileSync(join(content, 'scripts', `${id}.mdx`), text.replace(/^title: .*$/m, `title: ${title}\nstatus: ${status}`));
}

beforeAll(async () => {
  cpSync(TEST_CONTENT, content, { recursive: true });
  addScript('draft-script', 'Черновик скрипта', 'draft');
  addScript('archived-script', 'Скрипт в архиве', 'archived');
  server = await startServer({ demo: true, env: { SALESBOOK_CONTENT: content } });
  trainee = await signIn(server.url, 'trainee1', 'demo');
  head = await signIn(server.url, 'head', 'demo');
}, 180_000);

afterAll(cleanUp);

const kinds = [
  { kind: 'document', list: '/docs/', draft: '/docs/tenders/', title: 'Регламент участия в тендерах', archived: '/docs/old-price-order/' },
  { kind: 'script', list: '/scripts/', draft: '/scripts/draft-script/', title: 'Черновик скрипта', archived: '/scripts/archived-script/' },
];

describe.each(kinds)('a draft $kind', ({ list, draft, title, archived }) => {
  it('is not there for a trainee: 404 at its address, absent from their list', async () => {
    expect((await get(server.url, draft, trainee)).status).toBe(404);
    const listed = await (await get(server.url, list, trainee)).text();
    expect(listed).not.toContain(`href="${draft}"`);
    expect(listed).not.toContain(title);
  });

  it('is there for a head, at its address and in the list', async () => {
    expect((await get(server.url, draft, head)).status).toBe(200);
    expect(await (await get(server.url, list, head)).text()).toContain(`href="${draft}"`);
  });

  it('archived, stays readable by a trainee', async () => {
    expect((await get(server.url, archived, trainee)).status).toBe(200);
  });
});
