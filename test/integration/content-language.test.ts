// Content is written in the site's content language (Russian in the fixture); in an English
// interface it is marked with it, so screen readers read «Регламент» in Russian, not as English.
import { afterAll, expect, it } from 'vitest';
import { cleanUp, get, signIn, startServer } from './server';

afterAll(cleanUp);

it('in the English interface, titles and texts from the content folder carry lang="ru"; the interface stays English', async () => {
  const server = await startServer({ demo: true, env: { SALESBOOK_LOCALE: 'en' } });
  const cookie = await signIn(server.url, 'head', 'demo');
  const doc = await (await get(server.url, '/docs/lead-handling/', cookie)).text();
  expect(doc).toMatch(/<html lang="en"/);
  expect(doc).toMatch(/<h1 lang="ru"[^>]*>Регламент обработки входящих заявок<\/h1>/);
  expect(doc).toMatch(/<div lang="ru"[^>]*><h2[^>]*>Сроки ответа/);
  for (const path of ['/scripts/cold-call/', '/courses/basics/crm/', '/roles/trainee/']) {
    expect(await (await get(server.url, path, cookie)).text(), path).toMatch(/<h1 lang="ru"/);
  }
  // Document lists name documents in their language too.
  const list = await get(server.url, '/docs/', cookie);
  expect(list.status).toBe(200);
  expect(await list.text()).toMatch(/<a href="\/docs\/lead-handling\/" lang="ru"/);
}, 60_000);
