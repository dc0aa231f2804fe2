// Starlight on the same generated documents, installed from the npm registry in a temporary folder,
// so that the build ratio is measured on this machine in this run, not assumed.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeStarlightDocs, type GeneratedDoc } from './corpus';
import { folderSize, runMeasured } from './measure';
import { ROOT } from './server';

export interface StarlightFigures {
  starlight: string;
  astro: string;
  documents: number;
  wallS: number;
  peakMemoryMb: number;
  pagesPerS: number;
  outputMb: number;
}

/** The Astro version Salesbook builds with, so both sides use the same one. */
const ourAstro = () => (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'astro', 'package.json'), 'utf8')) as { version: string }).version;

export async function buildWithStarlight(dir: string, docs: GeneratedDoc[], version = '0.42'): Promise<StarlightFigures> {
  const astro = ourAstro();
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'salesbook-bench-starlight', private: true, type: 'module', dependencies: { '@astrojs/starlight': `~${version}.0`, astro } }, null, 2),
  );
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    [
      "import starlight from '@astrojs/starlight';",
      "import { defineConfig } from 'astro/config';",
      'export default defineConfig({',
      "  integrations: [starlight({ title: 'Книга продаж', defaultLocale: 'root', locales: { root: { label: 'Русский', lang: 'ru' } } })],",
      '  telemetry: false,',
      '});',
    ].join('\n'),
  );
  writeStarlightDocs(dir, docs);
  writeFileSync(
    join(dir, 'src', 'content.config.ts'),
    [
      "import { defineCollection } from 'astro:content';",
      "import { docsLoader } from '@astrojs/starlight/loaders';",
      "import { docsSchema } from '@astrojs/starlight/schema';",
      'export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };',
    ].join('\n'),
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], timeout: 10 * 60_000 });
  const installed = (name: string) => (JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  const run = await runMeasured(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    cwd: dir,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    timeoutMs: 20 * 60_000,
  });
  if (run.code !== 0) throw new Error(`The Starlight build failed (exit ${run.code}):\n${run.output.slice(-4000)}`);
  return {
    starlight: installed('@astrojs/starlight'),
    astro: installed('astro'),
    documents: docs.length,
    wallS: run.wallMs / 1000,
    peakMemoryMb: run.peakRssBytes / 1024 / 1024,
    pagesPerS: docs.length / (run.wallMs / 1000),
    outputMb: folderSize(join(dir, 'dist')).bytes / 1024 / 1024,
  };
}
