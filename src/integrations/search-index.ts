import type { AstroIntegration } from 'astro';
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Puts the search indexer (scripts/search-index.ts) into every build as `search-indexer.mjs`, beside
 * the server it renders pages with. The running server runs it whenever it starts serving other
 * content (src/server/search-indexing.ts).
 *
 * The indexer is bundled to plain JavaScript and run by Node itself: under a TypeScript loader,
 * every one of the built server's modules would pass through the loader's hooks. Packages stay
 * outside the bundle and resolve from the project's node_modules, so the build must stay inside
 * the project folder.
 */
export function searchIndexer(): AstroIntegration {
  let outDir = '';
  let root = '';
  return {
    name: 'salesbook:search-indexer',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        root = fileURLToPath(config.root);
      },
      'astro:build:done': ({ logger }) => {
        buildSync({
          entryPoints: [join(root, 'scripts', 'search-index.ts')],
          outfile: join(outDir, 'search-indexer.mjs'),
          bundle: true,
          platform: 'node',
          format: 'esm',
          target: 'node22',
          packages: 'external',
          logLevel: 'warning',
        });
        logger.info('search indexer bundled');
      },
    },
  };
}
