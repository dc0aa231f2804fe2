// The server refuses to start on data it cannot trust, says why and where, and leaves the file alone.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '../../src/server/store/data';
import { seedData } from './seed';
import { cleanUp, get, startExpectingFailure, startServer, stopAllServers, tempDataDir } from './server';

afterEach(stopAllServers);
afterAll(cleanUp);

const storePath = (dataDir: string) => join(dataDir, 'salesbook.json');

async function validJson(): Promise<string> {
  return JSON.stringify((await seedData(2)).data, null, 2);
}

/** Writes `content` as the data file, starts the server, and checks the refusal. */
async function expectRefusal(content: string | Buffer, problem: string | RegExp) {
  const dataDir = tempDataDir('salesbook-startup-');
  const path = storePath(dataDir);
  writeFileSync(path, content);
  const before = readFileSync(path);
  const refusal = await startExpectingFailure({ data: dataDir });
  expect(refusal.code, refusal.output).not.toBe(0);
  expect(refusal.code).not.toBeNull();
  expect(refusal.output).toContain(`Salesbook cannot start: the data file ${path}`);
  if (typeof problem === 'string') expect(refusal.output).toContain(problem);
  else expect(refusal.output).toMatch(problem);
  expect(refusal.output).not.toContain('Server listening');
  expect(readFileSync(path).equals(before), 'the data file is byte-for-byte untouched').toBe(true);
  // A refused start does not keep the folder locked.
  expect(existsSync(join(dataDir, 'salesbook.json.lock'))).toBe(false);
  return refusal;
}

describe('refuses a broken data file and leaves it as it is', () => {
  it('an empty file', async () => {
    await expectRefusal('', 'is empty. It was probably cut short by a crash');
  });

  it('a file of blanks', async () => {
    await expectRefusal('  \n\n', 'is empty.');
  });

  it('a truncated JSON file', async () => {
    const text = await validJson();
    await expectRefusal(text.slice(0, Math.floor(text.length / 2)), /is not valid JSON \(.+\); it may be truncated/);
  });

  it('a file containing null', async () => {
    await expectRefusal('null', 'holds null instead of Salesbook data');
  });

  it('an object without a data version, such as {}', async () => {
    await expectRefusal('{}', 'holds no data version ("schemaVersion"), so it is not Salesbook data');
    await expectRefusal(JSON.stringify({ users: [] }), 'holds no data version');
  });

  it('a schema-invalid file', async () => {
    const data = JSON.parse(await validJson());
    data.users[1].appRole = 'boss';
    delete data.users[2].passwordHash;
    const refusal = await expectRefusal(JSON.stringify(data), 'does not hold valid Salesbook data');
    expect(refusal.output).toContain('users.1.appRole');
    expect(refusal.output).toContain('users.2.passwordHash');
  });

  it('a file from a newer schema version', async () => {
    const data = JSON.parse(await validJson());
    data.schemaVersion = 99;
    await expectRefusal(JSON.stringify(data), `it was written by a newer Salesbook (data version 99; this one reads up to ${CURRENT_SCHEMA_VERSION})`);
  });
});

describe('the journal beside the data file', () => {
  it('a whole last line that cannot be read stops the start, says what to do, and leaves both files', async () => {
    const dataDir = tempDataDir('salesbook-startup-');
    writeFileSync(storePath(dataDir), await validJson());
    const journal = join(dataDir, 'salesbook.json.journal');
    writeFileSync(journal, '{"seq":1,"ops":[["push","users",[{"id":"x"}]]],"broken\n');
    const before = readFileSync(journal);
    const refusal = await startExpectingFailure({ data: dataDir });
    expect(refusal.output).toContain(`Salesbook cannot start: the journal ${journal} cannot be read at line 1`);
    expect(refusal.output).toContain('delete that line and start again');
    expect(readFileSync(journal).equals(before)).toBe(true);
  });

  it('a last line cut short is left out, and the log says what was dropped', async () => {
    const dataDir = tempDataDir('salesbook-startup-');
    writeFileSync(storePath(dataDir), await validJson());
    writeFileSync(join(dataDir, 'salesbook.json.journal'), '{"seq":1,"ops":[["push","us');
    const server = await startServer({ data: dataDir });
    expect(server.output()).toContain('line 1 of the journal');
    expect(server.output()).toContain('was cut short by a crash (27 bytes, no line end');
  });
});

