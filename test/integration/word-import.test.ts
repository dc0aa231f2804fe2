// Importing Word files over HTTP against the real server: only heads may, bad files change nothing and
// say why, good ones become drafts (new documents, or the next version of a document with the same
// title) with their images kept aside, and a publication brings the images into the content folder.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { imagesDocx, mergedTableDocx, oleFile, plainTextFile, regulationDocx, zipBomb } from '../docx-fixtures';
import { cleanUp, get, postAction, readStore, signIn, startServer, TEST_CONTENT, type RunningServer } from './server';

let server: RunningServer;
let content: string;
let head: string;
let mentor: string;
let trainee: string;

type Draft = { id: string; entryId: string; text: string; baseHash: string | null; revision: number; source: { file: string; findings: { kind: string }[]; media: string[] } | null };
const drafts = () => readStore(server.dataDir).contentDrafts as Draft[];
const contentFiles = () => readdirSync(join(content, 'docs'), { recursive: true }).map(String).sort();

function upload(files: { name: string; bytes: Buffer }[], cookie: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const file of files) form.append('files', new Blob([new Uint8Array(file.bytes)]), file.name);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return fetch(new URL('/admin/docs/import/', server.url), { method: 'POST', body: form, headers: { origin: server.url, cookie }, redirect: 'manual' });
}

const action = (name: string, fields: Record<string, string>, cookie: string) => postAction(server.url, name, fields, cookie);

beforeAll(async () => {
  content = join(tempDir('salesbook-import-'), 'content');
  cpSync(TEST_CONTENT, content, { recursive: true });
  server = await startServer({ demo: true, env: { SALESBOOK_CONTENT: content } });
  [head, mentor, trainee] = await Promise.all([signIn(server.url, 'head', 'demo'), signIn(server.url, 'mentor1', 'demo'), signIn(server.url, 'trainee1', 'demo')]);
}, 120_000);

afterAll(cleanUp);

describe('who may import', () => {
  it('a trainee or a mentor gets the 404 of a page that does not exist, and nothing is written', async () => {
    const before = contentFiles();
    for (const cookie of [trainee, mentor]) {
      expect((await get(server.url, '/admin/docs/import/', cookie)).status).toBe(404);
      expect((await upload([{ name: 'regulation.docx', bytes: await regulationDocx() }], cookie)).status).toBe(404);
    }
    expect(drafts()).toEqual([]);
    expect(contentFiles()).toEqual(before);
  });
});

describe('bad files change nothing and say why', () => {
  it.each([
    ['a file that is not Word', 'notes.docx', plainTextFile, 'не документ Word'],
    ['a file with another name', 'notes.txt', plainTextFile, 'не документ Word'],
    ['a password-protected or old .doc file', 'old.docx', oleFile, 'паролем'],
    ['a zip bomb', 'bomb.docx', zipBomb, ''],
    ['a file over 20 MB', 'huge.docx', async () => Buffer.alloc(21 * 1024 * 1024, 1), '20'],
  ])('%s: 400, the reason, no draft', async (_name, fileName, make, said) => {
    const before = contentFiles();
    const response = await upload([{ name: fileName, bytes: await make() }], head);
    const page = await response.text();
    expect(response.status).toBe(400);
    const result = /data-testid="import-result"[\s\S]*?<\/li>/.exec(page)?.[0] ?? '';
    expect(result).toContain('notice--error');
    if (said) expect(result).toContain(said);
    expect(drafts()).toEqual([]);
    expect(contentFiles()).toEqual(before);
  });

  it('no file at all, or a new version named for several files: 400 with the message', async () => {
    const none = await upload([], head);
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Выберите хотя бы один файл .docx.');
    const two = await upload([{ name: 'a.docx', bytes: await imagesDocx() }, { name: 'b.docx', bytes: await imagesDocx() }], head, { versionOf: 'tenders' });
    expect(two.status).toBe(400);
    expect(await two.text()).toContain('Новая версия документа загружается одним файлом.');
    expect(drafts()).toEqual([]);
  });
});

