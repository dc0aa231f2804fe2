import type { AstroIntegration } from 'astro';
import { buildSync } from 'esbuild';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Puts into every build the scripts the running server starts in processes and threads of their own,
 * beside the server:
 * - `search-indexer.mjs` (scripts/search-index.ts), which renders the pages and builds the search
 *   indexes whenever the server starts serving other content (src/server/search-indexing.ts);
 * - `word-import-worker.mjs` (src/server/word-import/worker.ts), which converts Word files off the
 *   thread that answers requests (src/server/word-import/in-worker.ts).
 *
 * They are bundled to plain JavaScript and run by Node itself: under a TypeScript loader, every one of
 * the built server's modules would pass through the loader's hooks. Packages stay outside the bundles
 * and resolve from the project's node_modules, so the build must stay inside the project folder.
 */
export function serverScripts(): AstroIntegration {
  let outDir = '';
  let root = '';
  const scripts = [
    { entry: ['scripts', 'search-index.ts'], out: 'search-indexer.mjs' },
    { entry: ['src', 'server', 'word-import', 'worker.ts'], out: 'word-import-worker.mjs' },
  ];
  return {
    name: 'salesbook:server-scripts',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        root = fileURLToPath(config.root);
      },
      // Astro empties its output folder first: never let that be a folder of builds a server may run from.
      'astro:build:start': () => {
        if (existsSync(join(outDir, 'current.json')) || existsSync(join(outDir, 'builds'))) {
          throw new Error(`${outDir} holds Salesbook's builds, which running servers use; build with \`npm run build\`, which builds beside them.`);
        }
      },
      'astro:build:done': ({ logger }) => {
        for (const script of scripts) {
          buildSync({
            entryPoints: [join(root, ...script.entry)],
            outfile: join(outDir, script.out),
            bundle: true,
            platform: 'node',
            format: 'esm',
            target: 'node22',
            packages: 'external',
            logLevel: 'warning',
          });
        }
        logger.info(`bundled ${scripts.map((s) => s.out).join(' and ')}`);
      },
    },
  };
}
