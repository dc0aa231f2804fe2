// The command-line tools with SALESBOOK_DATABASE_URL: npm run data:move both ways, backup and restore
// saying to use pg_dump, audit:verify on the database's log, users beside the data there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import * as clock from '../../src/server/clock';
import { openStore, readStoreState } from '../../src/server/store/store';
import { folderFiles } from '../../src/server/store/pg-move';
import { demoCompany } from '../demo-company';
import { freshDatabase } from '../pg-cluster';
import { describeOnPostgres, pgDurable, testPostgres } from '../store-kinds';
import { TEST_AUDIT_KEY } from '../store-files';
import { tempDir } from '../temp';

const tsx = resolve('node_modules/tsx/dist/cli.mjs');

function run(script: string, args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SALESBOOK_')));
  const result = spawnSync(process.execPath, [tsx, `scripts/${script}.ts`, ...args], {
    env: { ...clean, SALESBOOK_CONTENT: resolve('test/fixtures/content'), SALESBOOK_AUDIT_KEY: TEST_AUDIT_KEY.toString(), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

async function demoFolder(): Promise<string> {
  const folder = tempDir('salesbook-cli-move-');
  const files = folderFiles(folder);
  const demo = demoCompany(clock.now());
  const store = await openStore({ path: files.store, lockPath: files.lock, backupsDir: join(folder, 'backups'), auditPath: files.audit, auditKey: TEST_AUDIT_KEY, seed: () => demo });
  await store.record({ actor: 'cli', action: 'test.entry', subject: 'data', details: {} });
  await store.close();
  return folder;
}

describeOnPostgres('the command-line tools on PostgreSQL', () => {
  it('data:move copies the data folder into an empty database, refuses a second time, and copies it back', async () => {
    const folder = await demoFolder();
    const url = await freshDatabase((testPostgres() as { url: string }).url);
    const there = run('data-move', ['--to', url], { SALESBOOK_DATA: folder });
    expect(there.err).toBe('');
    expect(there.status).toBe(0);
    expect(there.out).toMatch(/Moved into 127\.0\.0\.1:\d+\/salesbook_test_\w+ and checked: every record read back the same \(users \d+, acknowledgements \d+/);
    expect(there.out).toContain('audit log: 1 entries, chain intact');
    expect(await pgDurable(url)).toEqual(readStoreState(folderFiles(folder).store));

    const again = run('data-move', ['--to', url], { SALESBOOK_DATA: folder });
    expect(again.status).toBe(1);
    expect(again.err).toMatch(/^Nothing was moved: the database .* is not empty \(sb_values has \d+ rows\)/);

    const back = join(tempDir('salesbook-cli-back-'), 'data');
    const home = run('data-move', ['--from', url, '--to', back], {});
    expect(home.status).toBe(0);
    expect(readStoreState(folderFiles(back).store)).toEqual(readStoreState(folderFiles(folder).store));

    const usage = run('data-move', ['--from', url], {});
    expect(usage.status).toBe(1);
    expect(usage.err).toContain('Say where the data goes with --to.');
  });

  it('backup and restore say to use pg_dump and change nothing; audit:verify and users work on the database', async () => {
    const folder = await demoFolder();
    const url = await freshDatabase((testPostgres() as { url: string }).url);
    expect(run('data-move', ['--to', url], { SALESBOOK_DATA: folder }).status).toBe(0);
    const data = tempDir('salesbook-cli-pg-data-');
    const env = { SALESBOOK_DATABASE_URL: url, SALESBOOK_DATA: data };

    const backup = run('backup', [], env);
    expect(backup.status).toBe(1);
    expect(backup.err).toContain('pg_dump --format=custom');
    expect(backup.err).not.toContain(url);
    expect(existsSync(join(data, 'backups'))).toBe(false);
    const restore = run('restore', ['anything'], env);
    expect(restore.status).toBe(1);
    expect(restore.err).toContain('pg_restore');

    const added = run('users', ['add', '--login', 'novikova', '--name', 'Мария Новикова', '--role', 'employee', '--position', 'trainee'], env);
    expect(added.err).toBe('');
    expect(added.status).toBe(0);
    expect((await pgDurable(url)).users.some((u) => u.login === 'novikova')).toBe(true);

    const verified = run('audit-verify', [], env);
    expect(verified.status).toBe(0);
    expect(verified.out).toMatch(/^Audit log intact: 2 entries/);
  });
});
