// The store's journal: what a change writes, how a failed change is undone, what a start replays
// after a crash, and compaction back into the data file.
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../temp';
import { applyChanges, baselineOf, changesSince, type ChangeOp } from '../../src/server/store/changes';
import { emptyStore, type StoreData, type StoredUser } from '../../src/server/store/data';
import { journalPaths } from '../../src/server/store/journal';
import { openStore, readStoreState, type OpenStoreOptions, type Store } from '../../src/server/store/store';
import { storedPerson, storeFileBytes, TEST_AUDIT_KEY } from '../store-files';

const opened: Store[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
  vi.restoreAllMocks();
});

function folder(): OpenStoreOptions {
  const dir = tempDir('salesbook-journal-');
  return { path: join(dir, 'salesbook.json'), lockPath: join(dir, 'salesbook.json.lock'), backupsDir: join(dir, 'backups'), auditKey: TEST_AUDIT_KEY };
}

async function open(options: OpenStoreOptions) {
  const store = await openStore(options);
  opened.push(store);
  return store;
}

/** The data folder's files as a crash would leave them now: copied into a new folder, lock aside. */
function crashCopy(options: OpenStoreOptions): OpenStoreOptions {
  const copy = folder();
  const from = journalPaths(options.path);
  const to = journalPaths(copy.path);
  copyFileSync(options.path, copy.path);
  if (existsSync(from.current)) copyFileSync(from.current, to.current);
  if (existsSync(from.old)) copyFileSync(from.old, to.old);
  return copy;
}

const person = storedPerson;

const gap = (query: string, count = 1) => ({ query, count, firstAt: '2026-01-01T00:00:00.000Z', lastAt: '2026-01-01T00:00:00.000Z' });
const everything = (store: Store) => store.read((d) => d);
const journalText = (options: OpenStoreOptions) => readFileSync(journalPaths(options.path).current, 'utf8');
const logins = (store: Store) => store.read((d) => d.users.map((u) => u.login));

describe('change steps', () => {
  function stepsOf(before: StoreData, change: (data: StoreData) => void): ChangeOp[] {
    const data = structuredClone(before);
    const baseline = baselineOf(data);
    change(data);
    const ops = changesSince(baseline, data);
    // The steps, replayed on a copy of the data before, give the data after.
    const replayed = structuredClone(before) as unknown as Record<string, unknown>;
    applyChanges(replayed, JSON.parse(JSON.stringify(ops)));
    expect(replayed).toEqual(JSON.parse(JSON.stringify(data)));
    return ops;
  }

  const start = () => ({ ...emptyStore(), users: [person('anna'), person('boris'), person('vera')], searchGaps: [gap('скидка')] });

  it('records added at the end are one push', () => {
    expect(stepsOf(start(), (d) => void d.users.push(person('gleb'), person('dina')))).toEqual([['push', 'users', [person('gleb'), person('dina')]]]);
  });

  it('a record replaced by a changed copy is a set at its index', () => {
    const disabled = { ...person('boris'), disabled: true };
    expect(stepsOf(start(), (d) => void (d.users[1] = disabled))).toEqual([['set', 'users', 1, disabled]]);
  });

  it('records removed are the new length, then the records that moved', () => {
    expect(stepsOf(start(), (d) => void d.users.splice(0, 1))).toEqual([
      ['len', 'users', 2],
      ['set', 'users', 0, person('boris')],
      ['set', 'users', 1, person('vera')],
    ]);
    expect(stepsOf(start(), (d) => void d.users.pop())).toEqual([['len', 'users', 2]]);
  });

  it('a replaced record and added ones together are sets and the new length', () => {
    const renamed = { ...person('anna'), name: 'Anna' };
    expect(
      stepsOf(start(), (d) => {
        d.users[0] = renamed;
        d.users.push(person('gleb'));
      }),
    ).toEqual([
      ['len', 'users', 4],
      ['set', 'users', 0, renamed],
      ['set', 'users', 3, person('gleb')],
    ]);
  });

  it('a collection assigned whole is a put', () => {
    expect(stepsOf(start(), (d) => void (d.searchGaps = [gap('скидка', 2)]))).toEqual([['put', 'searchGaps', [gap('скидка', 2)]]]);
  });

  it('a change that changes nothing has no steps', () => {
    expect(stepsOf(start(), (d) => void d.users.filter((u) => u.disabled))).toEqual([]);
  });
});

