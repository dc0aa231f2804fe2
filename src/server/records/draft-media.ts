import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataFiles } from '../config';
import { MEDIA_NAME } from '../store/data';

// The images of a draft imported from a Word file wait in the data folder, one folder per draft
// (data/draft-media/<draft id>/<name>), until the draft is published into the content folder's
// docs/_media/<doc>/ or discarded. Names are hashes of the bytes (MEDIA_NAME): nothing else is read
// or written here.

const folderOf = (draftId: string) => {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(draftId)) throw new Error(`Not a draft id: ${draftId}`);
  return join(dataFiles.draftMedia(), draftId);
};

/** Keeps a draft's images; each file is written whole. */
export function keepDraftMedia(draftId: string, images: readonly { name: string; bytes: Uint8Array }[]): void {
  if (images.length === 0) return;
  const folder = folderOf(draftId);
  mkdirSync(folder, { recursive: true });
  for (const { name, bytes } of images) {
    if (!MEDIA_NAME.test(name)) throw new Error(`Not an image name: ${name}`);
    const temporary = join(folder, `.${name}.tmp`);
    writeFileSync(temporary, bytes);
    renameSync(temporary, join(folder, name));
  }
}

/** Where one of a draft's images is, if it is there. */
export function draftMediaPath(draftId: string, name: string): string | undefined {
  if (!MEDIA_NAME.test(name)) return undefined;
  const path = join(folderOf(draftId), name);
  return existsSync(path) ? path : undefined;
}

/** A draft's images by name, for publishing; a name whose file is gone is left out. */
export function readDraftMedia(draftId: string, names: readonly string[]): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const name of names) {
    const path = draftMediaPath(draftId, name);
    if (path) found.set(name, readFileSync(path));
  }
  return found;
}

/** Removes a draft's images once it is published or discarded. */
export function dropDraftMedia(draftId: string): void {
  rmSync(folderOf(draftId), { recursive: true, force: true });
}
