// What every store promises behind the Store interface, run on the data file and on PostgreSQL alike:
// a change is durable when it resolves, a failed or refused one changes nothing, changes run one at a
// time, reads get copies, and the generation counts successful changes.
import { expect, it } from 'vitest';
import { InvalidChangeError, type Store } from '../../src/server/store/store';
import { emptyStore } from '../../src/server/store/data';
import { describeEachStore } from '../store-kinds';
import { storedPerson } from '../store-files';

const person = storedPerson;
const logins = (store: Store) => store.read((d) => d.users.map((u) => u.login));

describeEachStore('mutate', (kind) => {
  it('makes every change durable before it resolves', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.mutate((d) => void d.users.push(person('anna')));
    expect((await place.durable()).users.map((u) => u.login)).toEqual(['anna']);
  });

  it('rolls memory back and rejects when the write fails, so a failed request changes nothing', async () => {
    const place = await kind.place();
    let failNext = false;
    const store = await place.open({
      writeHook: () => {
        if (failNext) throw new Error('disk full');
      },
    });
    await store.mutate((d) => void d.users.push(person('anna')));
    failNext = true;
    await expect(store.mutate((d) => void d.users.push(person('boris')))).rejects.toThrow('disk full');
    failNext = false;
    expect(await logins(store)).toEqual(['anna']);
    expect((await place.durable()).users).toHaveLength(1);
    await store.mutate((d) => void d.users.push(person('vera')));
    expect(await logins(store)).toEqual(['anna', 'vera']);
    expect((await place.durable()).users.map((u) => u.login)).toEqual(['anna', 'vera']);
  });

  it('a change that throws leaves the data as it was', async () => {
    const place = await kind.place();
    const store = await place.open();
    await expect(
      store.mutate((d) => {
        d.users.push(person('anna'));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await store.read((d) => d.users.length)).toBe(0);
    expect((await place.durable()).users).toEqual([]);
  });

  it('runs concurrent changes one at a time, each seeing the one before', async () => {
    const place = await kind.place();
    const store = await place.open();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        store.mutate((d) => {
          if (!d.users.some((u) => u.login === 'same')) d.users.push(person('same'));
          d.users.push(person(`p${i}`));
        }),
      ),
    );
    expect(await store.read((d) => d.users.length)).toBe(31);
    expect((await place.durable()).users).toHaveLength(31);
  });

  it('hands out copies, never live objects', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.mutate((d) => void d.users.push(person('anna')));
    const users = await store.read((d) => d.users);
    users[0]!.name = 'changed';
    expect(await store.read((d) => d.users[0]!.name)).toBe('anna');
  });

  it('a record edited in place throws, and the change is undone', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.mutate((d) => void d.users.push(person('anna')));
    await expect(store.mutate((d) => void (d.users[0]!.name = 'changed'))).rejects.toThrow(TypeError);
    expect(await store.read((d) => d.users[0]!.name)).toBe('anna');
  });

  it('records removed, replaced and moved are stored as the change left them, and a new store reads the same', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.mutate((d) => void d.users.push(person('anna'), person('boris'), person('vera'), person('gleb')));
    await store.mutate((d) => {
      d.users = d.users.filter((u) => u.login !== 'boris');
      d.users[0] = { ...d.users[0]!, name: 'Анна' };
      d.telegramOffset = 7;
      d.digestSlots = { 'id-anna': '2026-01-01T00:00:00.000Z' };
    });
    const expected = await store.read((d) => d);
    expect(expected.users.map((u) => u.login)).toEqual(['anna', 'vera', 'gleb']);
    expect(await place.durable()).toEqual(expected);
    await store.close();
    const again = await place.open();
    expect(await again.read((d) => d)).toEqual(expected);
  });

  it('counts the generation up by one when it succeeds, never when it fails or changes nothing', async () => {
    const place = await kind.place();
    let failNext = false;
    const store = await place.open({
      writeHook: () => {
        if (failNext) throw new Error('sync failed');
      },
    });
    expect(store.generation).toBe(0);
    await store.mutate((d) => void d.users.push(person('anna')));
    expect(store.generation).toBe(1);
    await store.mutate((d) => void d.users.push(person('boris')));
    expect(store.generation).toBe(2);
    await expect(
      store.mutate(() => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await store.mutate((d) => d.users.length);
    expect(store.generation).toBe(2);
    failNext = true;
    await expect(store.mutate((d) => void d.users.push(person('vera')))).rejects.toThrow('sync failed');
    expect(store.generation).toBe(2);
    failNext = false;
    await store.mutate((d) => void d.users.push(person('vera')));
    expect(store.generation).toBe(3);
  });

  it('is not seen by reads until it is durable, and never when the write fails', async () => {
    const place = await kind.place();
    let hold: Promise<void> | undefined;
    let fail = false;
    let reached!: () => void;
    const nextWrite = () => new Promise<void>((resolve) => (reached = resolve));
    let writeReached = nextWrite();
    const store = await place.open({
      writeHook: async () => {
        reached();
        await hold;
        if (fail) throw new Error('sync failed');
      },
    });
    await store.mutate((d) => void d.users.push(person('anna')));
    let letGo!: () => void;
    hold = new Promise((resolve) => (letGo = resolve));
    writeReached = nextWrite();
    const writing = store.mutate((d) => void d.users.push(person('boris')));
    await writeReached;
    expect(await logins(store)).toEqual(['anna']);
    expect(store.generation).toBe(1);
    letGo();
    await writing;
    expect(await logins(store)).toEqual(['anna', 'boris']);
    expect(store.generation).toBe(2);

    hold = new Promise((resolve) => (letGo = resolve));
    fail = true;
    writeReached = nextWrite();
    const failing = store.mutate((d) => void d.users.push(person('vera')));
    await writeReached;
    expect(await logins(store)).toEqual(['anna', 'boris']);
    letGo();
    await expect(failing).rejects.toThrow('sync failed');
    expect(await logins(store)).toEqual(['anna', 'boris']);
    expect(store.generation).toBe(2);
  });

  it('starts from the seed when there is no data yet, and only then', async () => {
    const place = await kind.place();
    const seed = emptyStore();
    seed.users.push(person('anna'));
    const store = await place.open({ seed: () => seed });
    expect(await logins(store)).toEqual(['anna']);
    await store.mutate((d) => void d.users.push(person('boris')));
    await store.close();
    const other = emptyStore();
    other.users.push(person('gleb'));
    expect(await logins(await place.open({ seed: () => other }))).toEqual(['anna', 'boris']);
  });
});

