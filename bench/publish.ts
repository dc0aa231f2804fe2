// Publish-to-visible: how long a change takes to reach the people reading, when a head publishes it in
// the browser (the saveDraft and publishDraft actions) and when an author saves a file by hand, and
// whether anyone reading meanwhile gets a failed answer. Readers keep requesting the changed document
// and My path the whole time; each change is timed until a reader's page shows it and until the staff
// search index served is the new one. Against 127.0.0.1 only.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as devalueParse } from 'devalue';
import { splitFrontmatter } from '../src/content-check/folder';
import { MAX_BODY_BYTES } from '../src/content-check/mdx-safety';
import { SMALL_BODY_BYTES } from '../src/domain/routes';
import { percentile } from './measure';
import { signIn, type BenchServer, type IndexRun } from './server';

/** The position of the demo people's trainee1, in the demo content and in the generated corpus alike. */
const READER_POSITION = 'sales-trainee';
/** The staff index's entry file: it names the index's hash, so it changes when a new index is served. */
const SEARCH_ENTRY = '/pagefind/staff/pagefind-entry.json';
const VISIBLE_BOUND_MS = 60_000;

export interface ReaderFigures {
  /** Answers to the reading loops and to the polls that watch for the change. */
  requests: number;
  non200: number;
  errors: number;
  /** Latency of the reading loops' answers during the switch. */
  p50Ms: number;
  p99Ms: number;
  firstFailure?: string;
}

/** The three changes, in the order they are made. */
export const CHANGES = ['publication in the browser', 'hand edit of the published file', 'hand edit of another file'] as const;

export interface SwitchFigures {
  change: (typeof CHANGES)[number];
  doc: string;
  /** The publishDraft action's own answer time; absent for a hand edit. */
  actionMs?: number;
  /** From sending the change (publishDraft, or writing the file) until a reader's page shows it; null if not within 60 s. */
  visibleMs: number | null;
  /** From sending the change until the staff search index served is a new one; null if not within the bound, or not watched. */
  searchMs: number | null;
  /** Whether search was watched: not after a change that never showed, nor after one whose index never came. */
  searchWatched: boolean;
  /** The index the server said it built for this change: pages rendered, and reused from the run before. */
  indexed?: IndexRun;
  readers: ReaderFigures;
}

