import { auditEntries, auditLines, type AuditOf } from './audit';
import { baselineOf, changesSince, restore, type Baseline, type ChangeOp } from './changes';
import { changeProblems, type StoreData } from './data';
import { InvalidChangeError } from './store-api';

// The part of a change every store does alike, before it writes: run the change, find its steps,
// check the records it brings, number it and chain its audit lines. Each store then writes it its own
// way (a journal line, a transaction) and puts `before` back if that fails.

export type PreparedChange<T> =
  /** Nothing changed and nothing to audit: the data is as it was, and nothing is to be written. */
  | { changed: false; result: T }
  | {
      changed: true;
      result: T;
      /** The data before the change, to put back when the write fails. */
      before: Baseline;
      /** The steps to write, the audit head included; frozen by the store once they are durable. */
      ops: ChangeOp[];
      /** The change's number: the data's `writes` after it. */
      seq: number;
      /** The change's audit lines, chained on from the data's last entry. */
      auditLines: string[];
    };

/**
 * Runs `change` on `data` — check and change in one synchronous call — and prepares what a store
 * writes. Audit lines go on from the data's recorded head, or from `auditTail` (the audit log's last
 * line) for data written before the head was kept. When the change throws, or would store a record
 * the schema refuses (InvalidChangeError), the data is put back and the error thrown.
 */
export function prepareChange<T>(data: StoreData, change: (draft: StoreData) => T, audit: AuditOf<T> | undefined, auditTail: string, auditKey: Buffer): PreparedChange<T> {
  const before = baselineOf(data);
  try {
    const result = structuredClone(change(data));
    const ops = changesSince(before, data, ['writes', 'auditHead']);
    const entries = auditEntries(audit, result);
    if (ops.length === 0 && entries.length === 0) {
      restore(data, before);
      return { changed: false, result };
    }
    // Checked before it is written: a record the next start would refuse must never be acknowledged.
    const problems = changeProblems(ops);
    if (problems.length > 0) throw new InvalidChangeError(problems);
    const seq = (before.root.writes as number) + 1;
    data.writes = seq;
    let lines: string[] = [];
    if (entries.length > 0) {
      const chained = auditLines(entries, (before.root.auditHead as string | null) ?? auditTail, auditKey);
      lines = chained.lines;
      data.auditHead = chained.head;
      ops.push(['put', 'auditHead', chained.head]);
    }
    // A collection assigned whole is copied, so that nothing outside the store holds the live list.
    for (const op of ops) if (op[0] === 'put' && Array.isArray(op[2])) (data as Record<string, unknown>)[op[1]] = op[2].slice();
    return { changed: true, result, before, ops, seq, auditLines: lines };
  } catch (error) {
    restore(data, before);
    throw error;
  }
}
