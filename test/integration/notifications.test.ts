// A document's new major version, saved by hand in the content folder of a running portal, reaches the
// notifications of the people who must read it: once, also across a restart.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { cleanUp, get, readStore, signIn, startServer, TEST_CONTENT } from './server';

afterAll(cleanUp);

async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) if (await check()) return true;
  return check();
}

it('a new major version tells its readers once; a minor one tells nobody', async () => {
  const content = join(tempDir('salesbook-content-'), 'content');
  cpSync(TEST_CONTENT, content, { recursive: true });
  const doc = join(content, 'docs/lead-handling.mdx');
  const original = readFileSync(doc, 'utf8');
  const version = /^version: ["']?(\d+)\.(\d+)["']?$/m.exec(original)!;
  const major = Number(version[1]);
  const title = /^title: (.*)$/m.exec(original)![1]!.replace(/^['"]|['"]$/g, '');
  const data = tempDir('salesbook-data-');
  let server = await startServer({ demo: true, data, env: { SALESBOOK_CONTENT: content } });
  const docNotices = () => readStore(data).notifications.filter((n: { kind: string }) => n.kind === 'doc-version');
  // The content a portal starts with is nobody's news.
  expect(readStore(data).announcedDocs).toMatchObject({ 'lead-handling': `${major}.${version[2]}` });
  expect(docNotices()).toEqual([]);

  writeFileSync(doc, original.replace(/^version: .*$/m, `version: "${major}.${Number(version[2]) + 1}"`));
  expect(await eventually(async () => readStore(data).announcedDocs['lead-handling'] === `${major}.${Number(version[2]) + 1}`)).toBe(true);
  expect(docNotices()).toEqual([]);

  writeFileSync(doc, original.replace(/^version: .*$/m, `version: "${major + 1}.0"`));
  expect(await eventually(async () => docNotices().length > 0)).toBe(true);
  const people = readStore(data).users as { id: string; login: string; appRole: string }[];
  const told = new Set(docNotices().map((n: { userId: string }) => n.userId));
  const trainee1 = people.find((p) => p.login === 'trainee1')!;
  expect(told.has(trainee1.id)).toBe(true);
  expect(docNotices().every((n: { version: string; docId: string }) => n.docId === 'lead-handling' && n.version === `${major + 1}.0`)).toBe(true);

  const cookie = await signIn(server.url, 'trainee1', 'demo');
  const page = await (await get(server.url, '/notifications/', cookie)).text();
  expect(page).toContain(`Документ «${title}», версия ${major + 1}.0: прочитайте и подтвердите`);

  // A restart sees the same content: nobody is told again.
  const count = docNotices().length;
  await server.stop();
  server = await startServer({ demo: true, data, env: { SALESBOOK_CONTENT: content } });
  expect(docNotices()).toHaveLength(count);
  await server.stop();
});
