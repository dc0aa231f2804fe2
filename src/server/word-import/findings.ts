// The report of an import: what a Word file held that the document body does not carry as it was.
// A head reads it beside the draft, so each finding counts the places and quotes a few words of one.

/** What of a Word file was dropped or approximated, in the order the report lists them. */
export const FINDING_KINDS = [
  /** Text boxes whose text was kept, as paragraphs after the place they stood. */
  'text-box',
  /** Text boxes (drawn shapes with text) whose text was lost. */
  'text-box-dropped',
  'comment',
  /** Revisions: insertions are kept and deletions dropped, as if every change was accepted. */
  'tracked-change',
  'merged-cells',
  /** Table cells with several paragraphs, a list or a table, written on one line. */
  'complex-table',
  'embedded-object',
  'chart',
  /** SmartArt. */
  'diagram',
  /** Drawn shapes and arrows, such as a flowchart drawn in Word. */
  'drawing',
  'equation',
  /** Pictures in a format browsers do not show (EMF, WMF, TIFF …), and pictures linked rather than stored. */
  'unsupported-image',
  'header-footer',
  /** Word's own table of contents: the portal makes one from the headings. */
  'table-of-contents',
  /** Links to files on a computer or a network folder, kept as plain text. */
  'file-link',
  /** Word styles with no meaning here, the names as the sample; their text is kept as plain paragraphs. */
  'unknown-style',
  /** Other parts of the file that the converter does not read, by their names in the file. */
  'unrecognised-content',
  /** Text that would have been read as code in a document and was dropped. */
  'unsafe-text',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  kind: FindingKind;
  /** How many places (for styles and other content: how many different names). */
  count: number;
  /** A few words of the text concerned, when there is some. */
  sample?: string;
}

/** Longest sample quoted, in characters. */
const SAMPLE_LENGTH = 60;
const SAMPLE_WORDS = 8;

/** The first few words of `text`, with an ellipsis when there are more; undefined when there is no text. */
export function sampleOf(text: string | undefined): string | undefined {
  const words = (text ?? '').split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  let sample = words.slice(0, SAMPLE_WORDS).join(' ');
  if (sample.length > SAMPLE_LENGTH) sample = sample.slice(0, SAMPLE_LENGTH).replace(/\s+\S*$/, '') || sample.slice(0, SAMPLE_LENGTH);
  return sample.length < words.join(' ').length ? `${sample}…` : sample;
}

// Kinds whose sample names things (styles, parts of the file) rather than quoting text.
const NAMED_KINDS: ReadonlySet<FindingKind> = new Set(['unknown-style', 'unrecognised-content']);
const NAMES_SHOWN = 3;

/** Findings as a conversion meets them. */
export class FindingTally {
  #counts = new Map<FindingKind, number>();
  #samples = new Map<FindingKind, string[]>();

  /** One more place of `kind` (or `count` more), quoting `text` when it is the first quoted. */
  add(kind: FindingKind, text?: string, count = 1): void {
    if (count <= 0) return;
    this.#counts.set(kind, (this.#counts.get(kind) ?? 0) + count);
    const sample = sampleOf(text);
    if (sample && !this.#samples.has(kind)) this.#samples.set(kind, [sample]);
  }

  /** A named thing of `kind` (a style, a part of the file): counted once however often it comes. */
  addName(kind: FindingKind, name: string): void {
    const names = this.#samples.get(kind) ?? [];
    if (names.includes(name)) return;
    this.#samples.set(kind, [...names, name]);
    this.#counts.set(kind, (this.#counts.get(kind) ?? 0) + 1);
  }

  /** The findings in the report's order. */
  list(): Finding[] {
    return FINDING_KINDS.flatMap((kind) => {
      const count = this.#counts.get(kind);
      if (!count) return [];
      const samples = this.#samples.get(kind);
      if (!samples) return [{ kind, count }];
      const sample = NAMED_KINDS.has(kind) ? samples.slice(0, NAMES_SHOWN).join(', ') + (samples.length > NAMES_SHOWN ? ' …' : '') : samples[0];
      return [{ kind, count, sample }];
    });
  }
}
