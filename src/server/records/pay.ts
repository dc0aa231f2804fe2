import { createHash, randomUUID } from 'node:crypto';
import { monthLines, type MonthLine, type StatementBody, type StatementScheme } from '../../domain/pay-statement';
import type { StoreData, StoredPayAdjustment, StoredPayStatement } from '../store/data';
import type { Store } from '../store/store';
import type { AuditInput } from '../store/audit';
import * as clock from '../clock';

// Pay statements in the store: adjustments and approvals, each checked and made inside one change,
// against the month as the store holds it at that moment, so that what a head approves is exactly what
// they were shown, or nothing.

/** Why a change to a month's pay was refused; the action turns the code into a sentence. */
export class PayRefusal extends Error {
  constructor(readonly code: 'not-found' | 'approved' | 'already-approved' | 'not-approved' | 'incomplete' | 'changed' | 'nothing' | 'unchanged') {
    super(`Salesbook: pay change refused (${code}).`);
  }
}

/** The scheme each position is paid by: given by the caller, from the content. */
export type SchemeOf = (position: string) => StatementScheme | undefined;

/** A short digest of a statement as shown: an approval carries it, and is refused when the statement has changed since. */
export const fingerprintOf = (body: StatementBody) => createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32);

/** The digest of everything "approve the month" would approve: each person's draft, in order. */
export function monthFingerprint(lines: readonly MonthLine[]): string {
  const drafts = lines.flatMap((l) => (l.standing.state === 'draft' ? [`${l.userId}:${fingerprintOf(l.standing.draft.body)}`] : []));
  return createHash('sha256').update(drafts.join('\n')).digest('hex').slice(0, 32);
}

/** A month's lines from the data as it is. */
export function linesIn(data: Readonly<StoreData>, month: string, schemeOf: SchemeOf, userId?: string): MonthLine[] {
  return monthLines({
    month,
    // One person's line is worked out alone, not picked from everyone's.
    people: userId === undefined ? [...data.users].sort((a, b) => a.name.localeCompare(b.name, 'ru')) : data.users.filter((u) => u.id === userId),
    records: data.kpiRecords,
    adjustments: data.payAdjustments,
    statements: data.payStatements,
    schemeOf,
  });
}

/** A month's lines as the store holds them now. */
export function monthOnRecord(store: Store, month: string, schemeOf: SchemeOf): Promise<MonthLine[]> {
  return store.read((data) => linesIn(data, month, schemeOf));
}

function lineOf(data: Readonly<StoreData>, month: string, userId: string, schemeOf: SchemeOf): MonthLine {
  const line = linesIn(data, month, schemeOf, userId)[0];
  if (!line) throw new PayRefusal('not-found');
  return line;
}

function statement(userId: string, month: string, revision: number, body: StatementBody, by: string, reason: string | null, at: string): StoredPayStatement {
  return { id: randomUUID(), userId, month, revision, body, approvedBy: by, approvedAt: at, reason };
}

const approvalEntry = (s: StoredPayStatement, actor: string): AuditInput => ({
  actor,
  action: s.revision === 1 ? 'pay.approve' : 'pay.correct',
  subject: `user:${s.userId}`,
  details: { month: s.month, revision: s.revision, total: s.body.total, scheme: s.body.scheme.id, schemeDigest: s.body.scheme.hash, ...(s.reason ? { reason: s.reason } : {}) },
});

/**
 * Adds a head's adjustment to a person's month that is not approved yet. Refused for someone not in
 * the month, and for an approved month (a correction is a new revision: `correctStatement`).
 */
export async function addAdjustment(store: Store, input: { userId: string; month: string; amount: number; reason: string }, by: string, schemeOf: SchemeOf): Promise<StoredPayAdjustment> {
  const at = clock.now().toISOString();
  return store.mutate(
    (data) => {
      const line = lineOf(data, input.month, input.userId, schemeOf);
      if (line.standing.state === 'approved') throw new PayRefusal('approved');
      const adjustment: StoredPayAdjustment = { id: randomUUID(), ...input, by, at };
      data.payAdjustments.push(adjustment);
      return adjustment;
    },
    (a) => ({ actor: by, action: 'pay.adjust', subject: `user:${a.userId}`, details: { month: a.month, adjustmentId: a.id, amount: a.amount, reason: a.reason } }),
  );
}

