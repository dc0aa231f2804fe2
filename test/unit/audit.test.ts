// The audit log: written by the store in the same journal line as the change it describes, chained
// line to line, brought up to date from the journal when its own writes fail or are cut short.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../temp';
import { verifyAuditLog, type AuditInput } from '../../src/server/store/audit';
import { emptyStore, type StoredUser } from '../../src/server/store/data';
import { journalPaths } from '../../src/server/store/journal';
import { openStore, readStoreState, type OpenStoreOptions, type Store } from '../../src/server/store/store';
import { storedPerson, storeFileBytes, TEST_AUDIT_KEY } from '../store-files';

const opened: Store[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
  vi.restoreAllMocks();
});

function folder(): OpenStoreOptions & { audit: string } {
  const dir = tempDir('salesbook-audit-');
  return { path: join(dir, 'salesbook.json'), lockPath: join(dir, 'salesbook.json.lock'), backupsDir: join(dir, 'backups'), audit: join(dir, 'audit.jsonl'), auditKey: TEST_AUDIT_KEY };
}

async function open(options: OpenStoreOptions) {
  const store = await openStore(options);
  opened.push(store);
  return store;
}

/** The folder as kill -9 would leave it now, lock aside, audit log included. */
function crashCopy(options: ReturnType<typeof folder>) {
  const copy = folder();
  copyFileSync(options.path, copy.path);
  for (const [from, to] of [
    [journalPaths(options.path).current, journalPaths(copy.path).current],
    [options.audit, copy.audit],
  ] as const) {
    if (existsSync(from)) copyFileSync(from, to);
  }
  return copy;
}

const person = storedPerson;

const added = (user: StoredUser): AuditInput => ({ actor: 'u1', action: 'user.add', subject: `user:${user.id}`, details: { login: user.login } });
const addPerson = (store: Store, login: string) =>
  store.mutate((d) => {
    const user = person(login);
    d.users.push(user);
    return user;
  }, added);
const auditLines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { action: string; subject: string });

