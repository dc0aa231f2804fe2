import { randomUUID } from 'node:crypto';
import type { Acknowledgement } from '../store/data';
import type { Store } from '../store/store';
import type { AuditOf } from '../store/audit';
import * as clock from '../clock';

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
 * one; confirming it again changes nothing. Returns whether a record was added.
 */
export async function acknowledgeDoc(
  store: Store,
  input: { userId: string; docId: string; version: string; currentVersion: string; contentHash: string },
  audit?: AuditOf<{ added: boolean; ack: Acknowledgement }>,
): Promise<{ added: boolean; ack: Acknowledgement }> {
  if (input.version !== input.currentVersion) throw new AckError('stale-version');
  return store.mutate((data) => {
    const mine = data.acknowledgements.filter((a) => a.userId === input.userId && a.docId === input.docId);
    const same = mine.find((a) => a.version === input.version);
    if (same) return { added: false, ack: same };
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