describeEachStore('what a change stores is checked with the schema first', (kind) => {
  it.each([
    ['a 300-character name', { name: 'Я'.repeat(300) }, 'users.(new 1).name: Too big'],
    ['a name with a terminal escape', { name: 'Анна\u001b[2J' }, 'users.(new 1).name: must not hold control characters'],
    ['a day that does not exist', { hired: '2026-02-31' }, 'users.(new 1).hired: Invalid ISO date'],
  ])('refuses %s: the change rejects, and nothing is written or seen', async (_kind, fields, problem) => {
    const place = await kind.place();
    const store = await place.open();
    await store.mutate((d) => void d.users.push(person('anna')));
    const before = await place.durable();
    await expect(store.mutate((d) => void d.users.push({ ...person('boris'), ...fields }))).rejects.toThrow(InvalidChangeError);
    await expect(store.mutate((d) => void d.users.push({ ...person('boris'), ...fields }))).rejects.toThrow(problem);
    expect(await place.durable()).toEqual(before);
    expect(await logins(store)).toEqual(['anna']);
    expect(store.generation).toBe(1);
  });

  it('checks a record put in place of another, and a collection assigned whole', async () => {
    const place = await kind.place();
    const store = await place.open();
    await store.mutate((d) => void d.users.push(person('anna')));
    await expect(store.mutate((d) => void (d.users[0] = { ...d.users[0]!, hired: '2026-13-01' }))).rejects.toThrow('users.0.hired');
    await expect(store.mutate((d) => void (d.searchGaps = [{ query: '', count: 0, firstAt: 'x', lastAt: 'y' }]))).rejects.toThrow('searchGaps.0.query');
    await store.close();
    // What was refused never reached the data: the next start reads it.
    expect(await (await place.open()).read((d) => d.users.map((u) => u.hired))).toEqual(['2026-01-01']);
  });
});
