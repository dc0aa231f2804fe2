import type { APIRoute } from 'astro';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { bundleFile, searchIndexFor } from '../../../server/http/search-files';

// The Pagefind bundle, only for signed-in people and only their own index. Middleware answers 401
// to anonymous requests before this runs; this route answers 404 for someone else's index.
export const GET: APIRoute = ({ params, locals, request }) => {
  const user = locals.user;
  if (!user) return new Response('Sign-in required', { status: 401 });
  const index = searchIndexFor(user);
  const file = params.index === index ? bundleFile(index, params.path ?? '') : undefined;
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
