import type { AstroIntegration } from 'astro';
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentFolder } from '../content-folder';

/**
 * After every build, builds the search indexes from the built server's pages (scripts/search-index.ts,
 * in its own process, so the built server never shares this one's module state). A failure fails the build.
 *
 * The script is bundled to plain JavaScript first and run by Node itself: under a TypeScript loader,
 * every one of the built server's modules (one per content page) would pass through the loader's
 * hooks, which costs seconds on a large handbook. Packages stay outside the bundle.
 */
export function searchIndex(): AstroIntegration {
  let outDir = '';
  let root = '';
  return {
    name: 'salesbook:search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        root = fileURLToPath(config.root);
      },
      'astro:build:done': ({ logger }) => {
        // Inside node_modules, so that the bundle finds the project's packages; one per build process,
        // so that builds running side by side (tests) never run each other's half-written bundle.
        const script = join(root, 'node_modules', '.cache', 'salesbook', `search-index-${process.pid}.mjs`);
        buildSync({
          entryPoints: [join(root, 'scripts', 'search-index.ts')],
          outfile: script,
          bundle: true,
          platform: 'node',
          format: 'esm',
          target: 'node22',
          packages: 'external',
          logLevel: 'warning',
        });
        const result = spawnSync(process.execPath, [script, '--dist', outDir, '--content', contentFolder()], { cwd: root, stdio: 'inherit', env: process.env });
        rmSync(script, { force: true });
        if (result.status !== 0) throw new Error('Building the search index failed; see the message above.');
        logger.info('search index built');
      },
    },
  };
}