describe('a change', () => {
  it('appends one line with its number and steps, and the journal replays to the data in memory', async () => {
    const options = folder();
    const store = await open(options);
    await store.mutate((d) => void d.users.push(person('anna'), person('boris')));
    await store.mutate((d) => void (d.users[0] = { ...d.users[0]!, disabled: true }));
    await store.mutate((d) => void (d.searchGaps = [gap('скидка')]));
    await store.mutate((d) => void d.users.pop());
    const lines = journalText(options).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { seq: 1, ops: [['push', 'users', [person('anna'), person('boris')]]] },
      { seq: 2, ops: [['set', 'users', 0, { ...person('anna'), disabled: true }]] },
      { seq: 3, ops: [['put', 'searchGaps', [gap('скидка')]]] },
      { seq: 4, ops: [['len', 'users', 1]] },
    ]);
    // The data file is not rewritten for a change.
    expect(JSON.parse(readFileSync(options.path, 'utf8'))).toMatchObject({ writes: 0, users: [] });
    expect(readStoreState(options.path)).toEqual(await everything(store));
  });

  it('that edits a record in place throws, and changes nothing in memory or on disk', async () => {
    const options = folder();
    const store = await open(options);
    await store.mutate((d) => void d.users.push(person('anna')));
    const before = storeFileBytes(options.path);
    await expect(
      store.mutate((d) => {
        d.users.push(person('boris'));
        d.users[0]!.disabled = true;
      }),
    ).rejects.toThrow(TypeError);
    await expect(store.mutate((d) => void Object.assign(d.users[0]!, { name: 'x' }))).rejects.toThrow(TypeError);
    expect(await everything(store)).toMatchObject({ writes: 1, users: [person('anna')] });
    expect(storeFileBytes(options.path).equals(before)).toBe(true);
  });

  it('that throws after adding records is undone, and later changes go on from the data before it', async () => {
    const options = folder();
    const store = await open(options);
    await store.mutate((d) => void d.users.push(person('anna')));
    const before = storeFileBytes(options.path);
    await expect(
      store.mutate((d) => {
        d.users.push(person('boris'));
        d.users[0] = { ...d.users[0]!, name: 'Anna' };
        d.searchGaps = [gap('x1')];
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await everything(store)).toEqual({ ...emptyStore(), writes: 1, users: [person('anna')] });
    expect(storeFileBytes(options.path).equals(before)).toBe(true);
    await store.mutate((d) => void d.users.push(person('vera')));
    expect(await logins(store)).toEqual(['anna', 'vera']);
    expect(readStoreState(options.path)).toEqual(await everything(store));
  });

  it('whose journal write fails is undone and cut off the journal, so a restart does not see it', async () => {
    const options = folder();
    let failNext = false;
    const store = await open({
      ...options,
      writeHook: () => {
        if (failNext) throw new Error('disk full');
      },
    });
    await store.mutate((d) => void d.users.push(person('anna')));
    const journalBefore = journalText(options);
    failNext = true;
    await expect(store.mutate((d) => void d.users.push(person('boris')))).rejects.toThrow('disk full');
    failNext = false;
    expect(journalText(options)).toBe(journalBefore);
    expect(store.generation).toBe(1);
    await store.mutate((d) => void d.users.push(person('vera')));
    expect(await logins(store)).toEqual(['anna', 'vera']);
    const restarted = await open(crashCopy(options));
    expect(await everything(restarted)).toEqual(await everything(store));
  });
});

