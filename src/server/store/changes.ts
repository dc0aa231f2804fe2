// What one store change did, found by comparing references instead of watching writes through proxies.
// Stored records are frozen, so a change can only add, replace or remove records in a collection, or
// replace a whole collection; each of those leaves a different reference where it happened.

/** One step of a change, as the journal records it. Replaying the steps in order repeats the change. */
export type ChangeOp =
  /** A top-level value replaced as a whole, such as a collection recomputed by the change. */
  | ['put', string, unknown]
  /** Records added at the end of a collection: the usual change. */
  | ['push', string, unknown[]]
  /** A record put at an index of a collection, replacing the one there or extending it. */
  | ['set', string, number, unknown]
  /** A collection's new length, written before the `set` steps of the same collection. */
  | ['len', string, number];

/**
 * The data as it was before a change: a copy of the root object and of each collection's list of
 * references. Copying pointers is cheap; copying records would not be, and is not needed since they are frozen.
 */
export interface Baseline {
  root: Readonly<Record<string, unknown>>;
  lists: ReadonlyMap<string, unknown[]>;
}

export function baselineOf(data: object): Baseline {
  const root = { ...data } as Record<string, unknown>;
  const lists = new Map<string, unknown[]>();
  for (const [key, value] of Object.entries(root)) if (Array.isArray(value)) lists.set(key, value.slice());
  return { root, lists };
}

/** The data as it was at `baseline`, as a new root object that shares its lists with the baseline. */
export function viewOf(baseline: Baseline): Record<string, unknown> {
  const view = { ...baseline.root };
  for (const [key, list] of baseline.lists) view[key] = list;
  return view;
}

/** Puts `data` back as it was at `baseline`. Exact because no record was edited in place. */
export function restore(data: object, baseline: Baseline): void {
  const target = data as Record<string, unknown>;
  for (const key of Object.keys(target)) if (!Object.hasOwn(baseline.root, key)) delete target[key];
  for (const [key, value] of Object.entries(baseline.root)) target[key] = baseline.lists.get(key) ?? value;
}

/** The steps that turn the data at `baseline` into `data`; values under `ignore` are the caller's to keep. */
export function changesSince(baseline: Baseline, data: object, ignore: readonly string[] = []): ChangeOp[] {
  const now = data as Record<string, unknown>;
  for (const key of Object.keys(baseline.root)) {
    if (!Object.hasOwn(now, key)) throw new TypeError(`Salesbook: a store change removed "${key}"; a collection may be emptied or replaced, never removed.`);
  }
  const ops: ChangeOp[] = [];
  for (const [key, value] of Object.entries(now)) {
    if (ignore.includes(key)) continue;
    const before = baseline.lists.get(key);
    if (!Object.hasOwn(baseline.root, key) || value !== baseline.root[key]) ops.push(['put', key, value]);
    else if (before) ops.push(...listChanges(key, before, value as unknown[]));
  }
  return ops;
}

function listChanges(key: string, before: readonly unknown[], after: readonly unknown[]): ChangeOp[] {
  const shared = Math.min(before.length, after.length);
  const sets: ChangeOp[] = [];
  for (let i = 0; i < shared; i++) if (before[i] !== after[i]) sets.push(['set', key, i, after[i]]);
  if (after.length === before.length) return sets;
  if (sets.length === 0 && after.length > before.length) return [['push', key, after.slice(before.length)]];
  const ops: ChangeOp[] = [['len', key, after.length], ...sets];
  for (let i = before.length; i < after.length; i++) ops.push(['set', key, i, after[i]]);
  return ops;
}

const isKey = (key: unknown): key is string => typeof key === 'string' && /^[A-Za-z][A-Za-z0-9]*$/.test(key);
const isIndex = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** `value` as change steps, or a sentence saying why it is not one. */
export function asChangeOps(value: unknown): ChangeOp[] | string {
  if (!Array.isArray(value)) return 'its "ops" is not a list';
  for (const [i, op] of value.entries()) {
    const fine =
      Array.isArray(op) &&
      isKey(op[1]) &&
      ((op[0] === 'put' && op.length === 3) ||
        (op[0] === 'push' && op.length === 3 && Array.isArray(op[2])) ||
        (op[0] === 'set' && op.length === 4 && isIndex(op[2])) ||
        (op[0] === 'len' && op.length === 3 && isIndex(op[2])));
    if (!fine) return `step ${i + 1} is not a change step Salesbook writes: ${JSON.stringify(op).slice(0, 80)}`;
  }
  return value as ChangeOp[];
}

/** Repeats a change on plain data. Throws a sentence when a step does not fit the data. */
export function applyChanges(data: Record<string, unknown>, ops: readonly ChangeOp[]): void {
  for (const op of ops) {
    if (op[0] === 'put') {
      data[op[1]] = op[2];
      continue;
    }
    // A collection missing from the file reads as empty, as the schema's defaults have it.
    const list = (data[op[1]] ??= []);
    if (!Array.isArray(list)) throw new Error(`it changes "${op[1]}" as a list of records, but the data holds ${typeof list} there`);
    if (op[0] === 'push') for (const item of op[2]) list.push(item);
    else if (op[0] === 'len') list.length = op[2];
    else if (op[2] > list.length) throw new Error(`it puts a record at ${op[1]}[${op[2]}], past the end of its ${list.length} records`);
    else list[op[2]] = op[3];
  }
}

/** Freezes a value and everything in it. A frozen object is taken as done: this module freezes children first. */
export function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  for (const child of Object.values(value)) deepFreeze(child);
  Object.freeze(value);
}

/** Freezes every record of the data; the root and the collections stay open to changes. */
export function freezeRecords(data: object): void {
  for (const value of Object.values(data)) {
    if (Array.isArray(value)) for (const record of value) deepFreeze(record);
    else deepFreeze(value);
  }
}

/** Freezes what a change brought in. */
export function freezeChanged(ops: readonly ChangeOp[]): void {
  for (const op of ops) {
    if (op[0] === 'push') for (const record of op[2]) deepFreeze(record);
    else if (op[0] === 'set') deepFreeze(op[3]);
    else if (op[0] === 'put') {
      if (Array.isArray(op[2])) for (const record of op[2]) deepFreeze(record);
      else deepFreeze(op[2]);
    }
  }
}