describe('the audit log', () => {
  it('chains every entry to the one before, even when changes come concurrently', async () => {
    const options = folder();
    const store = await open(options);
    await Promise.all(Array.from({ length: 20 }, (_, i) => addPerson(store, `p${i}`)));
    const text = readFileSync(options.audit, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(20);
    expect(JSON.parse(text.split('\n')[0]!).prev).toBe('0'.repeat(64));
    expect(verifyAuditLog(text, TEST_AUDIT_KEY)).toEqual({ ok: true, entries: 20, unkeyed: 0 });
  });

  it('writes the entry in the same journal line as its change', async () => {
    const options = folder();
    const store = await open(options);
    await addPerson(store, 'anna');
    const [line] = readFileSync(journalPaths(options.path).current, 'utf8').trim().split('\n');
    const record = JSON.parse(line!) as { seq: number; ops: unknown[]; audit: string[] };
    expect(record.seq).toBe(1);
    expect(record.audit).toEqual([readFileSync(options.audit, 'utf8').trim()]);
  });

  it('continues the chain after a restart', async () => {
    const options = folder();
    const first = await openStore(options);
    for (const login of ['a1', 'a2', 'a3']) await addPerson(first, login);
    await first.close();
    const again = await open(options);
    await again.record({ actor: 'u2', action: 'auth.signIn', subject: 'user:u2', details: {} });
    expect(verifyAuditLog(readFileSync(options.audit, 'utf8'), TEST_AUDIT_KEY)).toEqual({ ok: true, entries: 4, unkeyed: 0 });
  });

  it('names the first line after an edit, and the line after a deletion', async () => {
    const options = folder();
    const store = await open(options);
    for (let i = 0; i < 5; i++) await addPerson(store, `d${i}`);
    const lines = readFileSync(options.audit, 'utf8').trim().split('\n');
    const edited = [...lines];
    edited[2] = edited[2]!.replace('user:id-d', 'user:id-x');
    expect(verifyAuditLog(`${edited.join('\n')}\n`, TEST_AUDIT_KEY)).toEqual({
      ok: false,
      line: 4,
      reason: 'its link to the previous line does not match: a line before it was changed, removed or inserted (or the log was written with another audit key)',
    });
    const cut = [...lines];
    cut.splice(1, 1);
    expect(verifyAuditLog(`${cut.join('\n')}\n`, TEST_AUDIT_KEY)).toMatchObject({ ok: false, line: 2 });
  });

  it('refuses to record passwords, hashes or session ids, and then makes no change', async () => {
    const options = folder();
    const store = await open(options);
    const before = storeFileBytes(options.path);
    await expect(store.mutate((d) => void d.users.push(person('x')), () => ({ actor: 'u', action: 'x', subject: 'y', details: { passwordHash: 'scrypt$…' } }))).rejects.toThrow(
      'never records "passwordHash"',
    );
    await expect(store.record({ actor: 'u', action: 'x', subject: 'y', details: { sessionId: 'abc' } })).rejects.toThrow('never records "sessionId"');
    expect(storeFileBytes(options.path).equals(before)).toBe(true);
    expect(await store.read((d) => d.users)).toEqual([]);
  });
});

describe('a change and its audit entry are durable together', () => {
  it('a crash after the journal line but before the audit write: the next start writes the entry from the journal', async () => {
    const options = folder();
    const store = await open(options);
    for (const login of ['a1', 'a2', 'a3']) await addPerson(store, login);
    const copy = crashCopy(options);
    // The audit log as a crash right after the journal's sync would leave it: the last entry not written yet.
    const lines = readFileSync(copy.audit, 'utf8').trim().split('\n');
    writeFileSync(copy.audit, `${lines.slice(0, 1).join('\n')}\n`);
    const restarted = await open(copy);
    expect(auditLines(copy.audit).map((e) => e.subject)).toEqual(['user:id-a1', 'user:id-a2', 'user:id-a3']);
    expect(verifyAuditLog(readFileSync(copy.audit, 'utf8'), TEST_AUDIT_KEY)).toEqual({ ok: true, entries: 3, unkeyed: 0 });
    await addPerson(restarted, 'a4');
    expect(verifyAuditLog(readFileSync(copy.audit, 'utf8'), TEST_AUDIT_KEY)).toEqual({ ok: true, entries: 4, unkeyed: 0 });
  });

  it('an audit log that cannot be written fails no change: entries wait, the journal keeps them, and they are written once it can be', async () => {
    const options = folder();
    const store = await open(options);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await addPerson(store, 'a1');
    // A folder where the audit log was: every write to it fails, as on a read-only or full disk.
    const kept = readFileSync(options.audit);
    rmSync(options.audit);
    mkdirSync(options.audit);
    await expect(addPerson(store, 'a2')).resolves.toMatchObject({ login: 'a2' });
    await expect(addPerson(store, 'a3')).resolves.toMatchObject({ login: 'a3' });
    expect(errors.mock.calls.filter((call) => /could not write the audit log/.test(String(call[0])))).toHaveLength(1);
    // Killed now, the journal would give a start everything: both changes and their entries.
    const journal = readFileSync(journalPaths(options.path).current, 'utf8').trim().split('\n');
    expect(journal.map((line) => (JSON.parse(line) as { audit: string[] }).audit.length)).toEqual([1, 1, 1]);
    rmSync(options.audit, { recursive: true });
    writeFileSync(options.audit, kept);
    await addPerson(store, 'a4');
    expect(auditLines(options.audit).map((e) => e.subject)).toEqual(['user:id-a1', 'user:id-a2', 'user:id-a3', 'user:id-a4']);
    expect(verifyAuditLog(readFileSync(options.audit, 'utf8'), TEST_AUDIT_KEY)).toEqual({ ok: true, entries: 4, unkeyed: 0 });
    expect(String(errors.mock.calls.at(-1)![0])).toContain('is written again and holds every entry');
  });

  it('a store closed while the audit log cannot be written keeps the journal, and the next start writes the entries', async () => {
    const options = folder();
    const store = await openStore(options);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await addPerson(store, 'a1');
    rmSync(options.audit);
    mkdirSync(options.audit);
    await addPerson(store, 'a2');
    await store.close();
    expect(existsSync(journalPaths(options.path).current)).toBe(true);
    rmSync(options.audit, { recursive: true });
    await open(options);
    // The first entry had reached the log that was then removed; the journal still held both.
    expect(auditLines(options.audit).map((e) => e.subject)).toEqual(['user:id-a1', 'user:id-a2']);
  });

  it('a torn last audit line is cut off at start with a message, and its entry written again from the journal', async () => {
    const options = folder();
    const store = await open(options);
    for (const login of ['a1', 'a2']) await addPerson(store, login);
    const copy = crashCopy(options);
    const lines = readFileSync(copy.audit, 'utf8').trim().split('\n');
    writeFileSync(copy.audit, `${lines[0]}\n${lines[1]!.slice(0, 40)}`);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await open(copy);
    expect(String(errors.mock.calls[0]![0])).toMatch(/^Salesbook: the audit log .* ended in a line that was cut short or cannot be read \("\{\\"time\\".+"\); it was cut off/);
    expect(verifyAuditLog(readFileSync(copy.audit, 'utf8'), TEST_AUDIT_KEY)).toEqual({ ok: true, entries: 2, unkeyed: 0 });
  });

  it('the data records the head of the chain with every audited change', async () => {
    const options = folder();
    const store = await open(options);
    await addPerson(store, 'a1');
    const lastLine = readFileSync(options.audit, 'utf8').trim().split('\n').at(-1)!;
    const { createHmac } = await import('node:crypto');
    expect(readStoreState(options.path).auditHead).toBe(createHmac('sha256', TEST_AUDIT_KEY).update(lastLine).digest('hex'));
    expect(emptyStore().auditHead).toBeNull();
  });
});

describe('the chain is keyed and anchored in the data', () => {
  async function logOf(count: number) {
    const options = folder();
    const store = await open(options);
    for (let i = 0; i < count; i++) await addPerson(store, `k${i}`);
    return { options, text: readFileSync(options.audit, 'utf8'), head: readStoreState(options.path).auditHead };
  }

  it('a line rewritten and the chain recomputed without the key does not verify', async () => {
    const { text, head } = await logOf(4);
    const { createHash } = await import('node:crypto');
    // What someone who can write the log but has no key can do: change a line and recompute every link after it.
    const lines = text.trim().split('\n');
    lines[1] = lines[1]!.replace('user:id-k1', 'user:id-zz');
    for (let i = 2; i < lines.length; i++) {
      const entry = JSON.parse(lines[i]!) as { prev: string };
      entry.prev = createHash('sha256').update(lines[i - 1]!).digest('hex');
      lines[i] = JSON.stringify(entry);
    }
    expect(verifyAuditLog(`${lines.join('\n')}\n`, TEST_AUDIT_KEY, head)).toMatchObject({ ok: false, line: 3 });
    // And with another key, nothing after the first line verifies.
    expect(verifyAuditLog(text, Buffer.from('another key, another key, another key'), head)).toMatchObject({ ok: false, line: 2 });
  });

  it('a log with its last entries cut off verifies no more: the data records where it ends', async () => {
    const { text, head } = await logOf(4);
    expect(verifyAuditLog(text, TEST_AUDIT_KEY, head)).toEqual({ ok: true, entries: 4, unkeyed: 0 });
    const cut = `${text.trim().split('\n').slice(0, 2).join('\n')}\n`;
    expect(verifyAuditLog(cut, TEST_AUDIT_KEY, head)).toEqual({
      ok: false,
      line: 3,
      reason: `the log ends before the last entry the data records (${head!.slice(0, 12)}…): entries were cut off its end, or its last lines were changed`,
    });
    expect(verifyAuditLog('', TEST_AUDIT_KEY, head)).toMatchObject({ ok: false, line: 1 });
  });

  it('a log from before the key goes on keyed: its old links are accepted only before the first keyed one', async () => {
    const { createHash } = await import('node:crypto');
    const sha = (line: string) => createHash('sha256').update(line).digest('hex');
    const old1 = JSON.stringify({ time: '2026-01-01T00:00:00.000Z', actor: 'cli', action: 'user.add', subject: 'user:a', details: {}, prev: '0'.repeat(64) });
    const old2 = JSON.stringify({ time: '2026-01-02T00:00:00.000Z', actor: 'cli', action: 'user.add', subject: 'user:b', details: {}, prev: sha(old1) });
    const options = folder();
    writeFileSync(options.audit, `${old1}\n${old2}\n`);
    const store = await open(options);
    await addPerson(store, 'new1');
    await addPerson(store, 'new2');
    const text = readFileSync(options.audit, 'utf8');
    expect(verifyAuditLog(text, TEST_AUDIT_KEY, readStoreState(options.path).auditHead)).toEqual({ ok: true, entries: 4, unkeyed: 1 });
    // An unkeyed link after a keyed one is refused.
    const lines = text.trim().split('\n');
    const forged = JSON.stringify({ ...JSON.parse(lines[3]!), prev: sha(lines[2]!) });
    expect(verifyAuditLog(`${[...lines.slice(0, 3), forged].join('\n')}\n`, TEST_AUDIT_KEY)).toMatchObject({ ok: false, line: 4 });
  });
});