describe('files that convert become drafts', () => {
  it('three files at once: a new version of the document with the same title, and two new documents with their report', async () => {
    const published = readFileSync(join(content, 'docs/lead-handling.mdx'), 'utf8');
    const response = await upload(
      [
        { name: 'Регламент заявок.docx', bytes: await regulationDocx() },
        { name: 'Схема.docx', bytes: await imagesDocx() },
        { name: 'Таблица.docx', bytes: await mergedTableDocx() },
      ],
      head,
    );
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('Черновиков создано: 3 из 3');
    expect(page).toContain('Название совпало с документом «Регламент обработки входящих заявок»');
    expect(page).toContain('Ничего не опубликовано');

    const made = drafts();
    expect(made).toHaveLength(3);
    const version = made.find((d) => d.entryId === 'lead-handling')!;
    // The next version starts from the published file: its fields as they are, the Word text as its body.
    expect(version.baseHash).toBe(createHash('sha256').update(published).digest('hex'));
    expect(version.text.slice(0, version.text.indexOf('\n---', 3))).toBe(published.slice(0, published.indexOf('\n---', 3)));
    expect(version.text).toContain('## 1. Общие положения');
    expect(version.source?.file).toBe('Регламент заявок.docx');

    const table = made.find((d) => d.source?.file === 'Таблица.docx')!;
    expect(table.source!.findings.map((f) => f.kind)).toContain('merged-cells');
    expect(table.text).toMatch(/^status: draft$/m);
    // The report is on the page, and stays with the draft in the editor.
    const editor = await (await get(server.url, `/edit/docs/${table.entryId}/`, head)).text();
    expect(editor).toContain('Импортировано из файла «Таблица.docx»');
    expect(editor).toContain('data-testid="editor-import"');

    // Nothing is published: readers see the old text and no new document.
    expect((await get(server.url, `/docs/${table.entryId}/`, trainee)).status).toBe(404);
    expect(await (await get(server.url, '/docs/lead-handling/', trainee)).text()).not.toContain('Общие положения');
  });

  it('an image waits beside its draft for editors only, and goes into the content folder with the publication', async () => {
    const draft = drafts().find((d) => d.source?.file === 'Схема.docx')!;
    const [image] = draft.source!.media;
    expect(image).toMatch(/^[a-f0-9]{16}\.png$/);
    const address = `/media/docs/${draft.entryId}/${image}`;
    expect(draft.text).toContain(`](${address})`);
    const forHead = await get(server.url, address, head);
    expect(forHead.status).toBe(200);
    expect(forHead.headers.get('content-type')).toBe('image/png');
    expect(createHash('sha256').update(Buffer.from(await forHead.arrayBuffer())).digest('hex').slice(0, 16)).toBe(image!.slice(0, 16));
    expect((await get(server.url, address, trainee)).status).toBe(404);

    const published = await action('publishDraft', { draft: draft.id, revision: String(draft.revision), level: 'minor', effective: '2026-11-18', summary: '', activate: 'on' }, head);
    expect(published).toMatchObject({ status: 200, body: { ok: true, version: '1.0' } });
    expect(existsSync(join(content, 'docs/_media', draft.entryId, image!))).toBe(true);
    expect(readFileSync(join(content, `docs/${draft.entryId}.mdx`), 'utf8')).toMatch(/^status: active$/m);
    // Readers now get the document and its image; the draft's copy is gone.
    const page = await (await get(server.url, `/docs/${draft.entryId}/`, trainee)).text();
    expect(page).toContain(`src="${address}"`);
    expect((await get(server.url, address, trainee)).status).toBe(200);
    expect(existsSync(join(server.dataDir, 'draft-media', draft.id))).toBe(false);
  });

  it('a document that already has a draft keeps it: the file is refused and names the draft', async () => {
    const before = drafts().find((d) => d.entryId === 'lead-handling')!;
    const response = await upload([{ name: 'Регламент, ещё раз.docx', bytes: await regulationDocx() }], head, { versionOf: 'lead-handling' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('уже есть черновик');
    expect(drafts().find((d) => d.entryId === 'lead-handling')).toEqual(before);
  });
});
