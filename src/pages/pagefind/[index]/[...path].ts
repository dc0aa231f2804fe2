import type { APIRoute } from 'astro';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { bundleFile } from '../../../server/http/search-files';

// The Pagefind bundle, only for signed-in people and only their own index: the middleware answers
// 401 to anonymous requests and 404 for someone else's index before this runs (src/domain/routes.ts).
export const GET: APIRoute = ({ params, request }) => {
  const index = params.index === 'heads' ? 'heads' : 'staff';
  const file = bundleFile(index, params.path ?? '');
  if (!file) return new Response('Not found', { status: 404, headers: { 'cache-control': 'private, no-store' } });
  const etag = `"${file.size.toString(36)}-${Math.trunc(file.mtimeMs).toString(36)}"`;
  // Revalidate every time: a browser keeps the files, but the server checks the session on each use.
  const headers = {
    'content-type': file.contentType,
    'cache-control': 'private, no-cache',
    etag,
    'x-content-type-options': 'nosniff',
  };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
  return new Response(body, { headers: { ...headers, 'content-length': String(file.size) } });
};
