// `npm run bench`: how fast Salesbook builds, indexes, starts, publishes, serves, searches and stores,
// against its targets.
// Options: --quick (a shorter run: 20 and 200 documents, 3 s per load test), --vs-starlight (build Starlight on the same documents),
// --sizes=20,200 (document counts to index and serve), --out=<file> (where the JSON goes),
// --duration=<s> (per load test), --people=<n> (mixed load), --port=<n>, --readers=<n> (reading loops
// while a change goes live), --search-wait=<s> (how long to wait for a new search index),
// --team=<n> (people in the team pages' store), --only=team (build, then the team pages only),
// --store=postgres (only the PostgreSQL store and several servers on one database: bench/pg.ts).
import { cpSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { completeSearchIndexes, searchIndexesOf } from '../src/server/http/search-files';
import { buildCode, type BuildFigures } from './build';
import { ROLES } from './corpus';
import { measureSearch, openBrowser, signedInContext, weighPage, type PageWeight, type SearchFigures } from './browser';
import { writeCorpus } from './corpus';
import { loadTest, type LoadFigures } from './load';
import { measureSignInFlood, type FloodFigures } from './flood';
import { mixedLoad, planFor, seedPeople, type MixFigures } from './mix';
import { folderSize } from './measure';
import { measurePublish, type PublishFigures } from './publish';
import { markdownReport, targetsOf } from './report';
import { indexContent, type SearchIndexFigures } from './search-index';
import { ROOT, signIn, startServer } from './server';
import { buildWithStarlight, type StarlightFigures } from './starlight';
import { measureStore, type StoreFigures } from './store';
import { measureTeam, type TeamFigures } from './team';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

const quick = flag('quick');
const vsStarlight = flag('vs-starlight');
const sizes = (option('sizes') ?? (quick ? '20,200' : '20,200,1000')).split(',').map(Number);
const loadSeconds = Number(option('duration') ?? (quick ? 3 : 10));
/** People reading at once in the mixed load. */
const mixPeople = Number(option('people') ?? 50);
const storePeople = quick ? [10, 100, 1000] : [10, 100, 1000];
const storeWrites = (people: number) => (quick ? (people >= 1000 ? 20 : 60) : people >= 1000 ? 50 : 300);
/** Reading loops that keep requesting the changed document and My path while a change goes live. */
const readers = Number(option('readers') ?? 6);
/** How long a change may take to reach search before the wait is given up. */
const searchWaitS = Number(option('search-wait') ?? 120);
/** The benchmark's port: one server at a time, on 127.0.0.1. */
const PORT = Number(option('port') ?? 4420);
/** People in the store the team pages are timed on. */
const teamPeople = Number(option('team') ?? 1000);
const only = option('only');
// --store=postgres: the PostgreSQL store beside the data file, and two servers on one database (bench/pg.ts).
if (option('store') === 'postgres') {
  await import('./pg');
  process.exit(0);
}

/** A server's first start on a content folder: reading and checking it, and its first search index. */
export interface FirstStartFigures {
  corpus: string;
  documents: number;
  /** From spawning the server to "Server listening". */
  startS: number;
  /** The first search index, as the server's log gives it. */
  indexS: number | null;
  /**
   * serve.mjs built the code again first, because the sources changed during the run: startS includes
   * that build, and the build emptied the build folder, search indexes included.
   */
  rebuilt: boolean;
}

export type PublishResult = PublishFigures | { corpus: string; documents: number; status: 'failed'; error: string };

export interface BenchResult {
  date: string;
  node: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  mode: 'quick' | 'full';
  /** The one build, code only: it serves every corpus. */
  build: BuildFigures | undefined;
  /** The search indexes of each corpus, built by the bundled indexer: what grows with the content. */
  searchIndex: SearchIndexFigures[];
  firstStart: FirstStartFigures[];
  starlight: StarlightFigures | { status: 'not run' } | { status: 'failed'; error: string };
  pages: PageWeight[];
  serving: LoadFigures[];
  mix: MixFigures | undefined;
  /** Publish-to-visible: on a copy of the demo content, then on the largest corpus. */
  publish: PublishResult[];
  /** My path with and without a flood of made-up sign-ins, on the largest corpus. */
  flood?: FloodFigures;
  store: StoreFigures[];
  /** The team pages of a company of `--team` people with a year of history each. */
  team?: TeamFigures;
  search: SearchFigures & { corpus: number; indexBytes?: number; indexFiles?: number };
}

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

async function main() {
  // Inside the project, because a server build resolves its packages from the project's node_modules.
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const work = mkdtempSync(join(ROOT, 'bench', 'results', 'work-'));
  const cleanup = () => rmSync(work, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  const result: BenchResult = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    mode: quick ? 'quick' : 'full',
    build: undefined,
    searchIndex: [],
    firstStart: [],
    starlight: { status: 'not run' },
    pages: [],
    serving: [],
    mix: undefined,
    publish: [],
    store: [],
    search: { status: 'not built', corpus: 0 },
  };
  try {
    // One build of the code; the content is the server's to read, so the same build serves every corpus.
    // The servers run SALESBOOK_DIST=dist and serve its current build; the indexer and the search
    // indexes are in that build's own folder.
    const dist = join(work, 'dist');
    log('building the code (npm run build)…');
    const { folder: build, ...figures } = await buildCode(dist);
    result.build = figures;
    log(`  ${result.build.wallS.toFixed(1)} s, ${result.build.peakMemoryMb.toFixed(0)} MB peak`);

    log(`team pages with ${teamPeople} people, a year of history each…`);
    result.team = await measureTeam(dist, teamPeople, PORT, quick ? 3 : 5);
    if (only !== 'team') await measureTheRest(work, dist, build, result);
  } finally {
    cleanup();
  }
  writeReport(result);
}

/** Everything but the build and the team pages: content sizes, serving, publishing, the store. */
async function measureTheRest(work: string, dist: string, build: string, result: BenchResult) {
  // Each size: its search index built by the indexer alone, then a server's first start on it. The
  // largest corpus is the one served, weighed, searched and published to.
  let largest: { content: string; pages: ReturnType<typeof writeCorpus>['measured']; docs: ReturnType<typeof writeCorpus>['docs'] } | undefined;
  for (const size of sizes) {
    const content = join(work, `content-${size}`);
    const corpus = writeCorpus(content, size);
    log(`search index of ${size} documents (${corpus.words.toLocaleString('en')} words)…`);
    const index = await indexContent(build, content, join(work, `index-${size}`), { documents: size, words: corpus.words });
    result.searchIndex.push(index);
    log(`  ${index.pages} pages, ${index.wallS.toFixed(1)} s, ${index.peakMemoryMb.toFixed(0)} MB peak`);
    log(`first start of the server on ${size} documents…`);
    const start = await firstStart(dist, content, `${size} documents`, size);
    result.firstStart.push(start);
    log(`  listening after ${start.startS.toFixed(1)} s${start.rebuilt ? ' (it built the code again first: the sources changed)' : ''}`);
    if (largest) {
      rmSync(largest.content, { recursive: true, force: true });
      rmSync(searchIndexesOf(build, largest.content), { recursive: true, force: true });
    }
    largest = { content, pages: corpus.measured, docs: corpus.docs };
  }
  if (!largest) throw new Error('No sizes to index: pass --sizes=20,200');

  if (vsStarlight) {
    log(`building the same ${largest.docs.length} documents with Starlight (installing it from the npm registry)…`);
    const dir = join(work, 'starlight');
    mkdirSync(dir);
    try {
      result.starlight = await buildWithStarlight(dir, largest.docs);
      log(`  ${result.starlight.wallS.toFixed(1)} s, ${result.starlight.peakMemoryMb.toFixed(0)} MB peak`);
    } catch (error) {
      result.starlight = { status: 'failed', error: (error as Error).message.slice(0, 2000) };
      log(`  Starlight failed: ${(error as Error).message.slice(0, 300)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  log(`serving ${largest.docs.length} documents on 127.0.0.1:${PORT}…`);
  const server = await startServer(dist, largest.content, PORT);
  try {
    const cookie = await signIn(server.url, 'trainee1');
    const paths = {
      document: `/docs/${largest.pages.doc}/`,
      'document with confirm button': `/docs/${largest.pages.docWithConfirm}/`,
      'lesson with quiz': `/courses/${largest.pages.lesson}/`,
      script: `/scripts/${largest.pages.script}/`,
      'my path': '/',
    };
    const browser = await openBrowser();
    try {
      const context = await signedInContext(browser, server.url, cookie);
      for (const [page, path] of Object.entries(paths)) result.pages.push(await weighPage(context, server.url, page, path));
      const index = searchIndexSize(build, largest.content);
      result.search = { ...(await measureSearch(context, server.url, cookie)), corpus: largest.docs.length, ...index };
    } finally {
      await browser.close();
    }

    const asset = await hashedAsset(server.url, cookie);
    // A hashed asset is the ceiling of what this machine serves; the sign-in page, anonymous, the
    // floor of any page Astro renders on demand. What people feel is the mix, measured below.
    const targets: [string, string, string][] = [
      ['static asset', asset, cookie],
      ['sign-in page (anonymous)', '/login', ''],
    ];
    for (const connections of [1, 32]) {
      for (const [target, path, session] of targets) {
        log(`  ${target} at ${connections} connection(s), ${loadSeconds} s…`);
        result.serving.push(await loadTest(server.url, target, path, { connections, durationS: loadSeconds, cookie: session }));
      }
    }
  } finally {
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  }

  result.mix = await measureMix(dist, largest, mixPeople, loadSeconds);
  log(`  My path alone, then during a flood of sign-ins, ${loadSeconds} s each…`);
  result.flood = await measureSignInFlood(dist, largest.content, PORT, loadSeconds);

  // Publish-to-visible changes the content it runs on: a copy of the demo content, never content/
  // itself, and the largest corpus last, once nothing else reads it.
  const demo = join(work, 'content-demo');
  cpSync(join(ROOT, 'content'), demo, { recursive: true });
  const demoDocs = readdirSync(join(demo, 'docs')).filter((name) => name.endsWith('.mdx')).length;
  result.publish.push(await publishOn(dist, demo, 'demo content', demoDocs, result));
  result.publish.push(await publishOn(dist, largest.content, `${largest.docs.length} documents`, largest.docs.length, result));

  for (const people of storePeople) {
    log(`store with ${people} people…`);
    result.store.push(await measureStore(people, storeWrites(people)));
  }
}

function writeReport(result: BenchResult) {
  const out = option('out') ?? join(ROOT, 'bench', 'results', `bench-${result.mode}-${result.date.replace(/[:.]/g, '-')}.json`);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ ...result, targets: targetsOf(result) }, null, 2)}\n`);
  process.stdout.write(markdownReport(result));
  log(`results written to ${out}`);
}

/** Starts a server on a content folder it has no search index of yet, and stops it once it listens. */
async function firstStart(dist: string, content: string, corpus: string, documents: number): Promise<FirstStartFigures> {
  const server = await startServer(dist, content, PORT);
  try {
    return { corpus, documents, startS: server.startS, indexS: server.indexRuns[0]?.seconds ?? null, rebuilt: server.rebuilt };
  } finally {
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}

/**
 * Publish-to-visible on `content`, served with demo people. When that start had to build a first
 * search index (the demo copy; or any folder whose index was lost to a rebuild), it is recorded as a
 * first start too.
 */
async function publishOn(dist: string, content: string, corpus: string, documents: number, result: BenchResult): Promise<PublishResult> {
  log(`publish-to-visible on ${corpus}, ${readers} people reading meanwhile…`);
  try {
    const server = await startServer(dist, content, PORT);
    try {
      // An index logged before listening is one the server waited for: there was none of this folder.
      const [index] = server.indexRuns;
      if (index) result.firstStart.push({ corpus: `${corpus}, for publish-to-visible`, documents, startS: server.startS, indexS: index.seconds, rebuilt: server.rebuilt });
      const figures = await measurePublish(server, content, { corpus, documents, readers, searchBoundMs: searchWaitS * 1000 });
      for (const c of figures.changes) {
        const s = (ms: number | null | undefined) => (ms === null || ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);
        log(`  ${c.change}: visible ${s(c.visibleMs)}, search ${s(c.searchMs)}, ${c.readers.non200 + c.readers.errors} failed of ${c.readers.requests}`);
      }
      return figures;
    } finally {
      await server.stop();
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  } catch (error) {
    log(`  failed: ${(error as Error).message.slice(0, 300)}`);
    return { corpus, documents, status: 'failed', error: (error as Error).message.slice(0, 2000) };
  }
}

/** Many people at once on the largest corpus: each their own documents, My path, a lesson, the team page. */
async function measureMix(dist: string, corpus: { content: string; docs: ReturnType<typeof writeCorpus>['docs'] }, people: number, seconds: number): Promise<MixFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'salesbook-bench-mix-'));
  try {
    const visitors = await seedPeople(dataDir, ROLES.filter((r) => r !== 'head-of-sales'), 'head-of-sales', people);
    const server = await startServer(dist, corpus.content, PORT, dataDir);
    try {
      log(`signing in ${people} people…`);
      const lessons = ['company', 'inbound', 'calls', 'proposals', 'crm', 'objections'].map((l) => `onboarding/${l}`);
      const signedIn = [];
      for (const [index, visitor] of visitors.entries()) {
        signedIn.push({ cookie: await signIn(server.url, visitor.login), steps: planFor(visitor, index, corpus.docs, lessons) });
      }
      log(`  ${people} people reading at 32 connections, ${seconds} s…`);
      return await mixedLoad(server.url, signedIn, { connections: 32, durationS: seconds });
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The search index served for a content folder (the newest complete one of the build), if there is one, and its size. */
function searchIndexSize(build: string, content: string): { indexBytes?: number; indexFiles?: number } {
  const found = completeSearchIndexes(build, content)[0];
  if (!found) return {};
  const { bytes, files } = folderSize(found);
  return { indexBytes: bytes, indexFiles: files };
}

/** A hashed static asset the document page links: the ceiling of what this machine serves. */
async function hashedAsset(url: string, cookie: string): Promise<string> {
  const html = await (await fetch(`${url}/`, { headers: { cookie } })).text();
  const href = /href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1] ?? /src="(\/_astro\/[^"]+\.js)"/.exec(html)?.[1];
  if (!href) throw new Error('No hashed asset (/_astro/…) linked from My path.');
  return href;
}

await main();
