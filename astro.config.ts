import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import { defineConfig } from 'astro/config';
import { contentCheck } from './src/integrations/content-check';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone', bodySizeLimit: 256 * 1024 }),
  integrations: [contentCheck(), mdx(), preact()],
  server: { port: 4321, host: '127.0.0.1' },
  security: { checkOrigin: true, actionBodySizeLimit: 64 * 1024 },
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
  prefetch: false,
});
