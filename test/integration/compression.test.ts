// Compressed answers, on the built fixture server without any proxy in front: pages compressed as they
// stream, hashed assets from the copies the build made.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSearchIndexes } from '../../src/server/http/search-files';
import { cleanUp, signIn, startServer, TEST_CONTENT, testBuild, type RunningServer } from './server';

afterAll(cleanUp);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with exactly these headers (Node's fetch would add and undo its own Accept-Encoding). */
function send(server: RunningServer, path: string, headers: Record<string, string>, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method, path, headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

const assetsFolder = join(testBuild(), 'client', '_astro');
/** The largest script of the build, which surely has compressed copies. */
const script = readdirSync(assetsFolder)
  .filter((name) => name.endsWith('.js'))
  .sort((a, b) => statSync(join(assetsFolder, b)).size - statSync(join(assetsFolder, a)).size)[0]!;

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  server = await startServer({ demo: true });
  cookie = await signIn(server.url, 'head', 'demo');
});

describe('pages', () => {
  it('go out with brotli or gzip as the browser prefers, and plain to one that accepts neither', async () => {
    const plain = await send(server, '/team/', { cookie });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const html = plain.body.toString('utf8');
    expect(html).toContain('</html>');

    const br = await send(server, '/team/', { cookie, 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(html);
    expect(br.body.length).toBeLessThan(html.length / 3);

    const gzip = await send(server, '/team/', { cookie, 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(html);

    const refused = await send(server, '/team/', { cookie, 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.toString('utf8')).toBe(html);
  });

  it('keep their rules when compressed: no store in shared caches, and a sign-in still needed', async () => {
    const page = await send(server, '/docs/', { cookie, 'accept-encoding': 'br' });
    expect(page.headers['cache-control']).toBe('private, no-store');
    const anonymous = await send(server, '/docs/', { 'accept-encoding': 'br' });
    expect(anonymous.status).toBe(303);
  });
});

/** The folder of the head's index of the content served: the newest complete one built from the fixture. */
function headsIndex(): string {
  const newest = completeSearchIndexes(testBuild(), TEST_CONTENT)[0];
  if (!newest) throw new Error('no complete search index of the fixture');
  return join(newest, 'heads');
}

describe('the search index', () => {
  it('goes out compressed where that helps (its scripts), and its own compressed files as they are', async () => {
    const index = headsIndex();
    // The head's index: the one this session may read.
    const script = await send(server, '/pagefind/heads/pagefind.js', { cookie, 'accept-encoding': 'br' });
    expect(script.status).toBe(200);
    expect(script.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(script.body).equals(readFileSync(join(index, 'pagefind.js')))).toBe(true);
    const gzip = await send(server, '/pagefind/heads/pagefind.js', { cookie, 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const fragments = readdirSync(join(index, 'fragment'));
    const fragment = await send(server, `/pagefind/heads/fragment/${fragments[0]}`, { cookie, 'accept-encoding': 'br' });
    expect(fragment.status).toBe(200);
    expect(fragment.headers['content-encoding']).toBeUndefined();
    expect(fragment.body.equals(readFileSync(join(index, 'fragment', fragments[0]!)))).toBe(true);
  });
});

describe('hashed assets', () => {
  it('have brotli and gzip copies made at build, each the same file once decompressed', () => {
    const compressible = readdirSync(assetsFolder).filter((name) => /\.(js|css)$/.test(name) && statSync(join(assetsFolder, name)).size >= 1024);
    expect(compressible.length).toBeGreaterThan(0);
    for (const name of compressible) {
      const original = readFileSync(join(assetsFolder, name));
      expect(brotliDecompressSync(readFileSync(join(assetsFolder, `${name}.br`))).equals(original), name).toBe(true);
      expect(gunzipSync(readFileSync(join(assetsFolder, `${name}.gz`))).equals(original), name).toBe(true);
    }
  });

  it('are served from those copies, cached for a year, in the encoding the request prefers', async () => {
    const path = `/_astro/${script}`;
    const br = await send(server, path, { 'accept-encoding': 'gzip, br' });
    expect(br.status).toBe(200);
    expect(br.headers).toMatchObject({ 'content-encoding': 'br', 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' });
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.equals(readFileSync(join(assetsFolder, `${script}.br`)))).toBe(true);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);

    const gzip = await send(server, path, { 'accept-encoding': 'br;q=0.5, gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.equals(readFileSync(join(assetsFolder, `${script}.gz`)))).toBe(true);

    const head = await send(server, path, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);

    const plain = await send(server, path, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(readFileSync(join(assetsFolder, script)))).toBe(true);
  });

  it('never lead a request outside the assets folder', async () => {
    for (const path of [`/_astro/../server/entry.mjs`, `/_astro/%2e%2e/server/entry.mjs`, `/_astro/..%2Fserver%2Fentry.mjs`, `/_astro/${script}.br/../../server/entry.mjs`]) {
      const answer = await send(server, path, { 'accept-encoding': 'br' });
      expect(answer.status, path).not.toBe(200);
      expect(answer.body.toString('utf8'), path).not.toContain('import');
    }
  });
});
