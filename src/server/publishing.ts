import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEDIA_FOLDER, splitFrontmatter, VERSIONS_FOLDER } from '../content-check/folder';
import { writeDocFile } from '../content-check/doc-file';
import { servedContent, writeContentFiles } from '../content-store/library';
import { nextVersion } from '../domain/versions';
import type { ContentProblem } from '../schemas/error-map';
import { announceContentChange } from './content-sync';
import { readDraftMedia } from './records/draft-media';
import type { ContentDraft } from './store/data';

// Publishing what was written in the browser: the draft's file goes into the content folder as an
// author would write it, the previous version's text is kept under docs/_versions/ (what
// `npm run docs:keep` does by hand), the version rises and the change log gets its line. The folder
// with the new file must pass the content check first; then the portal serves it at once, and the
// other servers on the same database as soon as they hear of it (content-sync.ts).

export const EDITABLE_COLLECTIONS = ['docs', 'scripts', 'lessons'] as const;
export type EditableCollection = (typeof EDITABLE_COLLECTIONS)[number];

const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** Whether `id` can name an entry of `collection`: never a path that leaves its folder. */
export function isEditableId(collection: string, id: string): collection is EditableCollection {
  if (collection === 'docs' || collection === 'scripts') return ID.test(id);
  if (collection === 'lessons') {
    const parts = id.split('/');
    return parts.length === 2 && parts.every((part) => ID.test(part));
  }
  return false;
}

/** The entry's file, relative to the content folder. */
export function contentPathOf(collection: EditableCollection, id: string): string {
  if (collection === 'lessons') {
    const [course, lesson] = id.split('/');
    return `courses/${course}/${lesson}.mdx`;
  }
  return `${collection}/${id}.mdx`;
}

export const fileHash = (text: string) => createHash('sha256').update(text).digest('hex');

/** The published file of an entry as it is on disk now, with its hash; undefined when there is none. */
export function publishedFile(collection: EditableCollection, id: string): { text: string; hash: string } | undefined {
  const path = join(servedContent().root, ...contentPathOf(collection, id).split('/'));
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  return { text, hash: fileHash(text) };
}

export interface PublishChoice {
  level: 'minor' | 'major';
  /** The date the new version takes effect, YYYY-MM-DD. */
  effective: string;
  /** The change-log line; required for a major version. */
  summary: string;
  /** Puts a document or script whose status is draft into effect (status active) as it is published. */
  activate?: boolean;
}

export type Publication =
  | { ok: true; files: Map<string, string>; version: string | undefined }
  | { ok: false; reason: 'summary-required' | 'no-version' };

const versionOf = (text: string | undefined): string | undefined => {
  const version = (splitFrontmatter(text ?? '')?.data as { version?: unknown } | undefined)?.version;
  return typeof version === 'string' && /^\d+\.\d+$/.test(version) ? version : undefined;
};

/**
 * The files a publication writes: the entry with its new version, effective date and change-log line
 * (documents and scripts have versions; lessons do not), and for a document the previous version's
 * text under docs/_versions/<id>/<version>.mdx. A new entry starts at 1.0. An entry still marked as a
 * draft is put into effect when the choice says so.
 */
export function composePublication(collection: EditableCollection, id: string, published: string | undefined, draft: string, choice: PublishChoice): Publication {
  const files = new Map<string, string>();
  if (collection === 'lessons') {
    files.set(contentPathOf(collection, id), draft);
    return { ok: true, files, version: undefined };
  }
  const summary = choice.summary.trim();
  const before = versionOf(published);
  if (published !== undefined && !before) return { ok: false, reason: 'no-version' };
  if (choice.level === 'major' && summary === '' && published !== undefined) return { ok: false, reason: 'summary-required' };
  const version = before ? nextVersion(before, choice.level) : '1.0';
  const draftData = (splitFrontmatter(draft)?.data ?? {}) as { changes?: unknown; status?: unknown };
  const changes = Array.isArray(draftData.changes) ? draftData.changes : [];
  const fields: Record<string, unknown> = { version };
  if (choice.activate && draftData.status === 'draft') fields.status = 'active';
  if (collection === 'docs') {
    fields.effective = choice.effective;
    if (summary) fields.changes = [{ version, date: choice.effective, summary }, ...changes];
  }
  files.set(contentPathOf(collection, id), writeDocFile(draft, fields));
  if (collection === 'docs' && published !== undefined && before) files.set(`docs/${VERSIONS_FOLDER}/${id}/${before}.mdx`, published);
  return { ok: true, files, version };
}

export type PublishResult =
  | { ok: true; version: string | undefined; files: string[] }
  | { ok: false; reason: 'summary-required' | 'no-version' | 'published-since' }
  | { ok: false; reason: 'content-check'; problems: ContentProblem[] };

/**
 * Publishes a draft: refused when the published file changed since the draft started from it, when a
 * major version has no change-log line, or when the content with it does not pass the content check
 * (nothing is written then, and the problems come back for the editor to show).
 */
export function publish(draft: ContentDraft, choice: PublishChoice): PublishResult {
  const collection = draft.collection;
  const current = publishedFile(collection, draft.entryId);
  if ((current?.hash ?? null) !== draft.baseHash) return { ok: false, reason: 'published-since' };
  const publication = composePublication(collection, draft.entryId, current?.text, draft.text, choice);
  if (!publication.ok) return publication;
  const files = new Map<string, string | Uint8Array>(publication.files);
  // Images an imported draft brought, those its text still shows, go beside the document.
  if (collection === 'docs' && draft.source) {
    const shown = draft.source.media.filter((name) => draft.text.includes(`/media/docs/${draft.entryId}/${name}`));
    for (const [name, bytes] of readDraftMedia(draft.id, shown)) files.set(`docs/${MEDIA_FOLDER}/${draft.entryId}/${name}`, bytes);
  }
  const written = writeContentFiles(files);
  if (!written.ok) return { ok: false, reason: 'content-check', problems: written.problems };
  // Other servers on the same database read the shared folder again (content-sync.ts).
  announceContentChange([...files.keys()]);
  return { ok: true, version: publication.version, files: [...files.keys()] };
}

/**
 * When the content folder is a git repository, records a publication as a commit of its files with the
 * person as author and the change-log line as message. Runs after the response; a failure is logged
 * and never undoes the publication (the files are in place either way).
 */
export function commitToGit(files: string[], message: string, author: { name: string; login: string }, log: (message: string) => void = console.warn): Promise<boolean> {
  const root = servedContent().root;
  if (!existsSync(join(root, '.git'))) return Promise.resolve(false);
  const git = (args: string[]) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn('git', ['-C', root, ...args], {
        env: { ...process.env, GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: `${author.login}@salesbook.invalid`, GIT_COMMITTER_NAME: 'Salesbook', GIT_COMMITTER_EMAIL: 'salesbook@salesbook.invalid' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', (error) => resolve({ code: -1, output: error.message }));
      child.once('exit', (code) => resolve({ code, output }));
    });
  return (async () => {
    const added = await git(['add', '--', ...files]);
    const committed = added.code === 0 ? await git(['commit', '-m', message, '--', ...files]) : added;
    if (committed.code !== 0) log(`Salesbook: the publication is in place, but git did not record it: ${committed.output.trim()}`);
    return committed.code === 0;
  })();
}
