// Reads Markdown (MDX) line by line as the renderer sees its blocks, for everything that reads
// document text without rendering it: the headings and their anchors, and the text comparison.

/** What one line of a Markdown text is. */
export type MarkdownLine =
  /** The ``` or ~~~ line that opens a code block. */
  | { kind: 'code-start' }
  /** A line inside a code block, as written. */
  | { kind: 'code'; line: string }
  /** The line that closes a code block. */
  | { kind: 'code-end' }
  /** An empty line, an MDX import or export, or a table's rule line: it ends a block and says nothing. */
  | { kind: 'break' }
  | { kind: 'heading'; depth: number; text: string }
  /** `- item`, `* item`, `1. item`, `2) item`: the marker as written and the item's text. */
  | { kind: 'list-item'; marker: string; text: string }
  /** `| a | b |`: the cells, as written. */
  | { kind: 'table-row'; cells: string[] }
  | { kind: 'text'; line: string };

const FENCE = /^\s*(```|~~~)/;
const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s+(.*)$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const MODULE_LINE = /^(import|export)\s/;

/** The lines of a Markdown text, each with what it is; code blocks are followed from fence to fence. */
export function* markdownLines(markdown: string): Generator<MarkdownLine> {
  let inCode = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (inCode) {
      if (FENCE.test(line)) {
        inCode = false;
        yield { kind: 'code-end' };
      } else yield { kind: 'code', line };
      continue;
    }
    if (FENCE.test(line)) {
      inCode = true;
      yield { kind: 'code-start' };
      continue;
    }
    if (line.trim() === '' || MODULE_LINE.test(line) || TABLE_RULE.test(line)) {
      yield { kind: 'break' };
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      yield { kind: 'heading', depth: heading[1]!.length, text: heading[2]! };
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      yield { kind: 'list-item', marker: item[1]!, text: item[2]! };
      continue;
    }
    if (line.trim().startsWith('|')) {
      yield { kind: 'table-row', cells: line.trim().replace(/^\||\|$/g, '').split('|') };
      continue;
    }
    yield { kind: 'text', line };
  }
}
