import { createHash } from 'node:crypto';
import { allDocs } from '../content';
import { splitFrontmatter } from '../content-check/folder';
import { writeDocFile } from '../content-check/doc-file';
import { freeId, idFromTitle } from '../domain/doc-ids';
import type { DocKind } from '../schemas/doc';
import * as clock from './clock';
import { publishedFile } from './publishing';
import { keepDraftMedia } from './records/draft-media';
import { startImportedDraft } from './records/drafts';
import type { PublicUser } from './store/data';
import type { Store } from './store/store';
import { newEntryText } from './views/editor-templates';
import { WordImportError, type ConvertedDocument, type Finding, type ImportRefusal } from './word-import';
import { convertWordBytes } from './word-import/in-worker';

// Word files become drafts: each file a draft of a new document, or of the next version of a document
// that exists (the head names it, or the file's title is that document's title). Nothing is published
// here; the drafts open in the editor with what did not convert, and go out through the usual
// publication. A file that cannot be read changes nothing and says why.

/** Files one upload may bring. */
export const MAX_IMPORT_FILES = 20;

export interface WordFile {
  name: string;
  bytes: Buffer;
}

export type ImportOutcome =
  | {
      ok: true;
      file: string;
      entryId: string;
      title: string;
      kind: DocKind;
      /** Set when the file became the next version of this document. */
      versionOf: string | null;
      /** Whether that document was found by the file's title rather than named by the head. */
      matchedByTitle: boolean;
      findings: Finding[];
      images: number;
    }
  | { ok: false; file: string; reason: ImportRefusal | 'has-draft'; existing?: string };

const titleKey = (title: string) => title.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };
// Stands in for an image's address until the document's id is known.
const IMAGE_MARK = 'salesbook-imported-image:';

/** The body's first paragraph of plain text, cut to a summary's length; the title when there is none. */
export function summaryFrom(body: string, title: string): string {
  const paragraph = body
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .find((block) => block !== '' && !/^(#|\||[-*+] |\d+[.)] |!\[|>|<|\[\^)/.test(block));
  const text = paragraph?.replace(/\s+/g, ' ').replace(/[*_`\\]/g, '') ?? '';
  if (text === '') return title;
  if (text.length <= 200) return text;
  const cut = text.slice(0, 199);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 100))}…`;
}

/** `text` with its body replaced by `body`, its frontmatter as written. */
function withBody(text: string, body: string): string {
  const split = splitFrontmatter(text);
  const head = split ? text.slice(0, text.length - split.body.length) : text;
  return `${head.replace(/\n*$/, '\n')}\n${body.trim()}\n`;
}

/** Whether a title is an existing document's, the way a head would read them: case, «ё» and spaces aside. */
export function documentTitled(title: string, docs: readonly { id: string; data: { title: string } }[]): string | undefined {
  return docs.find((d) => titleKey(d.data.title) === titleKey(title))?.id;
}

/**
 * The file a converted Word document makes under `entryId`, and its images named by their bytes (so
 * that the same picture in two versions is one file): the published file with the new body when the
 * document exists, else a new document from its kind's outline, marked as a draft, with the body's
 * first paragraph as its summary.
 */
export async function composeImported(
  converted: ConvertedDocument,
  entryId: string,
  published: string | undefined,
  owner: string,
): Promise<{ text: string; media: { name: string; bytes: Buffer }[] }> {
  const media = converted.images.map((image) => ({ from: image.name, name: `${createHash('sha256').update(image.bytes).digest('hex').slice(0, 16)}.${EXTENSIONS[image.contentType]}`, bytes: image.bytes }));
  let body = converted.body;
  for (const image of media) body = body.split(`${IMAGE_MARK}${image.from}`).join(`/media/docs/${entryId}/${image.name}`);
  const text = published
    ? withBody(published, body)
    : writeDocFile(withBody(await newEntryText('docs', { title: converted.title, kind: converted.kind, owner, today: clock.todayIso() }), body), { summary: summaryFrom(body, converted.title) });
  return { text, media: media.map(({ name, bytes }) => ({ name, bytes })) };
}

/** Converts one Word file for `composeImported` (off the request thread in a running server); images get addresses it fills in. */
export function convertWordFile(file: WordFile): Promise<ConvertedDocument> {
  if (!/\.docx$/i.test(file.name)) return Promise.reject(new WordImportError('not-docx'));
  return convertWordBytes(file.bytes, file.name, IMAGE_MARK);
}

/**
 * Turns Word files into drafts for `user`. `versionOf` names the document one file is a new version
 * of; without it each file becomes a new document, unless its title is an existing document's.
 */
export async function importWordFiles(store: Store, user: PublicUser, files: readonly WordFile[], versionOf: string | null): Promise<ImportOutcome[]> {
  const docs = await allDocs();
  const taken = new Set([...docs.map((d) => d.id), ...(await store.read((data) => data.contentDrafts.filter((d) => d.collection === 'docs').map((d) => d.entryId)))]);
  const outcomes: ImportOutcome[] = [];
  for (const file of files) {
    let converted;
    try {
      converted = await convertWordFile(file);
    } catch (error) {
      if (!(error instanceof WordImportError)) throw error;
      outcomes.push({ ok: false, file: file.name, reason: error.reason });
      continue;
    }
    const matched = versionOf ? undefined : documentTitled(converted.title, docs);
    const target = versionOf ?? matched ?? null;
    const entryId = target ?? freeId(idFromTitle(converted.title), taken);
    taken.add(entryId);
    const published = target ? publishedFile('docs', target) : undefined;
    const { text, media } = await composeImported(converted, entryId, published?.text, user.position);
    const started = await startImportedDraft(store, {
      collection: 'docs',
      entryId,
      text,
      baseHash: published?.hash ?? null,
      userId: user.id,
      source: { file: file.name.slice(0, 255), findings: converted.findings.slice(0, 100).map((f) => ({ kind: f.kind, count: f.count, ...(f.sample ? { sample: f.sample.slice(0, 200) } : {}) })), media: [...new Set(media.map((m) => m.name))] },
    }, (result) => result.ok && {
      actor: user.id,
      action: 'content.imported',
      subject: `docs:${entryId}`,
      details: { file: file.name.slice(0, 255), versionOf: target, findings: converted.findings.length, images: media.length },
    });
    if (!started.ok) {
      outcomes.push({ ok: false, file: file.name, reason: 'has-draft', existing: entryId });
      continue;
    }
    keepDraftMedia(started.draft.id, media);
    outcomes.push({ ok: true, file: file.name, entryId, title: published ? (docs.find((d) => d.id === target)?.data.title ?? converted.title) : converted.title, kind: converted.kind, versionOf: target, matchedByTitle: matched !== undefined, findings: converted.findings, images: media.length });
  }
  return outcomes;
}
