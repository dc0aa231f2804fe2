// `npm run bench`: how fast Salesbook builds, serves, searches and stores, against its targets.
// Options: --quick (a run under two minutes), --vs-starlight (build Starlight on the same documents),
// --sizes=20,200 (document counts to build), --out=<file> (where the JSON goes).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildCorpus, findSearchIndex, type BuildFigures } from './build';
import { ROLES } from './corpus';
import { measureSearch, openBrowser, signedInContext, weighPage, type PageWeight, type SearchFigures } from './browser';
import { writeCorpus } from './corpus';
import { loadTest, type LoadFigures } from './load';
import { measureSignInFlood, type FloodFigures } from './flood';
import { mixedLoad, planFor, seedPeople, type MixFigures } from './mix';
import { folderSize } from './measure';
import { markdownReport, targetsOf } from './report';
import { ROOT, signIn, startServer } from './server';
import { buildWithStarlight, type StarlightFigures } from './starlight';
import { measureStore, type StoreFigures } from './store';

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
/** The benchmark's ports: one server at a time, on 127.0.0.1. */
const PORT = Number(option('port') ?? 4416);

export interface BenchResult {
  date: string;
  node: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  mode: 'quick' | 'full';
  build: BuildFigures[];
  starlight: StarlightFigures | { status: 'not run' } | { status: 'failed'; error: string };
  pages: PageWeight[];
  serving: LoadFigures[];
  mix: MixFigures | undefined;
  flood?: FloodFigures;
  store: StoreFigures[];
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
    build: [],
    starlight: { status: 'not run' },
    pages: [],
    serving: [],
    mix: undefined,
    store: [],
    search: { status: 'not built', corpus: 0 },
  };
  try {
    // Build each size; the largest build is the one served, weighed and searched.
    let largest: { content: string; dist: string; pages: ReturnType<typeof writeCorpus>['measured']; docs: ReturnType<typeof writeCorpus>['docs'] } | undefined;
    for (const size of sizes) {
      const content = join(work, `content-${size}`);
      const dist = join(work, `dist-${size}`);
      const corpus = writeCorpus(content, size);
      log(`building ${size} documents (${corpus.words.toLocaleString('en')} words)…`);
      const figures = await buildCorpus(content, dist, { documents: size, pages: corpus.pageCount, words: corpus.words });
      result.build.push(figures);
      log(`  ${figures.wallS.toFixed(1)} s, ${figures.peakMemoryMb.toFixed(0)} MB peak`);
      if (largest) rmSync(largest.dist, { recursive: true, force: true });
      largest = { content, dist, pages: corpus.measured, docs: corpus.docs };
    }
    if (!largest) throw new Error('No sizes to build: pass --sizes=20,200');

    if (vsStarlight) {
      log(`building the same ${largest.docs.length} documents with Starlight (installing it from the npm registry)…`);
      const dir = join(work, 'starlight');
      mkdirSync(dir);
      try {
        result.starlight = await buildWithStarlight(dir, largest.docs);
        log(`  ${result.starlight.wallS.toFixed(1)} s`);
      } catch (error) {
        result.starlight = { status: 'failed', error: (error as Error).message.slice(0, 2000) };
        log(`  Starlight failed: ${(error as Error).message.slice(0, 300)}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    log(`serving the ${largest.docs.length}-document build on 127.0.0.1:${PORT}…`);
    const server = await startServer(largest.dist, largest.content, PORT);
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
        const index = searchIndexSize(largest.dist);
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

    result.mix = await measureMix(largest, mixPeople, loadSeconds);
    log(`  My path alone, then during a flood of sign-ins, ${loadSeconds} s each…`);
    result.flood = await measureSignInFlood(largest.dist, largest.content, PORT, loadSeconds);

    for (const people of storePeople) {
      log(`store with ${people} people…`);
      result.store.push(await measureStore(people, storeWrites(people)));
    }
  } finally {
    cleanup();
  }

  const out = option('out') ?? join(ROOT, 'bench', 'results', `bench-${result.mode}-${result.date.replace(/[:.]/g, '-')}.json`);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ ...result, targets: targetsOf(result) }, null, 2)}\n`);
  process.stdout.write(markdownReport(result));
  log(`results written to ${out}`);
}

/** Many people at once on the largest build: each their own documents, My path, a lesson, the team page. */
async function measureMix(build: { content: string; dist: string; docs: ReturnType<typeof writeCorpus>['docs'] }, people: number, seconds: number): Promise<MixFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'salesbook-bench-mix-'));
  try {
    const visitors = await seedPeople(dataDir, ROLES.filter((r) => r !== 'head-of-sales'), 'head-of-sales', people);
    const server = await startServer(build.dist, build.content, PORT, dataDir);
    try {
      log(`signing in ${people} people…`);
      const lessons = ['company', 'inbound', 'calls', 'proposals', 'crm', 'objections'].map((l) => `onboarding/${l}`);
      const signedIn = [];
      for (const [index, visitor] of visitors.entries()) {
        signedIn.push({ cookie: await signIn(server.url, visitor.login), steps: planFor(visitor, index, build.docs, lessons) });
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

/** The search index in a build, if there is one, and its size. */
function searchIndexSize(dist: string): { indexBytes?: number; indexFiles?: number } {
  const found = findSearchIndex(dist);
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
