import { describe, expect, it } from 'vitest';
import { contentChanged, perContent } from '../../src/domain/memo';
import { perDataChange, perStore } from '../../src/server/memo';
import type { Store } from '../../src/server/store/store';

describe('kept per content served', () => {
  it('works a value out once per key', () => {
    const kept = perContent<number>();
    let calls = 0;
    const compute = () => ++calls;
    expect([kept('a', compute), kept('a', compute), kept('b', compute)]).toEqual([1, 1, 2]);
  });

  it('does not keep a promise that failed, so the next call tries again', async () => {
    const kept = perContent<Promise<string>>();
    await expect(kept('site', () => Promise.reject(new Error('site.yaml is missing')))).rejects.toThrow('site.yaml is missing');
    await expect(kept('site', () => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('works every value out afresh once other content is served', () => {
    const kept = perContent<number>();
    let calls = 0;
    expect([kept('a', () => ++calls), kept('a', () => ++calls)]).toEqual([1, 1]);
    contentChanged();
    expect([kept('a', () => ++calls), kept('a', () => ++calls)]).toEqual([2, 2]);
  });
});

describe('kept per data change', () => {
  const store = (generation: { value: number }) => ({ get generation() { return generation.value; } }) as unknown as Store;

  it('keeps a value until the store changes', async () => {
    const generation = { value: 1 };
    const kept = perDataChange<number>();
    let calls = 0;
    const compute = async () => ++calls;
    expect(await kept(store(generation), 'anna', compute)).toBe(1);
    expect(await kept(store(generation), 'anna', compute)).toBe(1);
    generation.value = 2;
    expect(await kept(store(generation), 'anna', compute)).toBe(2);
  });

  it('keeps a value until other content is served', async () => {
    const generation = { value: 1 };
    const kept = perDataChange<number>();
    let calls = 0;
    const compute = async () => ++calls;
    expect(await kept(store(generation), 'anna', compute)).toBe(1);
    contentChanged();
    expect(await kept(store(generation), 'anna', compute)).toBe(2);
    expect(await kept(store(generation), 'anna', compute)).toBe(2);
  });

  it('does not keep a value worked out while the store changed', async () => {
    const generation = { value: 1 };
    const kept = perDataChange<number>();
    let calls = 0;
    expect(await kept(store(generation), 'anna', async () => {
      generation.value = 2;
      return ++calls;
    })).toBe(1);
    expect(await kept(store(generation), 'anna', async () => ++calls)).toBe(2);
    expect(await kept(store(generation), 'anna', async () => ++calls)).toBe(2);
  });
});

describe('kept per store, its data, the content served and a context', () => {
  const storeAt = (generation: { value: number }) => ({ get generation() { return generation.value; } }) as unknown as Store;

  it('keeps one value for each store until its data, the content or the context changes', async () => {
    const kept = perStore<number>();
    const [a, b] = [{ value: 1 }, { value: 1 }];
    const [storeA, storeB] = [storeAt(a), storeAt(b)];
    let calls = 0;
    const compute = async () => ++calls;
    expect([await kept(storeA, 'day-1', compute), await kept(storeA, 'day-1', compute)]).toEqual([1, 1]);
    // Another store at the same generation has values of its own.
    expect(await kept(storeB, 'day-1', compute)).toBe(2);
    a.value = 2;
    expect(await kept(storeA, 'day-1', compute)).toBe(3);
    expect(await kept(storeA, 'day-2', compute)).toBe(4);
    contentChanged();
    expect(await kept(storeA, 'day-2', compute)).toBe(5);
    expect(await kept(storeB, 'day-1', compute)).toBe(6);
  });

  it('shares the work with callers that come meanwhile, and does not keep a failure', async () => {
    const kept = perStore<number>();
    const store = storeAt({ value: 1 });
    let calls = 0;
    const [first, second] = await Promise.all([kept(store, 'day', async () => ++calls), kept(store, 'day', async () => ++calls)]);
    expect([first, second, calls]).toEqual([1, 1, 1]);
    const failing = perStore<number>();
    await expect(failing(store, 'day', () => Promise.reject(new Error('content is broken')))).rejects.toThrow('content is broken');
    expect(await failing(store, 'day', async () => 7)).toBe(7);
  });
});
