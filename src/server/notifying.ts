import { allDocs } from '../content';
import { onContentServed } from '../content-store/library';
import { announceDocVersions } from './records/notifications';
import { publicUser } from './store/data';
import type { Store } from './store/store';
import { documentsToConfirm } from './views/my-path';

// New document versions reach their readers' notifications whichever way they went live: published
// from the editor or saved by hand in the content folder. Each content served is compared with the
// versions last told (records/notifications.ts), one content at a time.

/** Tells the readers of each document that is new or in a new major version since the last content. */
export async function announceNewVersions(store: Store) {
  const docs = (await allDocs()).map((d) => ({ id: d.id, version: d.data.version, status: d.data.status }));
  const people = await store.read((data) => data.users.filter((u) => !u.disabled).map(publicUser));
  // Who must confirm what is worked out once, for everyone, and only when a version is new.
  let readers: Map<string, string[]> | undefined;
  return announceDocVersions(store, docs, async (docId) => {
    if (!readers) {
      readers = new Map();
      for (const person of people) {
        for (const { doc } of await documentsToConfirm(store, person)) {
          const list = readers.get(doc.id);
          if (list) list.push(person.id);
          else readers.set(doc.id, [person.id]);
        }
      }
    }
    return readers.get(docId) ?? [];
  });
}

/** Announces the content served now, and every content served from now on, in turn. */
export async function keepAnnouncingVersions(store: Store): Promise<void> {
  let turn = announceNewVersions(store);
  await turn;
  onContentServed(() => {
    turn = turn
      .catch(() => undefined)
      .then(() => announceNewVersions(store))
      .catch((error: Error) => {
        console.error(`Salesbook: the readers of new document versions could not be told (${error.message}); the next content change tries again.`);
      })
      .then(() => []);
  });
}