describe('refuses a data folder it must not use', () => {
  it('a second server on the same data folder names the process holding it', async () => {
    const dataDir = tempDataDir('salesbook-startup-');
    const first = await startServer({ data: dataDir, demo: true });
    const lock = join(dataDir, 'salesbook.json.lock');
    const lockBefore = readFileSync(lock, 'utf8');
    const dataBefore = readFileSync(storePath(dataDir));
    expect(JSON.parse(lockBefore).pid).toBe(first.process.pid);

    const second = await startExpectingFailure({ data: dataDir, demo: true });
    expect(second.code).not.toBe(0);
    expect(second.code).not.toBeNull();
    expect(second.output).toContain(`another Salesbook process (pid ${first.process.pid},`);
    expect(second.output).toContain(lock);
    // The first keeps its lock, its data and its service.
    expect(readFileSync(lock, 'utf8')).toBe(lockBefore);
    expect(readFileSync(storePath(dataDir)).equals(dataBefore)).toBe(true);
    expect((await get(first.url, '/login')).status).toBe(200);
    await first.stop();
    expect(existsSync(lock)).toBe(false);
  });

  it('a missing data file when backups exist', async () => {
    const dataDir = tempDataDir('salesbook-startup-');
    const first = await startServer({ data: dataDir, demo: true });
    await first.stop();
    rmSync(storePath(dataDir));

    const refusal = await startExpectingFailure({ data: dataDir, demo: true });
    expect(refusal.code).not.toBe(0);
    expect(refusal.code).not.toBeNull();
    expect(refusal.output).toContain(`Salesbook cannot start: the data file ${storePath(dataDir)} is missing, but backups exist in ${join(dataDir, 'backups')}`);
    // It did not start over with empty (or demo) data.
    expect(existsSync(storePath(dataDir))).toBe(false);
  });

  // A crash, then a restart that gets the same pid (as PID 1 in a container does): the lock names
  // this very pid but this process does not hold it, so it is a leftover and is taken over.
  it('a stale lock left with the pid this process happens to get is taken over', async () => {
    const dataDir = tempDataDir('salesbook-startup-');
    const crashed = await startServer({ data: dataDir, demo: true });
    await crashed.kill9();
    // Rewrite the dead server's lock so that it names the pid the next server will have.
    const preload = join(dataDir, 'same-pid-lock.mjs');
    writeFileSync(
      preload,
      `import { writeFileSync } from 'node:fs';\nimport { hostname } from 'node:os';\n` +
        `writeFileSync(${JSON.stringify(join(dataDir, 'salesbook.json.lock'))}, JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));\n`,
    );
    const restarted = await startServer({ data: dataDir, nodeArgs: ['--import', preload] });
    expect((await get(restarted.url, '/login')).status).toBe(200);
  });

  it('without an audit key outside demo mode, or with its key file in the data folder', async () => {
    const dataDir = tempDataDir('salesbook-startup-');
    const keyless = await startExpectingFailure({ data: dataDir, env: { SALESBOOK_AUDIT_KEY: '' } });
    expect(keyless.output).toContain('Salesbook cannot start: there is no key for the audit log. Set SALESBOOK_AUDIT_KEY');
    writeFileSync(join(dataDir, 'audit.key'), `${'k'.repeat(64)}\n`);
    const inside = await startExpectingFailure({ data: dataDir, env: { SALESBOOK_AUDIT_KEY: '', SALESBOOK_AUDIT_KEY_FILE: join(dataDir, 'audit.key') } });
    expect(inside.output).toContain(`the audit key file ${join(dataDir, 'audit.key')} is inside the data folder`);
    expect(existsSync(storePath(dataDir))).toBe(false);
    // A key file outside the data folder does.
    const keyFile = join(tempDataDir('salesbook-key-'), 'audit.key');
    writeFileSync(keyFile, `${'k'.repeat(64)}\n`);
    const server = await startServer({ data: dataDir, env: { SALESBOOK_AUDIT_KEY: '', SALESBOOK_AUDIT_KEY_FILE: keyFile } });
    expect((await get(server.url, '/login')).status).toBe(200);
  });

  it('a missing data file with no backups is a first start', async () => {
    const dataDir = tempDataDir('salesbook-startup-');
    const server = await startServer({ data: dataDir });
    expect(JSON.parse(readFileSync(storePath(dataDir), 'utf8'))).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, users: [] });
    expect(server.output()).toContain('there is no head of sales yet');
  });
});
