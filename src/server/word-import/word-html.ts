import mammoth from 'mammoth';
import type { FindingTally } from './findings';
import { imageTypeOf, type ImageType } from './images';
import { WordImportError } from './refusal';

// The first half of a conversion: Mammoth reads the Word document into plain HTML that keeps its
// structure (headings, lists, tables, notes, pictures) and drops its looks. Pictures are held back
// here and named later, in the order they appear in the body.

/** The `src` Mammoth writes for the n-th picture it met; the body names each when it places it. */
export const PICTURE_SOURCE = 'salesbook-word-picture:';

/** A picture as Mammoth met it: its bytes and type when a browser can show it. */
export interface WordPicture {
  bytes: Buffer | undefined;
  contentType: ImageType | undefined;
}

export interface WordHtml {
  html: string;
  pictures: WordPicture[];
}

// Word stores built-in style names in English whatever the language of Word ("heading 1", "Title").
// Mammoth maps headings, lists and notes itself; these add what Salesbook reads differently.
const STYLE_MAP = [
  // The document's title, told apart from its sections.
  "p[style-name='Title'] => h1.title:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  // Word's table of contents: the portal makes its own from the headings.
  "p[style-name^='toc '] => !",
  "p[style-name='TOC Heading'] => !",
  // Common styles of plain text, which are text like any other. ("List Paragraph" is not mapped: a
  // mapping would win over Mammoth's lists, and its paragraphs are mostly list items.)
  "p[style-name='No Spacing'] => p:fresh",
  "p[style-name^='Body Text'] => p:fresh",
  "p[style-name='Normal (Web)'] => p:fresh",
  "p[style-name='Plain Text'] => p:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "r[style-name='Emphasis'] => em",
  "r[style-name='Subtle Emphasis'] => em",
  "r[style-name='Intense Emphasis'] => strong",
  "r[style-name='Strong Emphasis'] => strong",
  // A table's look says nothing of its content.
  'table => table',
];

/** Styles Mammoth does not map whose paragraphs are plain text all the same. */
const PLAIN_STYLES: ReadonlySet<string> = new Set(['List Paragraph']);

const UNKNOWN_STYLE = /^Unrecognised (?:paragraph|run|table) style: '(.*)' \(Style ID: .*\)$/;
const UNKNOWN_ELEMENT = /^An unrecognised element was ignored: (?:\{[^}]*\}|\w+:)?(.*)$/;
/** Elements the package report counts with their text (equations, embedded objects): Mammoth's word on them would say it twice. */
const REPORTED_ELEMENTS: ReadonlySet<string> = new Set(['oMath', 'oMathPara', 'OLEObject']);

/** What Mammoth said as it read, as findings: styles it does not know, and parts of the file it skipped. */
function tallyMessages(messages: { type: string; message: string }[], tally: FindingTally): void {
  for (const { message } of messages) {
    const style = UNKNOWN_STYLE.exec(message);
    if (style) {
      if (!PLAIN_STYLES.has(style[1] ?? '')) tally.addName('unknown-style', style[1] ?? '');
      continue;
    }
    const element = UNKNOWN_ELEMENT.exec(message);
    if (element) {
      const name = element[1] ?? '';
      if (!REPORTED_ELEMENTS.has(name)) tally.addName('unrecognised-content', name);
      continue;
    }
    if (/^Could not find image file|^A v:imagedata element without a relationship ID/.test(message)) tally.add('unsupported-image');
    else if (/^A w:sym element with an unsupported character/.test(message)) tally.addName('unrecognised-content', 'w:sym');
    // The rest is about how the file is written (fields, breaks), not about text that is lost.
  }
}

/** Reads a checked Word package into HTML. Throws WordImportError('corrupt') when Mammoth cannot read it. */
export async function wordToHtml(bytes: Buffer, tally: FindingTally): Promise<WordHtml> {
  const pictures: WordPicture[] = [];
  const convertImage = mammoth.images.imgElement(async (image) => {
    const picture: WordPicture = { bytes: undefined, contentType: undefined };
    const source = `${PICTURE_SOURCE}${pictures.push(picture) - 1}`;
    try {
      picture.bytes = await image.readAsBuffer();
      picture.contentType = imageTypeOf(picture.bytes);
    } catch {
      // A picture linked to a file outside the document: there is nothing to read.
    }
    return { src: source };
  });
  try {
    const result = await mammoth.convertToHtml({ buffer: bytes }, { styleMap: STYLE_MAP, convertImage, externalFileAccess: false, includeEmbeddedStyleMap: false });
    tallyMessages(result.messages, tally);
    return { html: result.value, pictures };
  } catch (error) {
    throw new WordImportError('corrupt', error instanceof Error ? error.message : String(error));
  }
}
