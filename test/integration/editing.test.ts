// Editing in the browser, over HTTP against the real server: who may write, what is refused before
// anything is written, drafts no reader sees, conflicts that lose nothing, and a publication that
// keeps the previous text, raises the version, writes the change log, goes live and is a git commit.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { cleanUp, get, postAction, postForm, readStore, signIn, startServer, TEST_CONTENT, type RunningServer } from './server';

let server: RunningServer;
let content: string;
let head: string;
let mentor: string;
let trainee: string;
const DOC = 'docs/lead-handling.mdx';

const file = (path = DOC) => readFileSync(join(content, path), 'utf8');
const drafts = () => readStore(server.dataDir).contentDrafts as { entryId: string; text: string; conflictOf: string | null; revision: number; id: string }[];
const bodyOf = (text: string) => text.slice(text.indexOf('\n---', 3) + 5);
// The published text with one sentence added: every section others link to stays.
const tenMinutes = () => `${bodyOf(file()).trimEnd()}\n\nОтвечаем на заявку за 10 минут.\n`;

function editForm(body: string, extra: Record<string, string> = {}): Record<string, string | string[]> {
  const original = file();
  return {
    collection: 'docs',
    id: 'lead-handling',
    revision: '0',
    startedFrom: '',
    baseHash: createHash('sha256').update(original).digest('hex'),
    title: 'Регламент обработки входящих заявок',
    kind: 'regulation',
    summary: 'Сроки и порядок ответа на входящие заявки.',
    owner: 'head-of-sales',
    effective: '2026-09-01',
    reviewBy: '2027-09-01',
    status: 'active',
    requiresAck: 'on',
    tags: 'заявки',
    audience: ['manager', 'trainee'],
    body: body || bodyOf(original),
    ...extra,
  };
}

const action = (name: string, fields: Record<string, string | string[]>, cookie: string) => postAction(server.url, name, fields, cookie);

beforeAll(async () => {
  content = join(tempDir('salesbook-edit-'), 'content');
  cpSync(TEST_CONTENT, content, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-C', content, ...args], { env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.invalid' } });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'content');
  server = await startServer({ demo: true, env: { SALESBOOK_CONTENT: content } });
  [head, mentor, trainee] = await Promise.all([signIn(server.url, 'head', 'demo'), signIn(server.url, 'mentor1', 'demo'), signIn(server.url, 'trainee1', 'demo')]);
}, 120_000);

afterAll(cleanUp);

describe('who may edit', () => {
  it('a trainee or a mentor gets 403 from every editor page and action, and nothing is written', async () => {
    const before = file();
    for (const cookie of [trainee, mentor]) {
      expect((await get(server.url, '/edit/docs/lead-handling/', cookie)).status).toBe(403);
      expect((await postForm(server.url, '/edit/preview/', { collection: 'docs', id: 'lead-handling', body: '# x' }, cookie)).status).toBe(403);
      expect((await action('saveDraft', editForm('Новый текст'), cookie)).status).toBe(403);
      expect((await action('createEntry', { collection: 'docs', title: 'Новый регламент' }, cookie)).status).toBe(403);
      expect((await action('publishDraft', { draft: 'any', revision: '1' }, cookie)).status).toBe(404);
    }
    expect(file()).toBe(before);
    expect(drafts()).toEqual([]);
  });
});

describe('what is refused before anything is written', () => {
  it.each([
    ['an import', 'import Evil from "./evil.js"\n\nТекст', 'import'],
    ['an expression', 'Сумма: {process.exit(1)}', 'выражения'],
    ['a script element', 'Текст\n\n<script>alert(1)</script>', '<script>'],
    ['an event attribute', '<Callout type="note" onClick="alert(1)">\n\nТекст\n\n</Callout>', 'onClick'],
  ])('a body with %s: 400 with where, nothing written', async (_name, body, said) => {
    const before = file();
    const saved = await action('saveDraft', editForm(body), head);
    expect(saved.status).toBe(400);
    expect(saved.body.message).toMatch(/^Строка \d+, позиция \d+: /);
    expect(saved.body.message).toContain(said);
    const preview = await postForm(server.url, '/edit/preview/', { collection: 'docs', id: 'lead-handling', body }, head);
    expect(preview.status).toBe(400);
    expect(file()).toBe(before);
    expect(drafts()).toEqual([]);
  });

  it('an id that leaves the content folder: 400, nothing written', async () => {
    for (const id of ['../site', '..%2Fsite', 'docs/../../x', '.hidden']) {
      expect((await action('saveDraft', { ...editForm(''), id }, head)).status).toBe(400);
      expect((await postForm(server.url, '/edit/preview/', { collection: 'docs', id, body: 'x' }, head)).status).toBe(400);
    }
    expect((await action('saveDraft', { ...editForm(''), collection: 'quizzes' }, head)).status).toBe(400);
    expect(drafts()).toEqual([]);
    expect(existsSync(join(content, 'site.yaml'))).toBe(true);
  });
});

