import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../temp';

it('npm run build stops on bad content, naming the file, the field and the fix', () => {
  const dir = tempDir('salesbook-bad-');
  const content = join(dir, 'content');
  cpSync(resolve('test/fixtures/content'), content, { recursive: true });
  const doc = join(content, 'docs/lead-handling.mdx');
  writeFileSync(doc, readFileSync(doc, 'utf8').replace('owner: head-of-sales', 'owner: rop'));
  const dist = join(dir, 'dist');
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', dist], {
    env: { ...process.env, SALESBOOK_CONTENT: content, SALESBOOK_DIST: dist },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(result.status).not.toBe(0);
  expect(result.stdout + result.stderr).toContain('docs/lead-handling.mdx › owner: нет роли «rop». Есть: head-of-sales, manager, trainee.');
  expect(existsSync(join(dist, 'server', 'entry.mjs'))).toBe(false);
});
