import type { APIRoute } from 'astro';
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { docById, docMediaFile, visibleDocById } from '../../../../content';
import { draftMediaPath } from '../../../../server/records/draft-media';
import { draftOf } from '../../../../server/records/drafts';
import { services } from '../../../../server/services';
import { MEDIA_NAME } from '../../../../server/store/data';
import { mayEdit } from '../../../../server/views/editor';

// A document's image (docs/_media/<doc>/<name>), for those who may read the document; and, for those
// who may edit it, the images of its draft imported from a Word file before they are published.
// Anything else is the 404 of an image that does not exist.

const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

export const GET: APIRoute = async ({ params, locals, request }) => {
  const id = params.id ?? '';
  const name = params.name ?? '';
  const notFound = () => new Response('Not found', { status: 404, headers: { 'cache-control': 'private, no-store' } });
  if (!MEDIA_NAME.test(name) || !/^[a-z0-9][a-z0-9-]*$/.test(id)) return notFound();
  const user = locals.user!;

  let path: string | undefined;
  if (await mayEdit(user, (await docById(id))?.data.owner)) {
    const draft = await draftOf((await services()).store, 'docs', id);
    if (draft?.source?.media.includes(name)) path = draftMediaPath(draft.id, name);
  }
  if (!path && (await visibleDocById(id, user))) path = docMediaFile(id, name);
  if (!path) return notFound();

  const { size, mtimeMs } = statSync(path);
  // The name is a hash of the bytes, but who may see a file can change: check the session on each use.
  const etag = `"${name.split('.')[0]}-${size.toString(36)}-${Math.trunc(mtimeMs).toString(36)}"`;
  const headers = {
    'content-type': TYPES[name.split('.').at(-1)!]!,
    'cache-control': 'private, no-cache',
    etag,
    'x-content-type-options': 'nosniff',
  };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return new Response(body, { headers: { ...headers, 'content-length': String(size) } });
};
