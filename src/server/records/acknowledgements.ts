import { randomUUID } from 'node:crypto';
import type { Acknowledgement } from '../store/data';
import type { Store } from '../store/store';
import type { AuditOf } from '../store/audit';
import * as clock from '../clock';
import { hasExpired, validityOf } from '../../domain/validity';

export class AckError extends Error {
  constructor(readonly code: 'stale-version') {
    super(code);
  }
}

export async function acknowledgementsOf(store: Store, userId: string): Promise<Acknowledgement[]> {
  return store.read((data) => data.acknowledgements.filter((a) => a.userId === userId));
}

/**
 * Records that a person read the current version of a document. The version must be the current
 * one; confirming it again changes nothing while the confirmation holds. For a document with
 * `validForMonths` (`validity`), a confirmation that has expired is renewed by a new record.
 * Returns whether a record was added.
 */
export async function acknowledgeDoc(
  store: Store,
  input: { userId: string; docId: string; version: string; currentVersion: string; contentHash: string; validity?: { months: number; timeZone: string } },
  audit?: AuditOf<{ added: boolean; ack: Acknowledgement }>,
): Promise<{ added: boolean; ack: Acknowledgement }> {
  if (input.version !== input.currentVersion) throw new AckError('stale-version');
  return store.mutate((data) => {
    const mine = data.acknowledgements.filter((a) => a.userId === input.userId && a.docId === input.docId);
    const same = mine.filter((a) => a.version === input.version).reduce<Acknowledgement | undefined>((latest, a) => (!latest || a.at > latest.at ? a : latest), undefined);
    const lapsed = same && input.validity && hasExpired(validityOf(same.at, input.validity.months, input.validity.timeZone), clock.now());
    if (same && !lapsed) return { added: false, ack: same };
    const ack: Acknowledgement = {
      id: randomUUID(),
      userId: input.userId,
      docId: input.docId,
      version: input.version,
      contentHash: input.contentHash,
      at: clock.now().toISOString(),
    };
    data.acknowledgements.push(ack);
    return { added: true, ack };
  }, audit);
}
