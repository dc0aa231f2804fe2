import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

// The layer rules of .dependency-cruiser.cjs (docs/ARCHITECTURE.md, "Layers"), as `npm run check` runs them.
const ROOT = resolve(import.meta.dirname, '../..');

async function violations(baseDir: string, withTsConfig: boolean) {
  const options = await extractDepcruiseOptions(resolve(ROOT, '.dependency-cruiser.cjs'));
  const transpile = withTsConfig ? { tsConfig: extractTSConfig(resolve(ROOT, 'tsconfig.json')) } : {};
  const { output } = await cruise(['src'], { ...options, baseDir }, undefined, transpile);
  return (output as ICruiseResult).summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('the layers', () => {
  it('hold in Salesbook’s own code: no import goes the wrong way', async () => {
    expect(await violations(ROOT, true)).toEqual([]);
  }, 60_000);

  it('are enforced: each wrong-way import of a deliberately broken tree is named', async () => {
    expect(await violations(resolve(ROOT, 'test/fixtures/layers'), false)).toEqual([
      'domain-is-pure-logic: src/domain/rule.ts → src/server/store.ts',
      'islands-run-in-the-browser: src/islands/Widget.tsx → src/server/store.ts',
      'pure-code-has-no-io: src/domain/rule.ts → fs',
      'schemas-are-the-bottom: src/schemas/thing.ts → src/domain/rule.ts',
    ]);
  });
});

describe('components and layouts', () => {
  /** Every .astro file under a folder of src. */
  const astroFiles = (folder: string): string[] =>
    readdirSync(resolve(ROOT, 'src', folder), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.astro'))
      .map((name) => join('src', folder, name));

  it('receive their data: none opens the store or reads records itself (the .astro files the rules cannot read)', () => {
    const files = [...astroFiles('components'), ...astroFiles('layouts')];
    expect(files.length).toBeGreaterThan(10);
    // Types are welcome; the services, the store and records are not (without them a read model has no store to read).
    const opening = files.filter((file) => /^import (?!type )[^;]*from '(\.\.\/)+server\/(services|store\/|records\/)/m.test(readFileSync(resolve(ROOT, file), 'utf8')));
    expect(opening.map((file) => relative('.', file))).toEqual([]);
  });
});