export interface PublishFigures {
  corpus: string;
  documents: number;
  /**
   * Documents too long for the editor (a text over MAX_BODY_BYTES, or a form over what a request may
   * send): a head cannot save them from the editor. The publication is made on one that fits.
   */
  tooLargeForEditor: number;
  /** Reading loops running through each change. */
  readers: number;
  /** The server's start on this content folder, before the changes. */
  startS: number;
  searchBoundS: number;
  changes: SwitchFigures[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const marker = () => `bench${randomBytes(4).toString('hex')}`;
const withSentence = (text: string, sentence: string) => `${text.trimEnd()}\n\n${sentence}\n`;
/** A file's body as the editor shows it. */
const bodyOf = (text: string) => (splitFrontmatter(text)?.body ?? text).replace(/^\n/, '');

/** Every answer during a switch: its status or network error, and for the reading loops its latency. */
class Tally {
  latencies: number[] = [];
  requests = 0;
  non200 = 0;
  errors = 0;
  firstFailure: string | undefined;
  readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  async get(path: string, cookie: string, timed: boolean): Promise<{ status: number; text: string } | undefined> {
    const sent = performance.now();
    this.requests += 1;
    try {
      const response = await fetch(`${this.url}${path}`, { headers: { cookie }, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      const text = await response.text();
      if (timed) this.latencies.push(performance.now() - sent);
      if (response.status !== 200) {
        this.non200 += 1;
        this.firstFailure ??= `${path}: HTTP ${response.status}`;
      }
      return { status: response.status, text };
    } catch (error) {
      this.errors += 1;
      this.firstFailure ??= `${path}: ${(error as Error).message}`;
      return undefined;
    }
  }

  figures(): ReaderFigures {
    return {
      requests: this.requests,
      non200: this.non200,
      errors: this.errors,
      p50Ms: percentile(this.latencies, 50),
      p99Ms: percentile(this.latencies, 99),
      ...(this.firstFailure ? { firstFailure: this.firstFailure } : {}),
    };
  }
}

/**
 * The documents to change: the first (by id) that is active, open to the reader's position, answers
 * them 200 and whose editor form fits in an action's body, and the next readable one; and how many
 * documents of the folder do not fit.
 */
async function documentsToChange(url: string, content: string, cookie: string): Promise<{ doc: string; other: string; tooLargeForEditor: number }> {
  const docs = readdirSync(join(content, 'docs'))
    .filter((name) => name.endsWith('.mdx'))
    .sort()
    .map((name) => {
      const id = name.slice(0, -'.mdx'.length);
      const text = readFileSync(join(content, 'docs', name), 'utf8');
      const fitsWith = (body: string) => Buffer.byteLength(body) <= MAX_BODY_BYTES && multipartBytes(editForm(id, text, body)) <= SMALL_BODY_BYTES;
      // Saved as it is, for the count; with the marked sentence, for the choice.
      return { id, data: (splitFrontmatter(text)?.data ?? {}) as Record<string, unknown>, saves: fitsWith(bodyOf(text)), fits: fitsWith(withSentence(bodyOf(text), `Контрольная фраза замера публикации: ${marker()}.`)) };
    });
  const readable = docs.filter(({ data }) => (data.status ?? 'active') === 'active' && (data.audience === 'all' || (Array.isArray(data.audience) && data.audience.includes(READER_POSITION))));
  const answering: { id: string; fits: boolean }[] = [];
  for (const candidate of readable) {
    const response = await fetch(`${url}/docs/${candidate.id}/`, { headers: { cookie }, redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status === 200) answering.push(candidate);
    const doc = answering.find((d) => d.fits);
    const other = answering.find((d) => d !== doc);
    if (doc && other) return { doc: doc.id, other: other.id, tooLargeForEditor: docs.filter((d) => !d.saves).length };
  }
  throw new Error(`${content} has no two documents that answer trainee1 with 200, one of them small enough for the editor.`);
}

const dateField = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : value === undefined ? '' : String(value));

/** The editor's form for a document as it is published, with `body` in place of its text. */
function editForm(doc: string, published: string, body: string): Record<string, string | string[]> {
  const data = (splitFrontmatter(published)?.data ?? {}) as Record<string, unknown>;
  return {
    collection: 'docs',
    id: doc,
    revision: '0',
    startedFrom: '',
    baseHash: createHash('sha256').update(published).digest('hex'),
    title: String(data.title ?? ''),
    kind: String(data.kind ?? ''),
    summary: String(data.summary ?? ''),
    owner: String(data.owner ?? ''),
    audience: Array.isArray(data.audience) ? data.audience.map(String) : ['all'],
    effective: dateField(data.effective),
    reviewBy: dateField(data.reviewBy),
    status: String(data.status ?? 'active'),
    ...(data.requiresAck === true ? { requiresAck: 'on' } : {}),
    tags: Array.isArray(data.tags) ? data.tags.join(', ') : '',
    body,
  };
}

/** About the size of a form sent as multipart, as the editor sends it: each value and its part's headers. */
function multipartBytes(fields: Record<string, string | string[]>): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) bytes += Buffer.byteLength(one) + Buffer.byteLength(key) + 100;
  return bytes;
}

/** An Astro action as the editor's form sends it (multipart); devalue on success, JSON on error. */
async function action(url: string, name: string, fields: Record<string, string | string[]>, cookie: string) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(key, one);
  const sent = performance.now();
  const response = await fetch(`${url}/_actions/${name}`, { method: 'POST', headers: { origin: url, cookie }, body: form });
  const text = await response.text();
  const ms = performance.now() - sent;
  const body = (response.ok ? devalueParse(text) : JSON.parse(text)) as Record<string, unknown>;
  if (response.status !== 200 || body.ok !== true) throw new Error(`${name} answered ${response.status}: ${text.slice(0, 1000)}`);
  return { body, ms };
}

/**
 * Runs `readers` reading loops, does `prepare` (untimed), then `send`s the change and times it until the
 * document shows `marker` and, when `searchBoundMs` is given, until the staff index entry changes. A
 * change that never shows is not watched in search any longer: no index follows it.
 */
async function timeSwitch(
  server: BenchServer,
  cookie: string,
  change: { change: SwitchFigures['change']; doc: string; marker: string },
  options: { readers: number; searchBoundMs: number | null },
  prepare: () => Promise<void>,
  send: () => Promise<number | undefined>,
): Promise<SwitchFigures> {
  const { url } = server;
  const docPath = `/docs/${change.doc}/`;
  const runsBefore = server.indexRuns.length;
  const entryBefore = await (await fetch(`${url}${SEARCH_ENTRY}`, { headers: { cookie } })).text();
  const tally = new Tally(url);
  let switching = true;
  const readers = Array.from({ length: options.readers }, async (_, k) => {
    const paths = [docPath, '/'];
    for (let i = k; switching; i++) await tally.get(paths[i % paths.length]!, cookie, true);
  });
  let neverShown = false;
  const until = async (test: () => Promise<boolean>, everyMs: number, boundMs: number, t0: number): Promise<number | null> => {
    while (switching && !neverShown && performance.now() - t0 < boundMs) {
      if (await test()) return performance.now() - t0;
      await sleep(everyMs);
    }
    return null;
  };
  try {
    await prepare();
    const t0 = performance.now();
    const [actionMs, visibleMs, searchMs] = await Promise.all([
      send(),
      until(async () => (await tally.get(docPath, cookie, false))?.text.includes(change.marker) === true, 50, VISIBLE_BOUND_MS, t0).then((ms) => {
        neverShown = ms === null;
        return ms;
      }),
      options.searchBoundMs === null
        ? null
        : until(
            async () => {
              const answer = await tally.get(SEARCH_ENTRY, cookie, false);
              return answer?.status === 200 && answer.text !== entryBefore;
            },
            100,
            options.searchBoundMs,
            t0,
          ),
    ]);
    // The server logs an index right after switching to it; its line may still be on the way.
    for (let i = 0; searchMs !== null && server.indexRuns.length === runsBefore && i < 20; i++) await sleep(100);
    const indexed = searchMs !== null && server.indexRuns.length > runsBefore ? server.indexRuns.at(-1) : undefined;
    return { change: change.change, doc: change.doc, ...(actionMs === undefined ? {} : { actionMs }), visibleMs, searchMs, searchWatched: options.searchBoundMs !== null && visibleMs !== null, ...(indexed ? { indexed } : {}), readers: tally.figures() };
  } finally {
    switching = false;
    await Promise.all(readers);
  }
}

/**
 * On a running server, one change after another, each once the previous one's search index is served
 * (otherwise the index switches could not be told apart): a document readable by trainee1 published
 * in the browser (saved as a draft, published as a major version with a change-log line); then the
 * same file edited by hand; then another document's file edited by hand, one that was never published
 * from the browser. The content folder is written to, so it must be a copy.
 */
export async function measurePublish(server: BenchServer, content: string, options: { corpus: string; documents: number; readers: number; searchBoundMs: number }): Promise<PublishFigures> {
  const { url } = server;
  const [head, trainee] = await Promise.all([signIn(url, 'head'), signIn(url, 'trainee1')]);
  const { doc, other, tooLargeForEditor } = await documentsToChange(url, content, trainee);
  const fileOf = (id: string) => join(content, 'docs', `${id}.mdx`);
  const changes: SwitchFigures[] = [];
  // A change that showed but whose index never came leaves the next switch ambiguous: search is not watched after it.
  const searchBound = () => (changes.every((c) => c.visibleMs === null || c.searchMs !== null) ? options.searchBoundMs : null);

  const published = readFileSync(fileOf(doc), 'utf8');
  const first = { change: CHANGES[0], doc, marker: marker() };
  let draft = { id: '', revision: '' };
  changes.push(
    await timeSwitch(
      server,
      trainee,
      first,
      { readers: options.readers, searchBoundMs: searchBound() },
      async () => {
        await action(url, 'saveDraft', editForm(doc, published, withSentence(bodyOf(published), `Контрольная фраза замера публикации: ${first.marker}.`)), head);
        // The draft's id is on its publish page, as the browser gets it.
        const page = await (await fetch(`${url}/publish/docs/${doc}/`, { headers: { cookie: head } })).text();
        const id = /name="draft" value="([^"]+)"/.exec(page)?.[1];
        const revision = /name="revision" value="([^"]+)"/.exec(page)?.[1];
        if (!id || !revision) throw new Error(`The publish page of ${doc} shows no draft.`);
        draft = { id, revision };
      },
      async () => {
        const effective = new Date().toISOString().slice(0, 10);
        const answer = await action(url, 'publishDraft', { draft: draft.id, revision: draft.revision, level: 'major', effective, summary: 'Замер: как быстро публикация доходит до читателей' }, head);
        return answer.ms;
      },
    ),
  );

  for (const change of [
    { change: CHANGES[1], doc, marker: marker() },
    { change: CHANGES[2], doc: other, marker: marker() },
  ]) {
    changes.push(
      await timeSwitch(
        server,
        trainee,
        change,
        { readers: options.readers, searchBoundMs: searchBound() },
        async () => undefined,
        async () => {
          writeFileSync(fileOf(change.doc), withSentence(readFileSync(fileOf(change.doc), 'utf8'), `Контрольная фраза правки файла: ${change.marker}.`));
          return undefined;
        },
      ),
    );
  }

  return { corpus: options.corpus, documents: options.documents, tooLargeForEditor, readers: options.readers, startS: server.startS, searchBoundS: options.searchBoundMs / 1000, changes };
}