describe('a journal taken away while the store runs', () => {
  it.each([
    ['deleted', (journal: string) => rmSync(journal)],
    ['moved away', (journal: string) => renameSync(journal, `${journal}.moved`)],
    ['replaced by another file', (journal: string) => (renameSync(journal, `${journal}.moved`), writeFileSync(journal, ''))],
  ])('%s: the next change writes the data file anew and a fresh journal, says so, and a crash loses nothing', async (_how, takeAway) => {
    const options = folder();
    const store = await open(options);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (let i = 0; i < 3; i++) await store.mutate((d) => void d.users.push(person(`p${i}`)));
    takeAway(journalPaths(options.path).current);
    for (let i = 3; i < 5; i++) await store.mutate((d) => void d.users.push(person(`p${i}`)));
    expect(String(errors.mock.calls[0]![0])).toMatch(/^Salesbook: the journal .* is no longer the file on disk \(.+\) while the server ran/);
    expect(errors.mock.calls.flat().join('\n')).toContain('holds every change again, with a fresh journal');
    // What kill -9 would leave now: every acknowledged change is in the data file or the journal.
    expect(readStoreState(options.path)).toEqual(await everything(store));
    const restarted = await open(crashCopy(options));
    expect(await logins(restarted)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    // The file was written before the first change after the loss; the fresh journal holds the rest.
    expect(JSON.parse(readFileSync(options.path, 'utf8')).writes).toBe(3);
    expect(journalText(options).trim().split('\n').map((line) => JSON.parse(line).seq)).toEqual([4, 5]);
  });
});

describe('a start after a crash', () => {
  async function storeWithChanges(count: number) {
    const options = folder();
    const store = await open(options);
    for (let i = 0; i < count; i++) await store.mutate((d) => void d.users.push(person(`p${i}`)));
    return { options, store };
  }

  it('replays the journal onto the data file, writes the file anew and empties the journal', async () => {
    const { options, store } = await storeWithChanges(5);
    await store.mutate((d) => void (d.users[2] = { ...d.users[2]!, disabled: true }));
    const copy = crashCopy(options);
    const restarted = await open(copy);
    expect(await everything(restarted)).toEqual(await everything(store));
    expect(restarted.generation).toBe(6);
    // Records read at start are frozen like those added since.
    await expect(restarted.mutate((d) => void (d.users[0]!.name = 'x'))).rejects.toThrow(TypeError);
    expect(JSON.parse(readFileSync(copy.path, 'utf8')).writes).toBe(6);
    expect(journalText(copy)).toBe('');
    // The start backup is whole: the file with the journal's changes.
    const backups = readdirBackups(copy);
    expect(backups.some((text) => JSON.parse(text).writes === 6)).toBe(true);
  });

  it('leaves out a last line cut short, which no one was told was written, and says so', async () => {
    const { options, store } = await storeWithChanges(3);
    const copy = crashCopy(options);
    appendFileSync(journalPaths(copy.path).current, '{"seq":4,"ops":[["push","users",[{"id":"id-x","lo');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const restarted = await open(copy);
    const torn = '{"seq":4,"ops":[["push","users",[{"id":"id-x","lo';
    expect(errors.mock.calls.map((call) => String(call[0]))).toEqual([
      `Salesbook: line 4 of the journal ${journalPaths(copy.path).current} was cut short by a crash (49 bytes, no line end: ${JSON.stringify(torn)}). Its write never finished, so its change was never confirmed to anyone; it is left out.`,
    ]);
    expect(await everything(restarted)).toEqual(await everything(store));
    // A change after the restart follows on from the last whole line.
    await restarted.mutate((d) => void d.users.push(person('after')));
    expect(restarted.generation).toBe(4);
  });

  it('refuses a last line that is whole but cannot be read: it may have been confirmed', async () => {
    const { options } = await storeWithChanges(3);
    const copy = crashCopy(options);
    const journal = journalPaths(copy.path).current;
    appendFileSync(journal, '{"seq":4,"ops":[["push","users",[{"id":"id-x"}]]],"x\n');
    const before = storeFileBytes(copy.path);
    await expect(openStore(copy)).rejects.toThrow(
      new RegExp(`^Salesbook cannot start: the journal ${journal} cannot be read at line 4: it is not valid JSON \\(.+\\)\\. It is the last line but whole .* may have been confirmed to someone: it is not left out silently\\. If it cannot be repaired and losing that one change is acceptable, delete that line and start again\\.`),
    );
    expect(storeFileBytes(copy.path).equals(before)).toBe(true);
  });

  it('leaves out a tail of zeros with no line end (a crash before the write reached the disk), and says so', async () => {
    const { options, store } = await storeWithChanges(3);
    const copy = crashCopy(options);
    appendFileSync(journalPaths(copy.path).current, '\0\0\0\0');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await everything(await open(copy))).toEqual(await everything(store));
    expect(String(errors.mock.calls[0]![0])).toContain('was cut short by a crash (4 bytes, no line end');
  });

  it('refuses a damaged line before the last, names the journal and the line, and leaves the files as they are', async () => {
    const { options } = await storeWithChanges(4);
    const copy = crashCopy(options);
    const journal = journalPaths(copy.path).current;
    const lines = readFileSync(journal, 'utf8').split('\n');
    lines[1] = lines[1]!.slice(0, 20);
    writeFileSync(journal, lines.join('\n'));
    const before = storeFileBytes(copy.path);
    await expect(openStore(copy)).rejects.toThrow(
      new RegExp(`^Salesbook cannot start: the journal ${journal} cannot be read at line 2: it is not valid JSON \\(.+\\)\\. The journal holds the changes made since the data file ${copy.path} was last written`),
    );
    expect(storeFileBytes(copy.path).equals(before)).toBe(true);
    expect(existsSync(copy.lockPath)).toBe(false);
  });

  it('refuses a journal with changes missing', async () => {
    const { options } = await storeWithChanges(4);
    const copy = crashCopy(options);
    const journal = journalPaths(copy.path).current;
    const lines = readFileSync(journal, 'utf8').split('\n');
    lines.splice(1, 1);
    writeFileSync(journal, lines.join('\n'));
    const before = storeFileBytes(copy.path);
    await expect(openStore(copy)).rejects.toThrow(
      `Salesbook cannot start: the journal ${journal} misses changes before line 2: it holds change 3, but change 2 should come next (the data file holds changes up to 0).`,
    );
    expect(storeFileBytes(copy.path).equals(before)).toBe(true);
  });

  it('after the data file was written but before the journal was emptied, skips what the file holds', async () => {
    // The data file holds changes up to 3; the journal still has 1 to 6.
    const options = folder();
    const store = await open(options);
    let third: StoreData | undefined;
    for (let i = 1; i <= 6; i++) {
      await store.mutate((d) => void d.users.push(person(`p${i}`)));
      if (i === 3) third = await everything(store);
    }
    const copy = crashCopy(options);
    writeFileSync(copy.path, JSON.stringify(third));
    expect(journalText(copy).trim().split('\n')).toHaveLength(6);
    const restarted = await open(copy);
    expect(await everything(restarted)).toEqual(await everything(store));
    expect(restarted.generation).toBe(6);
  });

  it('refuses a missing data file whose journal is still there', async () => {
    const { options } = await storeWithChanges(2);
    const copy = crashCopy(options);
    rmSync(copy.path);
    await expect(openStore(copy)).rejects.toThrow(`the data file ${copy.path} is missing, but its journal ${journalPaths(copy.path).current} exists`);
    expect(existsSync(journalPaths(copy.path).current)).toBe(true);
  });
});

