import { requiredDocsFor, siteSettings, type DocEntry } from '../content';
import { outstandingDocs } from '../domain/acknowledgement';
import { acknowledgementsOf } from './acknowledgements';
import type { PublicUser } from './store/data';
import type { Store } from './store/store';

/** The documents a person still has to confirm, with why: never read, or a new major version. */
export async function documentsToConfirm(store: Store, user: PublicUser): Promise<{ doc: DocEntry; state: 'outdated' | 'unconfirmed' }[]> {
  const [required, acks, site] = await Promise.all([requiredDocsFor(user.position), acknowledgementsOf(store, user.id), siteSettings()]);
  const entries = required.map((doc) => ({ id: doc.id, ...doc.data, entry: doc }));
  return outstandingDocs(entries, acks, site.policies.reackOnMajor).map(({ doc, state }) => ({ doc: doc.entry, state }));
}

/** Whether a position has to confirm this document. */
export async function mustConfirm(position: string, docId: string): Promise<boolean> {
  return (await requiredDocsFor(position)).some((d) => d.id === docId);
}
