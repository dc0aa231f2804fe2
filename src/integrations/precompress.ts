import type { AstroIntegration } from 'astro';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { COMPRESSIBLE_ASSET_TYPES } from '../../scripts/compressed-answers.mjs';

/** Below this size a compressed copy saves less than the headers it costs. */
const MIN_BYTES = 1024;

/**
 * After every build, writes a brotli (.br) and a gzip (.gz) copy beside each hashed asset (scripts,
 * styles, icons) at the strongest settings: they are made once and served for a year, so the server
 * never compresses them per request (scripts/compressed-answers.mjs serves them).
 */
export function precompress(): AstroIntegration {
  let client = '';
  let assetsDir = '_astro';
  return {
    name: 'salesbook:precompress',
    hooks: {
      'astro:config:done': ({ config }) => {
        client = fileURLToPath(config.build.client);
        assetsDir = config.build.assets;
      },
      'astro:build:done': ({ logger }) => {
        const folder = join(client, assetsDir);
        let files = 0;
        let before = 0;
        let after = 0;
        for (const name of readdirSync(folder)) {
          const path = join(folder, name);
          if (!(extname(name) in COMPRESSIBLE_ASSET_TYPES) || statSync(path).size < MIN_BYTES) continue;
          const body = readFileSync(path);
          const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
          writeFileSync(`${path}.br`, br);
          writeFileSync(`${path}.gz`, gzipSync(body, { level: constants.Z_BEST_COMPRESSION }));
          files += 1;
          before += body.length;
          after += br.length;
        }
        logger.info(`${files} assets precompressed: ${Math.round(before / 1024)} KB, ${Math.round(after / 1024)} KB with brotli`);
      },
    },
  };
}
