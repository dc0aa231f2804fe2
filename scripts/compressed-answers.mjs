// Every answer that can be smaller goes out compressed, whether or not a proxy stands in front:
// - hashed assets (/_astro/…) from the brotli and gzip copies made at build (src/integrations/precompress.ts);
// - everything else (pages, action answers, CSV, the search index's JSON and scripts) compressed as it
//   streams, with brotli or gzip as the browser asks, by the `compression` middleware.
import compression from 'compression';
import Negotiator from 'negotiator';
import { existsSync, readdirSync, statSync, createReadStream } from 'node:fs';
import { extname, join } from 'node:path';

/** The hashed assets that have compressed copies, by extension, with the type they are served as. */
export const COMPRESSIBLE_ASSET_TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

const COPIES = [
  ['br', '.br'],
  ['gzip', '.gz'],
];

/**
 * Serves a hashed asset's precompressed copy in the encoding the request prefers; answers false (and
 * leaves the request alone) for anything else. Only names listed in the assets folder at start are
 * served, so no path from a request ever reaches the file system.
 */
export function precompressedAssets(clientDir, assetsDir = '_astro') {
  const folder = join(clientDir, assetsDir);
  const assets = new Map();
  if (existsSync(folder)) {
    for (const name of readdirSync(folder)) {
      const type = COMPRESSIBLE_ASSET_TYPES[extname(name)];
      if (!type) continue;
      const copies = {};
      for (const [encoding, suffix] of COPIES) {
        const path = join(folder, name + suffix);
        if (existsSync(path)) copies[encoding] = { path, size: statSync(path).size };
      }
      if (Object.keys(copies).length > 0) assets.set(`/${assetsDir}/${name}`, { type, copies });
    }
  }
  return function servePrecompressed(request, response) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const url = request.url ?? '';
    const query = url.indexOf('?');
    const asset = assets.get(query === -1 ? url : url.slice(0, query));
    if (!asset) return false;
    // Whatever is chosen, the answer depends on Accept-Encoding.
    response.setHeader('Vary', 'Accept-Encoding');
    // Among encodings the request likes equally, the smallest: brotli, then gzip.
    const encoding = new Negotiator(request).encoding([...Object.keys(asset.copies), 'identity'], { preferred: ['br', 'gzip', 'identity'] });
    const copy = encoding && encoding !== 'identity' ? asset.copies[encoding] : undefined;
    if (!copy) return false; // The plain file, from Astro's static handler.
    response.writeHead(200, {
      'content-type': asset.type,
      'content-encoding': encoding,
      'content-length': copy.size,
      'cache-control': 'public, max-age=31536000, immutable',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(copy.path).pipe(response);
    return true;
  };
}

/**
 * Compresses an answer as it streams when its type is worth it and the browser accepts it, with
 * brotli at quality 4 (as fast as gzip). Types not worth it (images, Pagefind's index files, which
 * are compressed already) and answers already encoded pass through as they are.
 */
export function compressAnswers() {
  return compression();
}