/**
 * Approves one person's statement (`userId`) or every statement of the month that can be, as
 * computed now, when it is what the head was shown (`fingerprint`). Refused when already approved,
 * when the statement cannot be computed, when nothing is left to approve, or when it changed since.
 */
export async function approveStatements(store: Store, input: { month: string; userId?: string; fingerprint: string }, by: string, schemeOf: SchemeOf): Promise<StoredPayStatement[]> {
  const at = clock.now().toISOString();
  return store.mutate(
    (data) => {
      const lines = linesIn(data, input.month, schemeOf, input.userId);
      let chosen: MonthLine[];
      if (input.userId !== undefined) {
        const line = lines[0];
        if (!line) throw new PayRefusal('not-found');
        if (line.standing.state === 'approved') throw new PayRefusal('already-approved');
        if (line.standing.state === 'incomplete') throw new PayRefusal('incomplete');
        if (fingerprintOf(line.standing.draft.body) !== input.fingerprint) throw new PayRefusal('changed');
        chosen = [line];
      } else {
        chosen = lines.filter((l) => l.standing.state === 'draft');
        if (chosen.length === 0) throw new PayRefusal(lines.some((l) => l.standing.state === 'approved') && lines.every((l) => l.standing.state !== 'incomplete') ? 'already-approved' : 'nothing');
        if (monthFingerprint(lines) !== input.fingerprint) throw new PayRefusal('changed');
      }
      const made = chosen.map((line) => statement(line.userId, input.month, 1, (line.standing as Extract<MonthLine['standing'], { state: 'draft' }>).draft.body, by, null, at));
      data.payStatements.push(...made);
      return made;
    },
    (made) => made.map((s) => approvalEntry(s, by)),
  );
}

/**
 * A correction after approval: a new revision computed from today's figures and scheme, with the
 * reason and, when given, a new adjustment (with the same reason) in it. The revisions before stay as
 * they were. Refused for a month not approved, when the statement cannot be computed, when it changed
 * since the head was shown it, and when nothing would change.
 */
export async function correctStatement(
  store: Store,
  input: { month: string; userId: string; reason: string; amount?: number; fingerprint: string },
  by: string,
  schemeOf: SchemeOf,
): Promise<{ statement: StoredPayStatement; adjustment: StoredPayAdjustment | undefined; previousTotal: number }> {
  const at = clock.now().toISOString();
  return store.mutate(
    (data) => {
      const before = lineOf(data, input.month, input.userId, schemeOf);
      if (before.standing.state !== 'approved') throw new PayRefusal('not-approved');
      const { current, draft, changed } = before.standing;
      if (!draft.ok) throw new PayRefusal('incomplete');
      if (fingerprintOf(draft.body) !== input.fingerprint) throw new PayRefusal('changed');
      const samePay = !changed && draft.body.adjustments.length === current.body.adjustments.length;
      if (input.amount === undefined && samePay) throw new PayRefusal('unchanged');
      const adjustment: StoredPayAdjustment | undefined =
        input.amount === undefined ? undefined : { id: randomUUID(), userId: input.userId, month: input.month, amount: input.amount, reason: input.reason, by, at };
      if (adjustment) data.payAdjustments.push(adjustment);
      const after = lineOf(data, input.month, input.userId, schemeOf);
      if (after.standing.state !== 'approved' || !after.standing.draft.ok) throw new PayRefusal('incomplete');
      const made = statement(input.userId, input.month, current.revision + 1, after.standing.draft.body, by, input.reason, at);
      data.payStatements.push(made);
      return { statement: made, adjustment, previousTotal: current.body.total };
    },
    ({ statement: s, adjustment, previousTotal }) => [
      adjustment && { actor: by, action: 'pay.adjust', subject: `user:${adjustment.userId}`, details: { month: adjustment.month, adjustmentId: adjustment.id, amount: adjustment.amount, reason: adjustment.reason } },
      { ...approvalEntry(s, by), details: { ...approvalEntry(s, by).details, previousTotal } },
    ],
  );
}

/** The months that have statements or figures of people with a scheme, newest first. */
export function payMonths(store: Store, schemeOf: SchemeOf): Promise<string[]> {
  return store.read((data) => {
    const paid = new Set(data.users.filter((u) => schemeOf(u.position)).map((u) => u.id));
    const months = new Set([...data.payStatements.map((s) => s.month), ...data.kpiRecords.filter((r) => paid.has(r.userId)).map((r) => r.month)]);
    return [...months].sort().reverse();
  });
}
