import type { AstroIntegration } from 'astro';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { contentFolder } from '../content-folder';

/**
 * After every build, builds the search indexes from the built server's pages (scripts/search-index.ts,
 * in its own process, so the built server never shares this one's module state). A failure fails the build.
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
        const result = spawnSync(
          process.execPath,
          ['--import', 'tsx', 'scripts/search-index.ts', '--dist', outDir, '--content', contentFolder()],
          { cwd: root, stdio: 'inherit', env: process.env },
        );
        if (result.status !== 0) throw new Error('Building the search index failed; see the message above.');
        logger.info('search index built');
      },
    },
  };
}
