import { randomUUID } from 'node:crypto';
import type { ContentDraft } from '../store/data';
import type { Store } from '../store/store';
import type { AuditOf } from '../store/audit';
import * as clock from '../clock';

export type DraftCollection = ContentDraft['collection'];

/** What an edit started from: the draft's revision it loaded (0 when there was none) and the published file's hash. */
export interface DraftBase {
  revision: number;
  baseHash: string | null;
}

export type SaveResult =
  | { ok: true; draft: ContentDraft }
  /** Someone saved or published in between: nothing was overwritten; the text sent is kept as `copy`. */
  | { ok: false; reason: 'draft-changed' | 'published-since'; current: ContentDraft | undefined; copy: ContentDraft };

const key = (collection: DraftCollection, entryId: string) => `${collection}/${entryId}`;

/** The draft of an entry, if there is one (kept copies of refused saves aside). */
export async function draftOf(store: Store, collection: DraftCollection, entryId: string): Promise<ContentDraft | undefined> {
  return store.read((data) => data.contentDrafts.find((d) => d.conflictOf === null && d.collection === collection && d.entryId === entryId));
}

/** Kept copies of saves that were refused for an entry, newest first. */
export async function keptCopiesOf(store: Store, collection: DraftCollection, entryId: string): Promise<ContentDraft[]> {
  return store.read((data) =>
    data.contentDrafts.filter((d) => d.conflictOf === key(collection, entryId)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
  );
}

/** Every open draft, newest first: for the documents page. */
export async function allDrafts(store: Store): Promise<ContentDraft[]> {
  return store.read((data) => data.contentDrafts.filter((d) => d.conflictOf === null).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)));
}

type Edit = { collection: DraftCollection; entryId: string; text: string; base: DraftBase; userId: string };

/** A first revision of `edit`'s text: a draft (`conflictOf` null) or a kept copy of a refused save. */
function newDraft(edit: Edit, at: string, baseHash: string | null, conflictOf: string | null, source: DraftSource | null = null): ContentDraft {
  const { collection, entryId, text, userId } = edit;
  return { id: randomUUID(), collection, entryId, text, revision: 1, baseHash, authorId: userId, updatedBy: userId, createdAt: at, updatedAt: at, conflictOf, source };
}

export type DraftSource = NonNullable<ContentDraft['source']>;

/**
 * Starts an entry's draft from an imported file, with where it came from. An entry that already has a
 * draft keeps it: nothing is overwritten, and the draft there is returned instead.
 */
export async function startImportedDraft(
  store: Store,
  entry: { collection: DraftCollection; entryId: string; text: string; baseHash: string | null; userId: string; source: DraftSource },
  audit?: AuditOf<{ ok: true; draft: ContentDraft } | { ok: false; existing: ContentDraft }>,
): Promise<{ ok: true; draft: ContentDraft } | { ok: false; existing: ContentDraft }> {
  const at = clock.now().toISOString();
  return store.mutate((data) => {
    const existing = data.contentDrafts.find((d) => d.conflictOf === null && d.collection === entry.collection && d.entryId === entry.entryId);
    if (existing) return { ok: false as const, existing };
    const draft = newDraft({ ...entry, base: { revision: 0, baseHash: entry.baseHash } }, at, entry.baseHash, null, entry.source);
    data.contentDrafts = [...data.contentDrafts, draft];
    return { ok: true as const, draft };
  }, audit);
}

/**
 * Saves `text` as the entry's draft if the edit started from the draft as it is now and from the file
 * as it is published now (`publishedHash`, null when the entry does not exist yet). Otherwise nothing
 * is overwritten: the text is kept as a copy beside the draft, and the result says what changed.
 */
export async function saveDraft(
  store: Store,
  edit: Edit,
  publishedHash: string | null,
  audit?: AuditOf<SaveResult>,
): Promise<SaveResult> {
  const at = clock.now().toISOString();
  return store.mutate((data): SaveResult => {
    const index = data.contentDrafts.findIndex((d) => d.conflictOf === null && d.collection === edit.collection && d.entryId === edit.entryId);
    const current = index >= 0 ? data.contentDrafts[index] : undefined;
    const draftChanged = (current?.revision ?? 0) !== edit.base.revision;
    const publishedSince = current ? false : edit.base.baseHash !== publishedHash;
    if (draftChanged || publishedSince) {
      const copy = newDraft(edit, at, edit.base.baseHash, key(edit.collection, edit.entryId));
      data.contentDrafts = [...data.contentDrafts, copy];
      return { ok: false, reason: draftChanged ? 'draft-changed' : 'published-since', current, copy };
    }
    const draft: ContentDraft = current
      ? { ...current, text: edit.text, revision: current.revision + 1, updatedBy: edit.userId, updatedAt: at }
      : newDraft(edit, at, publishedHash, null);
    data.contentDrafts = current ? data.contentDrafts.map((d, i) => (i === index ? draft : d)) : [...data.contentDrafts, draft];
    return { ok: true, draft };
  }, audit);
}

/** Removes a draft or a kept copy by id. Returns what was removed. */
export async function removeDraft(store: Store, id: string, audit?: AuditOf<ContentDraft | undefined>): Promise<ContentDraft | undefined> {
  return store.mutate((data) => {
    const found = data.contentDrafts.find((d) => d.id === id);
    if (found) data.contentDrafts = data.contentDrafts.filter((d) => d.id !== id);
    return found;
  }, audit);
}

/** A draft by id, kept copies included. */
export async function draftById(store: Store, id: string): Promise<ContentDraft | undefined> {
  return store.read((data) => data.contentDrafts.find((d) => d.id === id));
}
