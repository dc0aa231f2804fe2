// Builds the search indexes of a content folder from the built server's own pages. The running server
// runs it (bundled into the build as search-indexer.mjs) whenever it starts serving other content
// (src/server/search-indexing.ts); `npm run search:index` runs it by hand.
//
// Pages are rendered on demand behind a login, so there is no HTML on disk to index. This starts
// the built server in this process on a throwaway data folder holding one head account with a
// random password (the one-time build credential), signs in through the ordinary sign-in action,
// fetches every document, script, lesson and role page, and hands the HTML to Pagefind. The data
// folder, the account and its session are deleted at the end; the server itself is not changed.
//
// With --cache, a page whose inputs did not change since the last run (src/domain/search-render-inputs.ts)
// is taken from that folder instead of rendered again; the folder keeps the pages of the last run only.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Pagefind from 'pagefind';
import * as clock from '../src/server/clock';
import { pageForIndex, searchablePages, searchIndexes, type SearchablePage } from '../src/domain/search-pages';
import { pageRenderInputs, sharedRenderInputs } from '../src/domain/search-render-inputs';
import { formatProblems } from '../src/schemas/error-map';
import { readContentFolder } from '../src/content-check/folder';
import { validateContent } from '../src/content-check/validate';
import { hashPassword } from '../src/server/http/passwords';
import { emptyStore } from '../src/server/store/data';
import { openStore } from '../src/server/store/store';
import { auditKey } from '../src/server/config';
import { insertPerson } from '../src/server/records/users';
import { currentBuild, useBuild } from './build-state.mjs';
import { parseArgs } from './cli/context';

const PARALLEL_PAGES = 4;

class IndexError extends Error {}

function fail(message: string): never {
  throw new IndexError(message);
}

/**
 * A data folder with two accounts that exist only for this run: a head renders the heads' index,
 * an employee the staff index, so that no page of the staff index mentions a draft a head would see.
 */
async function buildCredentials(dataDir: string, position: string) {
  const data = emptyStore();
  const make = async (login: string, appRole: 'head' | 'employee') => {
    const password = randomBytes(24).toString('base64url');
    const fields = { login, name: 'Search index', appRole, position, mentorId: null, hired: clock.todayIso() };
    insertPerson(data, fields, await hashPassword(password), false);
    return { login, password };
  };
  const credentials = { heads: await make('search-indexer-head', 'head'), staff: await make('search-indexer-staff', 'employee') };
  const store = await openStore({
    path: join(dataDir, 'salesbook.json'),
    lockPath: join(dataDir, 'salesbook.json.lock'),
    backupsDir: join(dataDir, 'backups'),
    auditKey: auditKey(),
    seed: () => data,
  });
  await store.close();
  return credentials;
}

/** Starts the built server's request handler on a free local port. */
async function startBuiltServer(distDir: string): Promise<{ base: string; close: () => void }> {
  const entry = resolve(distDir, 'server', 'entry.mjs');
  if (!existsSync(entry)) fail(`there is no built server at ${entry}. Run \`npm run build\` first.`);
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const { handler } = (await import(pathToFileURL(entry).href)) as { handler: RequestListener };
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => server.closeAllConnections() };
}

/**
 * Pagefind's module runs one indexing process, which uses one core; a module instance per index (the
 * same file under another URL) gives each index its own process, so the indexes are built side by side.
 */
async function pagefindService(name: string): Promise<typeof Pagefind> {
  return (await import(`${import.meta.resolve('pagefind')}?index=${name}`)) as typeof Pagefind;
}

async function signIn(base: string, login: string, password: string): Promise<string> {
  const form = new FormData();
  form.set('login', login);
  form.set('password', password);
  const response = await fetch(`${base}/_actions/login`, { method: 'POST', body: form, headers: { origin: base } });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('salesbook_session='));
  if (!response.ok || !cookie) fail(`the build credential could not sign in (HTTP ${response.status}).`);
  return cookie.split(';')[0]!;
}

