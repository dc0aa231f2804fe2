import { diffArrays, diffWords } from 'diff';
import { plainText } from './headings';
import { markdownLines } from './markdown-lines';

/** One unit of a document as a reader sees it: a paragraph, a list item, a table row or a heading. */
export interface TextBlock {
  text: string;
  heading: boolean;
}

const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---\r?\n?/;

/** Inline text without Markdown marks and MDX/HTML tags: `<Callout type="note">Текст</Callout>` → `Текст`. */
function inline(line: string): string {
  return plainText(line.replace(/<\/?[A-Za-z][^>]*>/g, ' ').replace(/^>\s?/, '')).replace(/\s+/g, ' ').trim();
}

/**
 * Splits an MDX text into the blocks a reader sees, without markup, so that a comparison shows
 * words rather than asterisks and component tags. Frontmatter, imports and empty tags are dropped.
 */
export function readableBlocks(mdx: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let paragraph: string[] = [];
  let item: string[] | undefined;
  let code: string[] | undefined;
  const flush = () => {
    for (const lines of [paragraph, item ?? []]) {
      const text = lines.join(' ').replace(/\s+/g, ' ').trim();
      if (text) blocks.push({ text, heading: false });
    }
    paragraph = [];
    item = undefined;
  };
  for (const line of markdownLines(mdx.replace(FRONTMATTER, ''))) {
    switch (line.kind) {
      case 'code-start':
        flush();
        code = [];
        break;
      case 'code':
        code!.push(line.line);
        break;
      case 'code-end':
        blocks.push({ text: code!.join('\n'), heading: false });
        code = undefined;
        break;
      case 'break':
        flush();
        break;
      case 'heading':
        flush();
        blocks.push({ text: inline(line.text), heading: true });
        break;
      case 'list-item':
        flush();
        item = [(/\d/.test(line.marker) ? `${line.marker} ` : '• ') + inline(line.text)];
        break;
      case 'table-row': {
        flush();
        const cells = line.cells.map(inline).filter(Boolean);
        if (cells.length > 0) blocks.push({ text: cells.join(' · '), heading: false });
        break;
      }
      case 'text': {
        const text = inline(line.line);
        // A line of tags only, such as <Steps>: it ends the paragraph and says nothing itself.
        if (!text) flush();
        // A line right after a list item continues it, indented or not, as Markdown reads it.
        else (item ?? paragraph).push(text);
        break;
      }
    }
  }
  if (code) blocks.push({ text: code.join('\n'), heading: false });
  flush();
  return blocks;
}

/** A stretch of words inside a changed block. */
export interface WordPart {
  change: 'same' | 'added' | 'removed';
  text: string;
}

/** One row of a comparison, in the order of the current text. */
export type DiffBlock =
  | { change: 'same' | 'added' | 'removed'; heading: boolean; text: string }
  | { change: 'changed'; heading: boolean; parts: WordPart[] }
  | { change: 'skipped'; count: number };

export interface TextComparison {
  blocks: DiffBlock[];
  /** Whether the texts differ at all, as a reader sees them. */
  changed: boolean;
}

const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** How alike two blocks are, 0 to 1, by shared words (Dice coefficient). */
export function similarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size + y.size === 0) return 1;
  let shared = 0;
  for (const word of x) if (y.has(word)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** Blocks at least this alike are shown as one edited block; less alike, as one removed and one added. */
const EDIT_THRESHOLD = 0.4;

function wordParts(before: string, after: string, segmenter: Intl.Segmenter): WordPart[] {
  const parts: WordPart[] = [];
  for (const change of diffWords(before, after, { intlSegmenter: segmenter })) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const last = parts.at(-1);
    if (last?.change === kind) last.text += change.value;
    else parts.push({ change: kind, text: change.value });
  }
  return parts;
}

/** Pairs removed and added blocks that are edits of each other, keeping the current text's order. */
function pairRun(removed: TextBlock[], added: TextBlock[], segmenter: Intl.Segmenter): DiffBlock[] {
  const out: DiffBlock[] = [];
  let next = 0;
  for (const old of removed) {
    const match = added.findIndex((candidate, index) => index >= next && similarity(old.text, candidate.text) >= EDIT_THRESHOLD);
    if (match < 0) {
      out.push({ change: 'removed', heading: old.heading, text: old.text });
      continue;
    }
    for (const fresh of added.slice(next, match)) out.push({ change: 'added', heading: fresh.heading, text: fresh.text });
    const fresh = added[match]!;
    out.push({ change: 'changed', heading: fresh.heading, parts: wordParts(old.text, fresh.text, segmenter) });
    next = match + 1;
  }
  for (const fresh of added.slice(next)) out.push({ change: 'added', heading: fresh.heading, text: fresh.text });
  return out;
}

/**
 * Compares two versions of a document word by word, as a reader sees them: edited blocks show the
 * words removed and added, whole blocks may be added or removed, and unchanged blocks further than
 * `context` blocks from a change are folded into one "skipped" row with their count.
 */
export function compareTexts(before: string, after: string, options: { context?: number; locale?: string } = {}): TextComparison {
  const context = options.context ?? 1;
  const segmenter = new Intl.Segmenter(options.locale ?? 'ru', { granularity: 'word' });
  const oldBlocks = readableBlocks(before);
  const newBlocks = readableBlocks(after);
  const key = (block: TextBlock) => `${block.heading ? '#' : ''}${block.text}`;
  const rows: DiffBlock[] = [];
  let oldAt = 0;
  let newAt = 0;
  let removed: TextBlock[] = [];
  let added: TextBlock[] = [];
  const settle = () => {
    rows.push(...pairRun(removed, added, segmenter));
    removed = [];
    added = [];
  };
  for (const change of diffArrays(oldBlocks.map(key), newBlocks.map(key))) {
    const count = change.value.length;
    if (change.removed) {
      removed.push(...oldBlocks.slice(oldAt, oldAt + count));
      oldAt += count;
    } else if (change.added) {
      added.push(...newBlocks.slice(newAt, newAt + count));
      newAt += count;
    } else {
      settle();
      for (const block of newBlocks.slice(newAt, newAt + count)) rows.push({ change: 'same', heading: block.heading, text: block.text });
      oldAt += count;
      newAt += count;
    }
  }
  settle();

  const changedAt = rows.flatMap((row, index) => (row.change === 'same' ? [] : [index]));
  const near = (index: number) => changedAt.some((at) => Math.abs(at - index) <= context);
  const blocks: DiffBlock[] = [];
  for (const [index, row] of rows.entries()) {
    if (row.change !== 'same' || near(index)) {
      blocks.push(row);
      continue;
    }
    const last = blocks.at(-1);
    if (last?.change === 'skipped') last.count++;
    else blocks.push({ change: 'skipped', count: 1 });
  }
  return { blocks, changed: changedAt.length > 0 };
}
