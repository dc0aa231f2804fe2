// The server reads the content folder itself: content with mistakes never starts a portal, and a file
// edited by hand in a running portal goes live once it passes the content check, never before.
import { cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { cleanUp, get, signIn, startExpectingFailure, startServer, TEST_CONTENT } from './server';

afterAll(cleanUp);

function contentCopy(): { content: string; doc: string } {
  const content = join(tempDir('salesbook-content-'), 'content');
  cpSync(TEST_CONTENT, content, { recursive: true });
  return { content, doc: join(content, 'docs/lead-handling.mdx') };
}

async function titleOf(url: string, cookie: string): Promise<string> {
  const html = await (await get(url, '/docs/lead-handling/', cookie)).text();
  return /<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? '';
}

async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) if (await check()) return true;
  return check();
}

it('a portal does not start on content with mistakes, and says which file, which field and what to fix', async () => {
  const { content, doc } = contentCopy();
  writeFileSync(doc, readFileSync(doc, 'utf8').replace('owner: head-of-sales', 'owner: rop'));
  const refused = await startExpectingFailure({ env: { SALESBOOK_CONTENT: content } });
  expect(refused.code).not.toBe(0);
  expect(refused.output).toContain('docs/lead-handling.mdx › owner: нет роли «rop». Есть: head-of-sales, manager, trainee.');
});

it('a file edited by hand goes live once it passes the check; until then the last good content is served', async () => {
  const { content, doc } = contentCopy();
  const server = await startServer({ demo: true, env: { SALESBOOK_CONTENT: content } });
  const cookie = await signIn(server.url, 'head', 'demo');
  const original = readFileSync(doc, 'utf8');
  const title = /^title: (.*)$/m.exec(original)![1]!.replace(/^['"]|['"]$/g, '');
  expect(await titleOf(server.url, cookie)).toBe(title);

  // A mistake (an owner that does not exist) next to a new title: neither is served.
  writeFileSync(doc, original.replace(/^title: .*$/m, 'title: Half-done edit').replace('owner: head-of-sales', 'owner: rop'));
  expect(await eventually(async () => server.output().includes('нет роли «rop»'))).toBe(true);
  expect(await titleOf(server.url, cookie)).toBe(title);

  // An unsafe body is a mistake too: bodies are rendered, never run.
  writeFileSync(doc, original.replace(/^title: .*$/m, 'title: Unsafe edit').replace(/\n## /, '\n<script>alert(1)</script>\n\n## '));
  expect(await eventually(async () => server.output().includes('элемент <script> не допускается'))).toBe(true);
  expect(await titleOf(server.url, cookie)).toBe(title);

  writeFileSync(doc, original.replace(/^title: .*$/m, 'title: Fixed by hand'));
  expect(await eventually(async () => (await titleOf(server.url, cookie)) === 'Fixed by hand')).toBe(true);
});

it('a file replaced by renaming another over it (a publication, an editor saving) is still followed: later edits go live too', async () => {
  const { content, doc } = contentCopy();
  const server = await startServer({ demo: true, env: { SALESBOOK_CONTENT: content } });
  const cookie = await signIn(server.url, 'head', 'demo');
  const original = readFileSync(doc, 'utf8');
  const saveAtomically = (text: string) => {
    writeFileSync(`${doc}.tmp`, text);
    renameSync(`${doc}.tmp`, doc);
  };
  saveAtomically(original.replace(/^title: .*$/m, 'title: Saved by renaming'));
  expect(await eventually(async () => (await titleOf(server.url, cookie)) === 'Saved by renaming')).toBe(true);
  writeFileSync(doc, original.replace(/^title: .*$/m, 'title: Then edited in place'));
  expect(await eventually(async () => (await titleOf(server.url, cookie)) === 'Then edited in place')).toBe(true);
  saveAtomically(original.replace(/^title: .*$/m, 'title: Renamed once more'));
  expect(await eventually(async () => (await titleOf(server.url, cookie)) === 'Renamed once more')).toBe(true);
}, 60_000);

it('after a change the search index is built again, rendering only the pages whose inputs changed', async () => {
  const { content, doc } = contentCopy();
  const server = await startServer({ demo: true, env: { SALESBOOK_CONTENT: content } });
  const built = () => [...server.output().matchAll(/search index of the content served, built in [\d.]+ s \((\d+) pages rendered, (\d+) unchanged since the last run\)/g)];
  const before = built().length;
  // A sentence added to a document that another document and two lessons link.
  writeFileSync(doc, `${readFileSync(doc, 'utf8').trimEnd()}\n\nОтвечаем на заявку за 10 минут.\n`);
  expect(await eventually(async () => built().length > before, 30_000)).toBe(true);
  const [, rendered, reused] = built().at(-1)!.map(Number);
  // The document, the two lessons that link it and the three role pages; the rest is reused.
  expect(rendered).toBe(6);
  expect(reused).toBeGreaterThan(0);
}, 60_000);