async function renderPage(base: string, cookie: string, page: SearchablePage): Promise<string> {
  const response = await fetch(base + page.url, { headers: { cookie }, redirect: 'manual' });
  if (response.status !== 200) fail(`${page.url} answered HTTP ${response.status} instead of the page.`);
  return response.text();
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Pages rendered by earlier runs, by what they were rendered from. */
class RenderedPages {
  readonly used = new Set<string>();
  reused = 0;
  rendered = 0;
  constructor(readonly folder: string | undefined) {
    if (folder) mkdirSync(folder, { recursive: true });
  }

  /** The page's HTML: from the folder when its key is there, else rendered and kept under it. */
  async get(key: string | undefined, render: () => Promise<string>): Promise<string> {
    if (!this.folder || !key) {
      this.rendered++;
      return render();
    }
    this.used.add(key);
    const file = join(this.folder, `${key}.html`);
    try {
      const html = readFileSync(file, 'utf8');
      this.reused++;
      return html;
    } catch {
      // Not rendered before (or removed meanwhile by another server's run): render it.
    }
    const html = await render();
    this.rendered++;
    const fresh = `${file}.${process.pid}.tmp`;
    writeFileSync(fresh, html);
    renameSync(fresh, file);
    return html;
  }

  /** Removes the pages this run did not use. */
  prune(): void {
    if (!this.folder) return;
    for (const name of readdirSync(this.folder)) if (!this.used.has(name.replace(/\.html$/, '')) && !name.includes('.tmp')) rmSync(join(this.folder, name), { force: true });
  }
}

/** Names the build, so that pages rendered by another build are never reused. */
function buildName(distDir: string): string {
  const stamp = join(distDir, 'salesbook-build.json');
  return existsSync(stamp) ? readFileSync(stamp, 'utf8') : String(statSync(join(distDir, 'server', 'entry.mjs')).mtimeMs);
}

async function main() {
  const { options } = parseArgs(process.argv.slice(2), { strings: ['dist', 'content', 'out', 'cache'] }, 'npm run search:index [-- --dist DIR --content DIR --out DIR --cache DIR]');
  const option = (name: string) => (typeof options.get(name) === 'string' ? (options.get(name) as string) : undefined);
  const dist = resolve(option('dist') ?? process.env.SALESBOOK_DIST ?? 'dist');
  // The current build of SALESBOOK_DIST (or the build folder the server hands over), kept while this runs.
  const distDir = currentBuild(dist);
  if (!distDir) fail(`there is no build in ${dist}. Run \`npm run build\` first.`);
  useBuild(dist, distDir);
  const contentDir = resolve(option('content') ?? process.env.SALESBOOK_CONTENT ?? 'content');
  const started = Date.now();

  const { problems, content } = validateContent(readContentFolder(contentDir));
  if (problems.length > 0) fail(`the content has mistakes:\n${formatProblems(problems, 'en')}`);
  const pages = searchablePages(content);
  const cache = new RenderedPages(option('cache') && resolve(option('cache')!));
  const shared = sha256(sharedRenderInputs(content, { today: clock.todayIso(), locale: process.env.SALESBOOK_LOCALE ?? '', build: buildName(distDir) }));
  const position = content.roles[0]?.id;
  if (!position) fail(`${contentDir} has no roles, so there is nobody to render pages as.`);

  const dataDir = mkdtempSync(join(tmpdir(), 'salesbook-search-'));
  // The one-time accounts have random passwords of 192 bits and live for this run only: a slow hash
  // would protect nothing and cost every run a second or two.
  process.env.SALESBOOK_SCRYPT_N = '1024';
  try {
    // The folder and its audit log are thrown away after the run: a key of their own, never the company's.
    process.env.SALESBOOK_AUDIT_KEY = randomBytes(32).toString('hex');
    delete process.env.SALESBOOK_AUDIT_KEY_FILE;
    // Its data, sessions and sign-ins stay in that folder, never in the company's database.
    delete process.env.SALESBOOK_DATABASE_URL;
    const credentials = await buildCredentials(dataDir, position);
    process.env.SALESBOOK_DATA = dataDir;
    // The built server renders the content folder named here, whatever the environment said.
    process.env.SALESBOOK_CONTENT = contentDir;
    delete process.env.SALESBOOK_DEMO;
    const server = await startBuiltServer(distDir);
    const cookies: Record<string, string> = {
      heads: await signIn(server.base, credentials.heads.login, credentials.heads.password),
      staff: await signIn(server.base, credentials.staff.login, credentials.staff.password),
    };

    const indexes = new Map<string, Pagefind.PagefindIndex>();
    const services: (typeof Pagefind)[] = [];
    for (const name of searchIndexes) {
      const pagefind = await pagefindService(name);
      services.push(pagefind);
      const { index, errors } = await pagefind.createIndex({});
      if (!index) fail(`Pagefind could not start: ${errors.join('; ')}`);
      indexes.set(name, index);
    }
    const counts = new Map<string, number>(searchIndexes.map((name) => [name, 0]));
    const queue = [...pages];
    // Pagefind indexes in its own process: pages are handed over without waiting, so rendering the
    // next page and indexing the last one run side by side.
    const indexing: Promise<string | undefined>[] = [];
    const worker = async () => {
      for (let page = queue.shift(); page; page = queue.shift()) {
        // A page both indexes hold is rendered once, as staff. What a head sees on it beyond that is
        // their tools (the acknowledgement sheet link, the overdue notice), marked data-pagefind-ignore.
        const as = page.indexes.includes('staff') ? 'staff' : 'heads';
        const inputs = pageRenderInputs(content, page);
        const key = inputs === undefined ? undefined : sha256(`${shared}\n${as}\n${inputs}`);
        const html = pageForIndex(await cache.get(key, () => renderPage(server.base, cookies[as]!, page)), page);
        for (const name of page.indexes) {
          indexing.push(
            indexes
              .get(name)!
              .addHTMLFile({ url: page.url, content: html })
              .then(
                ({ errors }) => {
                  counts.set(name, counts.get(name)! + 1);
                  return errors.length > 0 ? `${page.url}: ${errors.join('; ')}` : undefined;
                },
                (error: Error) => `${page.url}: ${error.message}`,
              ),
          );
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_PAGES }, worker));
    server.close();
    const problems = (await Promise.all(indexing)).filter((problem) => problem !== undefined);
    if (problems.length > 0) fail(problems.join('\n'));

    const root = resolve(option('out') ?? join(distDir, 'search', 'manual'));
    mkdirSync(root, { recursive: true });
    // Written side by side: Pagefind writes both at once in about the time of one.
    const written = await Promise.all(
      [...indexes].map(async ([name, index]) => {
        const fresh = join(root, `.${name}-new`);
        rmSync(fresh, { recursive: true, force: true });
        const { errors } = await index.writeFiles({ outputPath: fresh });
        return { name, fresh, errors };
      }),
    );
    for (const { name, errors } of written) if (errors.length > 0) fail(`writing the ${name} index: ${errors.join('; ')}`);
    for (const { name, fresh } of written) {
      rmSync(join(root, name), { recursive: true, force: true });
      renameSync(fresh, join(root, name));
    }
    await Promise.all(services.map((pagefind) => pagefind.close()));
    cache.prune();
    const summary = searchIndexes.map((name) => `${name} ${counts.get(name)}`).join(', ');
    const reuse = cache.folder ? `; ${cache.rendered} rendered, ${cache.reused} as last time` : '';
    console.log(`Salesbook search index: ${pages.length} pages (${summary}${reuse}) in ${((Date.now() - started) / 1000).toFixed(1)} s → ${root}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// The built server keeps its store and timers open: end the process once the index is written.
main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`Salesbook search index: ${error instanceof IndexError ? error.message : error.stack}`);
    process.exit(1);
  },
);
