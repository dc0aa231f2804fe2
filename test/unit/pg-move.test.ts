// npm run data:move: a data folder into an empty database and back, checked, and refusals that change nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import pg from 'pg';
import * as clock from '../../src/server/clock';
import { storeDataSchema } from '../../src/server/store/data';
import { moveDatabaseToFolder, moveFolderToDatabase, folderFiles } from '../../src/server/store/pg-move';
import { openStore, readStoreState } from '../../src/server/store/store';
import { demoCompany } from '../demo-company';
import { freshDatabase } from '../pg-cluster';
import { describeOnPostgres, pgDurable, testPostgres } from '../store-kinds';
import { openPgStore } from '../../src/server/store/pg-store';
import { TEST_AUDIT_KEY } from '../store-files';
import { tempDir } from '../temp';

const serverUrl = () => (testPostgres() as { url: string }).url;

/** A data folder holding the demo company, with a few audited changes in its journal and audit log. */
async function demoFolder(): Promise<string> {
  const folder = tempDir('salesbook-move-');
  const files = folderFiles(folder);
  const demo = demoCompany(clock.now());
  const store = await openStore({ path: files.store, lockPath: files.lock, backupsDir: join(folder, 'backups'), auditPath: files.audit, auditKey: TEST_AUDIT_KEY, seed: () => demo });
  for (const user of demo.users.slice(0, 3)) await store.record({ actor: user.id, action: 'user.sign-in', subject: `user:${user.id}`, details: {} });
  await store.mutate((d) => void (d.telegramOffset = 42), () => ({ actor: 'cli', action: 'test.change', subject: 'data', details: {} }));
  await store.close();
  return folder;
}

async function rowCount(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]!.n);
  } finally {
    await client.end();
  }
}

describeOnPostgres('moving the data', () => {
  it('takes the demo company from a folder into a database and back, with identical data and audit log', async () => {
    const folder = await demoFolder();
    const original = readStoreState(folderFiles(folder).store);
    expect(original.users.length).toBeGreaterThan(5);
    expect(original.acknowledgements.length).toBeGreaterThan(10);
    const url = await freshDatabase(serverUrl());
    const there = await moveFolderToDatabase(folder, url, TEST_AUDIT_KEY);
    expect(there.counts.users).toBe(original.users.length);
    expect(there.auditEntries).toBe(4);
    expect(await pgDurable(url)).toEqual(original);
    expect(await rowCount(url, 'sb_acknowledgements')).toBe(original.acknowledgements.length);

    // A server on the database reads the same data and goes on from its change count.
    const store = await openPgStore({ url, auditKey: TEST_AUDIT_KEY });
    expect(await store.read((d) => d)).toEqual(original);
    expect(store.generation).toBe(original.writes);
    await store.close();

    const back = tempDir('salesbook-back-');
    const report = await moveDatabaseToFolder(url, back, TEST_AUDIT_KEY);
    expect(report.counts).toEqual(there.counts);
    expect(readStoreState(folderFiles(back).store)).toEqual(original);
    expect(readFileSync(folderFiles(back).audit, 'utf8')).toBe(readFileSync(folderFiles(folder).audit, 'utf8'));
    expect(storeDataSchema.parse(JSON.parse(readFileSync(folderFiles(back).store, 'utf8')))).toEqual(original);
  });

  it('refuses a database that holds anything, and leaves it as it was', async () => {
    const folder = await demoFolder();
    const url = await freshDatabase(serverUrl());
    await moveFolderToDatabase(folder, url, TEST_AUDIT_KEY);
    const before = await pgDurable(url);
    await expect(moveFolderToDatabase(folder, url, TEST_AUDIT_KEY)).rejects.toThrow(/is not empty \(sb_values has \d+ rows\)/);
    expect(await pgDurable(url)).toEqual(before);
    expect(await rowCount(url, 'sb_audit')).toBe(4);
  });

  it('refuses a folder that holds data already, and a broken audit chain, moving nothing', async () => {
    const folder = await demoFolder();
    const url = await freshDatabase(serverUrl());
    await moveFolderToDatabase(folder, url, TEST_AUDIT_KEY);
    const taken = tempDir('salesbook-taken-');
    writeFileSync(folderFiles(taken).store, '{}');
    await expect(moveDatabaseToFolder(url, taken, TEST_AUDIT_KEY)).rejects.toThrow(/already holds data/);
    expect(readFileSync(folderFiles(taken).store, 'utf8')).toBe('{}');

    const broken = await demoFolder();
    const audit = folderFiles(broken).audit;
    writeFileSync(audit, readFileSync(audit, 'utf8').replace('user.sign-in', 'user.sign-out'));
    const empty = await freshDatabase(serverUrl());
    await expect(moveFolderToDatabase(broken, empty, TEST_AUDIT_KEY)).rejects.toThrow(/audit log .* is broken at line/);
    expect(existsSync(folderFiles(broken).lock)).toBe(false);
    const client = new pg.Client({ connectionString: empty });
    await client.connect();
    expect((await client.query(`select to_regclass('sb_values') as t`)).rows[0].t).toBeNull();
    await client.end();
  });

  it('refuses to move a folder a server is using', async () => {
    const folder = await demoFolder();
    const files = folderFiles(folder);
    const store = await openStore({ path: files.store, lockPath: files.lock, backupsDir: join(folder, 'backups'), auditPath: files.audit, auditKey: TEST_AUDIT_KEY });
    try {
      await expect(moveFolderToDatabase(folder, await freshDatabase(serverUrl()), TEST_AUDIT_KEY)).rejects.toThrow(/already uses this data folder/);
    } finally {
      await store.close();
    }
  });
});
