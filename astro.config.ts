import node from '@astrojs/node';
import preact from '@astrojs/preact';
import { defineConfig } from 'astro/config';
import { precompress } from './src/integrations/precompress';
import { serverScripts } from './src/integrations/server-scripts';
import { SMALL_BODY_BYTES, UPLOAD_BODY_BYTES } from './src/domain/routes';
import { SESSION_COOKIE } from './src/server/config';

// Content is not part of the build: the server reads and checks the content folder when it starts and
// whenever it changes (src/content-store). One build serves any content folder.
export default defineConfig({
  output: 'server',
  outDir: process.env.SALESBOOK_DIST || './dist',
  // Pages are small and rendered from memory: one write per response beats streaming many small chunks.
  // Request bodies: the middleware holds each route to its own limit (src/domain/routes.ts); this is the ceiling.
  adapter: node({ mode: 'standalone', bodySizeLimit: UPLOAD_BODY_BYTES, experimentalDisableStreaming: true }),
  integrations: [preact(), serverScripts(), precompress()],
  server: { port: 4321, host: '127.0.0.1' },
  security: {
    checkOrigin: true,
    // Behind a proxy trusted with SALESBOOK_TRUST_PROXY=1 the request is as the proxy says (https, its
    // host), so that a browser's origin matches; without it scripts/serve.mjs removes those headers.
    allowedDomains: [{}],
    actionBodySizeLimit: SMALL_BODY_BYTES,
    // Each page is sent a Content-Security-Policy header with the hashes of the inline scripts and
    // styles Astro rendered into it (island hydration, small bundled scripts): the portal's own and
    // nothing else. No page may be framed. Pagefind runs its search as WebAssembly.
    csp: {
      directives: ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      // Named so that a page adding a nonce (the editor's, for CodeMirror's style element) keeps 'self'.
      styleDirective: { resources: ["'self'"] },
    },
  },
  session: {
    // Session files live under the data folder, which is chosen at run time (SALESBOOK_DATA).
    driver: { entrypoint: new URL('./src/server/http/session-driver.ts', import.meta.url) },
    // Over https the middleware renames it __Host-salesbook_session, Secure, per request.
    cookie: { name: SESSION_COOKIE, sameSite: 'lax', secure: false },
    ttl: 12 * 60 * 60,
  },
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
  prefetch: false,
});
