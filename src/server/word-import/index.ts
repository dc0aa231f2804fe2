import type { DocKind } from '../../schemas/doc';
import { bodyFromHtml } from './body';
import { checkWordPackage } from './container';
import { FindingTally, type Finding } from './findings';
import type { ImportedImage } from './images';
import { inspectPackage } from './package-report';
import { WordImportError } from './refusal';
import { guessKind, titleFromFileName } from './titles';
import { wordToHtml } from './word-html';

// Heads of sales bring their regulations in as Word files. A file becomes a Salesbook document body
// (Markdown that is valid MDX), its pictures and a report of what did not carry over, so the head can
// check those places in the draft before publishing. Nothing of the file is trusted: the package is
// checked as a zip before the converter reads it, and the body passes the same MDX check as a body
// written in the browser.

export { MAX_DOCX_BYTES, MAX_UNPACKED_BYTES, WordImportError, type ImportRefusal } from './refusal';
export type { Finding, FindingKind } from './findings';
export type { ImportedImage } from './images';
export { guessKind };

export interface ConvertedDocument {
  title: string;
  /** 'heading' when the document's text gave the title (a title or top heading, or a first paragraph that reads as one). */
  titleFrom: 'heading' | 'file-name';
  kind: DocKind;
  /** The document body: Markdown, valid MDX, sections from ##. */
  body: string;
  /** image-1.png, image-2.jpeg … in order of appearance, each at `imageUrl(name)` in the body. */
  images: ImportedImage[];
  /** What was dropped or approximated; [] when the conversion is faithful. */
  findings: Finding[];
}

export interface ConvertOptions {
  /** The name the file was uploaded with: the title when the text has none. */
  fileName: string;
  /** Where the portal will serve a picture of the document, by its name. */
  imageUrl: (name: string) => string;
}

/** Converts a .docx into a document body, its pictures and a report. Throws WordImportError when the file is refused. */
export async function convertDocx(bytes: Buffer, options: ConvertOptions): Promise<ConvertedDocument> {
  const parts = await checkWordPackage(bytes);
  const tally = new FindingTally();
  const { html, pictures } = await wordToHtml(bytes, tally);
  const { body, title, images } = await bodyFromHtml(html, { pictures, imageUrl: options.imageUrl, tally });
  if (body === '' && title === undefined) throw new WordImportError('empty', 'the document has no text');
  try {
    inspectPackage(parts, tally);
  } catch (error) {
    throw new WordImportError('corrupt', error instanceof Error ? error.message : String(error));
  }
  const finalTitle = title ?? titleFromFileName(options.fileName);
  return {
    title: finalTitle,
    titleFrom: title === undefined ? 'file-name' : 'heading',
    kind: guessKind(finalTitle),
    body,
    images,
    findings: tally.list(),
  };
}