describe('drafts, conflicts and publishing', () => {
  it('a draft is for editors only; a second save from the same start is kept as a copy, and nothing is lost', async () => {
    const first = await action('saveDraft', editForm(tenMinutes()), head);
    expect(first).toMatchObject({ status: 200, body: { ok: true, revision: 1 } });
    // A reader still sees the published text.
    const page = await (await get(server.url, '/docs/lead-handling/', trainee)).text();
    expect(page).not.toContain('за 10 минут');
    // Another edit that started before the first save collides with it.
    const second = await action('saveDraft', editForm('## Срок ответа\n\nОтвечаем за 5 минут.'), head);
    expect(second).toMatchObject({ status: 200, body: { ok: false, reason: 'draft-changed' } });
    const kept = drafts();
    expect(kept.find((d) => d.conflictOf === null)?.text).toContain('за 10 минут');
    expect(kept.find((d) => d.conflictOf === 'docs/lead-handling')?.text).toContain('за 5 минут');
    const conflictCopy = kept.find((d) => d.conflictOf !== null)!;
    expect((await action('discardDraft', { draft: conflictCopy.id }, head)).status).toBe(200);
  });

  it('a major version needs a change-log line; a draft that breaks the content is refused and nothing is written', async () => {
    const draft = drafts().find((d) => d.conflictOf === null)!;
    const before = file();
    const noLine = await action('publishDraft', { draft: draft.id, revision: String(draft.revision), level: 'major', effective: '2026-12-01', summary: '' }, head);
    expect(noLine.status).toBe(400);
    expect(file()).toBe(before);
    // The owner changed to a role that does not exist: the content check refuses the publication.
    const broken = await action('saveDraft', editForm(tenMinutes(), { revision: String(draft.revision), startedFrom: draft.id, owner: 'rop' }), head);
    expect(broken.body.ok).toBe(true);
    const refused = await action('publishDraft', { draft: draft.id, revision: String(broken.body.revision), level: 'major', effective: '2026-12-01', summary: 'Срок ответа — 10 минут' }, head);
    expect(refused.status).toBe(200);
    expect(refused.body.ok).toBe(false);
    expect(JSON.stringify(refused.body.problems)).toContain('rop');
    expect(file()).toBe(before);
    expect((await get(server.url, '/docs/lead-handling/', trainee)).status).toBe(200);
  });

  it('publishing keeps the old text, raises the version, logs the change, goes live and is a git commit by the head', async () => {
    const draft = drafts().find((d) => d.conflictOf === null)!;
    const before = file();
    // A term for confirmations is one of the card's fields too.
    const fixed = await action('saveDraft', editForm(tenMinutes(), { revision: String(draft.revision), startedFrom: draft.id, validForMonths: '12' }), head);
    expect(fixed.body.ok).toBe(true);
    const published = await action('publishDraft', { draft: draft.id, revision: String(fixed.body.revision), level: 'major', effective: '2026-12-01', summary: 'Срок ответа — 10 минут' }, head);
    expect(published.body.problems ?? []).toEqual([]);
    expect(published).toMatchObject({ status: 200, body: { ok: true, version: '3.0' } });
    const now = file();
    expect(now).toMatch(/^version: "3\.0"$/m);
    expect(now).toMatch(/^validForMonths: 12$/m);
    expect(now).toMatch(/^effective: 2026-12-01$/m);
    expect(now).toContain('summary: Срок ответа — 10 минут');
    // Every other line of the frontmatter as it was written.
    expect(now).toContain('audience: [manager, trainee]');
    expect(now).toContain('related: [motivation-statute, tenders]');
    expect(file('docs/_versions/lead-handling/2.0.mdx')).toBe(before);
    expect(drafts().filter((d) => d.conflictOf === null)).toEqual([]);
    // Live at once: the reader sees the new text and is asked to read it again.
    const page = await (await get(server.url, '/docs/lead-handling/', trainee)).text();
    expect(page).toContain('за 10 минут');
    const audit = readFileSync(join(server.dataDir, 'audit.jsonl'), 'utf8');
    expect(audit).toContain('"content.published"');
    let log = '';
    for (let i = 0; i < 50 && !log.includes('Срок ответа'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      log = execFileSync('git', ['-C', content, 'log', '-1', '--format=%an|%s']).toString();
    }
    expect(log.trim()).toBe('Ирина Соколова|Срок ответа — 10 минут');
  });

  it('a long regulation (about 250 KB of Russian text) is saved from the editor’s form as it sends it, and the draft is discarded after', async () => {
    const paragraph = 'Менеджер регистрирует каждую заявку в CRM и ставит задачу на следующий контакт с клиентом.';
    const body = `## Порядок\n\n${Array.from({ length: 1480 }, (_, i) => `${i + 1}. ${paragraph}`).join('\n\n')}\n`;
    expect(Buffer.byteLength(body)).toBeGreaterThan(240 * 1024);
    const form = new FormData();
    for (const [key, value] of Object.entries(editForm(body))) for (const one of [value].flat()) form.append(key, one);
    const response = await fetch(new URL('/_actions/saveDraft', server.url), { method: 'POST', headers: { origin: server.url, cookie: head }, body: form });
    expect(response.status).toBe(200);
    const saved = drafts().find((d) => d.conflictOf === null && d.entryId === 'lead-handling')!;
    expect(saved.text).toContain('1480. Менеджер');
    expect((await action('discardDraft', { draft: saved.id }, head)).status).toBe(200);
  });
});
