import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import { defineConfig } from 'astro/config';
import { createHash } from 'node:crypto';
import { contentCheck } from './src/integrations/content-check';
import { serverOnlyBuild } from './src/integrations/server-only-build';
import { precompress } from './src/integrations/precompress';
import { searchIndex } from './src/integrations/search-index';
import { contentFolder } from './src/content-folder';
import { SESSION_COOKIE } from './src/server/config';

// Astro caches synced content; a cache per content folder keeps a fixture build from reusing the demo's.
const contentKey = createHash('sha1').update(contentFolder()).digest('hex').slice(0, 10);

export default defineConfig({
  output: 'server',
  cacheDir: `./node_modules/.astro/${contentKey}`,
  outDir: process.env.SALESBOOK_DIST || './dist',
  // Pages are small and rendered from memory: one write per response beats streaming many small chunks.
  adapter: node({ mode: 'standalone', bodySizeLimit: 256 * 1024, experimentalDisableStreaming: true }),
  integrations: [contentCheck(), serverOnlyBuild(), mdx(), preact(), searchIndex(), precompress()],
  server: { port: 4321, host: '127.0.0.1' },
  security: { checkOrigin: true, actionBodySizeLimit: 64 * 1024 },
  session: {
    // Session files live under the data folder, which is chosen at run time (SALESBOOK_DATA).
    driver: { entrypoint: new URL('./src/server/http/session-driver.ts', import.meta.url) },
    // Secure is added per request by the middleware when the portal is reached over https.
    cookie: { name: SESSION_COOKIE, sameSite: 'lax', secure: false },
    ttl: 12 * 60 * 60,
  },
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
  prefetch: false,
});
