import { requiredDocsFor, siteSettings, type DocEntry } from '../../content';
import { outstandingDocs } from '../../domain/acknowledgement';
import { acknowledgementsOf } from '../records/acknowledgements';
import type { PublicUser } from '../store/data';
import { perDataChange } from '../memo';
import type { Store } from '../store/store';

type ToConfirm = { doc: DocEntry; state: 'outdated' | 'unconfirmed' }[];

// Every page's header shows how many documents the reader still has to confirm, and working it out
// goes through every document their position requires. The answer changes only with the data store
// or the content served, so it is kept per person until either changes; by person alone, since a new
// position is a change to the store.
const toConfirmByPerson = perDataChange<ToConfirm>();

/** The documents a person still has to confirm, with why: never read, or a new major version. */
export async function documentsToConfirm(store: Store, user: PublicUser): Promise<ToConfirm> {
  const result = await toConfirmByPerson(store, user.id, async () => {
    const [required, acks, site] = await Promise.all([requiredDocsFor(user.position), acknowledgementsOf(store, user.id), siteSettings()]);
    const entries = required.map((doc) => ({ id: doc.id, ...doc.data, entry: doc }));
    return outstandingDocs(entries, acks, site.policies.reackOnMajor).map(({ doc, state }) => ({ doc: doc.entry, state }));
  });
  return [...result];
}

/** Whether a position has to confirm this document. */
export async function mustConfirm(position: string, docId: string): Promise<boolean> {
  return (await requiredDocsFor(position)).some((d) => d.id === docId);
}