function readdirBackups(options: OpenStoreOptions): string[] {
  return readdirSync(options.backupsDir).map((name) => readFileSync(join(options.backupsDir, name), 'utf8'));
}

/** Waits until a compaction started by the changes so far has written the data file. */
async function settled(store: Store, path: string) {
  // A change that changes nothing runs after the queued compaction, which sets the journal aside.
  await store.mutate(() => undefined);
  await vi.waitFor(() => expect(existsSync(journalPaths(path).old)).toBe(false));
}

describe('compaction', () => {
  it('past the journal limit, writes the data file and starts a new journal; a restart gives the same data', async () => {
    const options = { ...folder(), journalLimit: 2000 };
    const store = await open(options);
    const { current, old } = journalPaths(options.path);
    for (let i = 0; i < 12; i++) await store.mutate((d) => void d.users.push(person(`p${i}`)));
    await settled(store, options.path);
    const file = JSON.parse(readFileSync(options.path, 'utf8')) as StoreData;
    expect(file.writes).toBeGreaterThan(0);
    expect(file.users).toHaveLength(file.writes);
    // The new journal starts right after what the file holds.
    const lines = journalText(options).trim().split('\n').filter(Boolean).map((line) => JSON.parse(line).seq);
    expect(lines).toEqual(Array.from({ length: 12 - file.writes }, (_, i) => file.writes + 1 + i));
    expect(statSync(current).size).toBeLessThan(2000);
    expect(readStoreState(options.path)).toEqual(await everything(store));
    const restarted = await open(crashCopy(options));
    expect(await everything(restarted)).toEqual(await everything(store));
  });

  it('that fails leaves the journals in place, still complete, and is tried again later', async () => {
    const options = { ...folder(), journalLimit: 1500 };
    const store = await open(options);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { old } = journalPaths(options.path);
    // A folder where the data file was: writing the file fails.
    const fileBefore = readFileSync(options.path);
    rmSync(options.path);
    mkdirSync(options.path);
    writeFileSync(join(options.path, 'in-the-way'), '');
    for (let i = 0; i < 8; i++) await store.mutate((d) => void d.users.push(person(`p${i}`)));
    await store.mutate(() => undefined);
    await vi.waitFor(() => expect(errors).toHaveBeenCalled());
    expect(String(errors.mock.calls[0]![0])).toMatch(/^Salesbook: could not write the data file .*Its journals still hold every change/);
    expect(existsSync(old)).toBe(true);
    rmSync(options.path, { recursive: true });
    writeFileSync(options.path, fileBefore);
    expect(readStoreState(options.path)).toEqual(await everything(store));
    // The next compaction writes the file with the set-aside journal still there, then removes it.
    for (let i = 8; i < 16; i++) await store.mutate((d) => void d.users.push(person(`p${i}`)));
    await settled(store, options.path);
    expect(JSON.parse(readFileSync(options.path, 'utf8')).writes).toBeGreaterThan(8);
    expect(readStoreState(options.path)).toEqual(await everything(store));
    const restarted = await open(crashCopy(options));
    expect(await everything(restarted)).toEqual(await everything(store));
  });

  it('happens at close too: a closed store leaves the data file alone, whole', async () => {
    const options = folder();
    const store = await openStore(options);
    for (let i = 0; i < 3; i++) await store.mutate((d) => void d.users.push(person(`p${i}`)));
    const data = await everything(store);
    await store.close();
    await expect(store.mutate((d) => void d.users.push(person('late')))).rejects.toThrow('is closed');
    expect(JSON.parse(readFileSync(options.path, 'utf8'))).toEqual(data);
    expect(existsSync(journalPaths(options.path).current)).toBe(false);
    expect(existsSync(options.lockPath)).toBe(false);
  });
});
