import type { APIRoute } from 'astro';

// The tab icon every page links to (src/layouts/Base.astro): an open book. Without a link of its
// own a browser asks for /favicon.ico on every page and gets 404.
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#1f5fbf"/>
<path d="M6 9c3.5-1 7-.6 10 1.4V25c-3-2-6.5-2.4-10-1.4zM26 9c-3.5-1-7-.6-10 1.4V25c3-2 6.5-2.4 10-1.4z" fill="#fff"/>
</svg>
`;

export const GET: APIRoute = () =>
  new Response(ICON, {
    headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'public, max-age=86400' },
  });
