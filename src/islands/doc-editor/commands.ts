// The body editor's text transformations, on plain strings: the island applies each result as one
// CodeMirror transaction, so every toolbar action is one undo step.
import { docHref } from '../../domain/doc-links';

/** A selection: `from` ≤ `to`, equal for a bare cursor. */
export interface Range {
  from: number;
  to: number;
}

/** What a command does: one span of the old text replaced, and the selection afterwards. */
export interface Edit {
  /** The span of the old text replaced, and what replaces it. */
  change: { from: number; to: number; insert: string };
  /** The whole text afterwards. */
  text: string;
  /** Where the selection goes, in the new text. */
  selection: Range;
}

export type CalloutType = 'note' | 'warning';
export type Speaker = 'manager' | 'client';
/** The document or section a link points to. */
export interface LinkTarget {
  id: string;
  title: string;
  section?: { slug: string; text: string };
}

function edit(text: string, from: number, to: number, insert: string, selection: Range): Edit {
  return { change: { from, to, insert }, text: text.slice(0, from) + insert + text.slice(to), selection };
}

const BLANK = /^\s*$/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+|$)/;
const BULLET = /^([ \t]*)[-*+][ \t]+/;
const ORDERED = /^([ \t]*)\d{1,9}[.)][ \t]+/;
/** Block markup at a line's start that emphasis goes inside of. */
const BLOCK_MARKUP = /^[ \t]*(?:(?:#{1,6}|[-*+]|\d{1,9}[.)]|>)[ \t]+)?/;

/** The whole lines a selection touches; one ending at a line's very start leaves that line out. */
function lineSpan(text: string, from: number, to: number): Range {
  const start = from === 0 ? 0 : text.lastIndexOf('\n', from - 1) + 1;
  const last = to > from && text[to - 1] === '\n' ? to - 1 : to;
  const end = text.indexOf('\n', last);
  return { from: start, to: end === -1 ? text.length : end };
}

/** The previous line's text (the line before `lineStart`), or undefined on the first line. */
function lineBefore(text: string, lineStart: number): string | undefined {
  if (lineStart === 0) return undefined;
  return text.slice(lineSpan(text, lineStart - 1, lineStart - 1).from, lineStart - 1);
}

/** The next line's text (the line after the one ending at `lineEnd`), or undefined on the last line. */
function lineAfter(text: string, lineEnd: number): string | undefined {
  if (lineEnd >= text.length) return undefined;
  return text.slice(lineEnd + 1, lineSpan(text, lineEnd + 1, lineEnd + 1).to);
}

/** Lines rewritten, and which written lines next to them get a blank line between (none when absent). */
interface Rewritten {
  lines: string[];
  keepApart?: (neighbour: string) => boolean;
}

/**
 * Rewrites the lines a selection touches (only their starts change), optionally parting them from
 * neighbouring text by blank lines. A cursor keeps its place in its line's text; a selection grows to the lines.
 */
function rewriteLines(text: string, range: Range, rewrite: (lines: string[]) => Rewritten): Edit {
  const span = lineSpan(text, range.from, range.to);
  const { lines, keepApart } = rewrite(text.slice(span.from, span.to).split('\n'));
  const parted = (line: string | undefined) => keepApart !== undefined && line !== undefined && !BLANK.test(line) && keepApart(line);
  const before = parted(lineBefore(text, span.from)) ? '\n' : '';
  const after = parted(lineAfter(text, span.to)) ? '\n' : '';
  const body = lines.join('\n');
  const start = span.from + before.length;
  const end = start + body.length;
  if (range.from !== range.to) return edit(text, span.from, span.to, before + body + after, { from: start, to: end });
  // Only line starts change, so the distance from the line's end holds; never land inside the new markup.
  const cursor = Math.max(end - (span.to - range.from), start + markupLength(lines[0] ?? ''));
  return edit(text, span.from, span.to, before + body + after, { from: cursor, to: cursor });
}

function markupLength(line: string): number {
  return (HEADING.exec(line) ?? BULLET.exec(line) ?? ORDERED.exec(line))?.[0].length ?? 0;
}

/** Makes the touched lines headings of `level`; lines already at that level become plain text again. */
export function heading(text: string, from: number, to: number, level: 2 | 3): Edit {
  const mark = `${'#'.repeat(level)} `;
  const atLevel = new RegExp(`^ {0,3}#{${level}}(?:[ \\t]+|$)`);
  return rewriteLines(text, { from, to }, (lines) => {
    const written = lines.filter((line) => !BLANK.test(line));
    if (written.length > 0 && written.every((line) => atLevel.test(line))) return { lines: lines.map((line) => line.replace(HEADING, '')) };
    const headings = lines.map((line) => (BLANK.test(line) && lines.length > 1 ? line : mark + line.replace(HEADING, '').trimStart()));
    return { lines: headings, keepApart: () => true };
  });
}

/** Whether a neighbouring line would run into a list: anything but another list item. */
const notListItem = (line: string) => !BULLET.test(line) && !ORDERED.test(line);

function stripListMarker(line: string): { indent: string; rest: string } {
  const found = BULLET.exec(line) ?? ORDERED.exec(line);
  if (found) return { indent: found[1] ?? '', rest: line.slice(found[0].length) };
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  return { indent, rest: line.slice(indent.length) };
}

/**
 * Makes the touched lines a bulleted list (`- `) or, when they all are one already, plain lines again.
 * Blank lines inside the selection stay blank.
 */
export function bulletList(text: string, from: number, to: number): Edit {
  return listOf(text, { from, to }, BULLET, () => '- ');
}

/** Makes the touched lines a numbered list (1., 2., …) or, when they all are one already, plain lines again. */
export function numberedList(text: string, from: number, to: number): Edit {
  return listOf(text, { from, to }, ORDERED, (n) => `${n}. `);
}

function listOf(text: string, range: Range, kind: RegExp, marker: (n: number) => string): Edit {
  return rewriteLines(text, range, (lines) => {
    const written = lines.filter((line) => !BLANK.test(line));
    if (written.length > 0 && written.every((line) => kind.test(line))) return { lines: lines.map((line) => line.replace(kind, '$1')) };
    return { lines: numberLines(lines, marker), keepApart: notListItem };
  });
}

function numberLines(lines: string[], marker: (n: number) => string): string[] {
  let n = 0;
  const single = lines.length === 1;
  return lines.map((line) => {
    if (BLANK.test(line) && !single) return line;
    const { indent, rest } = stripListMarker(line);
    n += 1;
    return indent + marker(n) + rest;
  });
}

/** How many times a character repeats at the start (or, with `fromEnd`, the end) of a string. */
function run(s: string, char: string, fromEnd = false): number {
  let n = 0;
  while (n < s.length && s[fromEnd ? s.length - 1 - n : n] === char) n++;
  return n;
}

/** Whether `inner` holds the emphasis marker itself, so wrapping cannot be undone by unwrapping. */
function holdsMarker(inner: string, marker: string): boolean {
  return marker === '**' ? inner.includes('**') : inner.replace(/\*\*/g, '').includes('*');
}

/** `**` and `*` share a character: a run of 3 is both, a run of 2 is bold only. */
function runMarks(runLength: number, marker: string): boolean {
  return runLength === marker.length || runLength === 3;
}

/** Whether a piece of text is wrapped in the marker as a whole (`**x**` for bold, not `**a** b **c**`). */
function wrappedIn(piece: string, marker: string): boolean {
  const n = marker.length;
  if (piece.length <= 2 * n) return false;
  return runMarks(Math.min(run(piece, '*'), run(piece, '*', true)), marker) && !holdsMarker(piece.slice(n, -n), marker);
}

/**
 * Bold (`**`) or italic (`*`): wraps the selection, or unwraps it when it is wrapped already (inside or
 * just outside the selection). A cursor gets an empty pair with the cursor between. Spaces at the
 * selection's ends stay outside the markers, as Markdown needs; over several lines, each line is wrapped
 * on its own, after its list or heading markup.
 */
export function emphasis(text: string, from: number, to: number, marker: '**' | '*'): Edit {
  const n = marker.length;
  const selected = text.slice(from, to);
  const aroundMarks = runMarks(Math.min(run(text.slice(0, from), '*', true), run(text.slice(to), '*')), marker);
  if (aroundMarks && !holdsMarker(selected, marker)) {
    return edit(text, from - n, to + n, selected, { from: from - n, to: to - n });
  }
  if (from === to) return edit(text, from, to, marker + marker, { from: from + n, to: from + n });
  if (!selected.includes('\n')) {
    if (wrappedIn(selected, marker)) {
      const inner = selected.slice(n, -n);
      return edit(text, from, to, inner, { from, to: from + inner.length });
    }
    const lead = selected.length - selected.trimStart().length;
    const trail = selected.length - selected.trimEnd().length;
    if (lead === selected.length) return edit(text, to, to, marker + marker, { from: to + n, to: to + n });
    const inner = selected.slice(lead, selected.length - trail);
    return edit(text, from + lead, to - trail, marker + inner + marker, { from: from + lead + n, to: to - trail + n });
  }
  // Several lines: each line's own text, after its block markup when the selection takes in the line start.
  const pieces = selected.split('\n').map((line, index) => {
    const atLineStart = index > 0 || from === 0 || text[from - 1] === '\n';
    const markup = atLineStart ? (BLOCK_MARKUP.exec(line)?.[0] ?? '') : (/^[ \t]*/.exec(line)?.[0] ?? '');
    const rest = line.slice(markup.length);
    const body = rest.trimEnd();
    return { markup, body, trail: rest.slice(body.length) };
  });
  const written = pieces.filter((piece) => piece.body !== '');
  const removing = written.length > 0 && written.every((piece) => wrappedIn(piece.body, marker));
  const insert = pieces
    .map(({ markup, body, trail }) => {
      if (body === '') return markup + trail;
      return markup + (removing ? body.slice(n, -n) : marker + body + marker) + trail;
    })
    .join('\n');
  return edit(text, from, to, insert, { from, to: from + insert.length });
}

/** The number of line breaks in the whitespace at the end (or, with `atStart`, the start) of a string. */
function breaksAt(s: string, atStart: boolean): number {
  const space = atStart ? /^\s*/.exec(s)![0] : /\s*$/.exec(s)![0];
  return space.split('\n').length - 1;
}

/**
 * Puts a block (a component, a table) in place of the selection, with the blank lines MDX needs around
 * it: in the middle of a paragraph, the paragraph is split. `selection` is relative to the block.
 */
export function insertBlock(text: string, from: number, to: number, block: string, selection: Range): Edit {
  // Spaces left at the cut would trail the line before or indent the line after.
  while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  while (to < text.length && (text[to] === ' ' || text[to] === '\t')) to++;
  const before = text.slice(0, from);
  const after = text.slice(to);
  const lead = BLANK.test(before) ? '' : '\n'.repeat(Math.max(0, 2 - breaksAt(before, false)));
  const tail = BLANK.test(after) ? (breaksAt(after, true) > 0 ? '' : '\n') : '\n'.repeat(Math.max(0, 2 - breaksAt(after, true)));
  const at = from + lead.length;
  return edit(text, from, to, lead + block + tail, { from: at + selection.from, to: at + selection.to });
}

/** The selection as a block's inner Markdown: without the blank lines around it. */
function innerOf(text: string, from: number, to: number): string {
  return text.slice(from, to).replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

/** Wraps the selection (or an empty line for the cursor) in a blank-line-padded component. */
function component(text: string, from: number, to: number, open: string, close: string, inner: string, cursor: Range): Edit {
  const head = `${open}\n\n`;
  return insertBlock(text, from, to, `${head}${inner}\n\n${close}`, { from: head.length + cursor.from, to: head.length + cursor.to });
}

/** `<Callout type="…">` around the selection, or an empty one with the cursor inside. */
export function callout(text: string, from: number, to: number, type: CalloutType): Edit {
  const inner = innerOf(text, from, to);
  return component(text, from, to, `<Callout type="${type}">`, '</Callout>', inner, { from: 0, to: inner.length });
}

/** `<Steps>` around a numbered list: the selected lines numbered, or a first empty step for the cursor. */
export function steps(text: string, from: number, to: number): Edit {
  const selected = innerOf(text, from, to);
  if (selected === '') return component(text, from, to, '<Steps>', '</Steps>', '1. ', { from: 3, to: 3 });
  const inner = numberLines(selected.split('\n'), (n) => `${n}. `).join('\n');
  return component(text, from, to, '<Steps>', '</Steps>', inner, { from: 0, to: inner.length });
}

/** One line of a dialogue, `<Say who="…">…</Say>`, as its own block: the selection joined into one line. */
export function say(text: string, from: number, to: number, who: Speaker): Edit {
  const line = text.slice(from, to).replace(/\s+/g, ' ').trim();
  const open = `<Say who="${who}">`;
  return insertBlock(text, from, to, `${open}${line}</Say>`, { from: open.length, to: open.length + line.length });
}

const tableCell = (cell: string) => cell.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');

/** A GFM table with a header row of the given texts, a delimiter row and one empty row. */
export function tableSkeleton(headers: readonly [string, string, string]): string {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [row(headers.map(tableCell)), row(headers.map(() => '---')), row(headers.map(() => ''))].join('\n');
}

/** A table after the selection (which stays), with its first header text selected for typing over. */
export function table(text: string, from: number, to: number, headers: readonly [string, string, string]): Edit {
  const first = tableCell(headers[0]);
  return insertBlock(text, to, to, tableSkeleton(headers), { from: 2, to: 2 + first.length });
}

/**
 * A plain text as a link's text: one line, and nothing in it read as Markdown or MDX markup
 * (brackets would end the link, braces and `<` would start an expression or a tag).
 */
export function escapeLinkText(plain: string): string {
  return plain.replace(/\s+/g, ' ').trim().replace(/[\\[\]{}<*_`]/g, '\\$&');
}

/** A document's address as a link destination: nothing in it may end the destination early. */
function destination(href: string): string {
  return href.replace(/\s/g, encodeURIComponent).replace(/[()<>]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A Markdown link to a document, or to one of its sections, with a plain `title` as the link text. */
export function markdownLink(title: string, id: string, section?: string): string {
  return `[${escapeLinkText(title)}](${destination(docHref(id, section))})`;
}

/**
 * A link in place of the selection: the selected Markdown becomes the link text (on one line, with any
 * unescaped bracket escaped); with nothing selected, the section's or document's title does.
 * The cursor goes after the link.
 */
export function insertLink(text: string, from: number, to: number, target: LinkTarget): Edit {
  const selected = text.slice(from, to);
  let link: string;
  let lead = '';
  let trail = '';
  if (BLANK.test(selected)) {
    link = markdownLink(target.section?.text ?? target.title, target.id, target.section?.slug);
  } else {
    lead = /^\s*/.exec(selected)![0];
    trail = /\s*$/.exec(selected)![0];
    const label = selected
      .trim()
      .replace(/\s*\n\s*/g, ' ')
      .replace(/\\.|[[\]]/g, (found) => (found.length === 2 ? found : `\\${found}`));
    link = `[${label}](${destination(docHref(target.id, target.section?.slug))})`;
  }
  const insert = lead + link + trail;
  const end = from + lead.length + link.length;
  return edit(text, from, to, insert, { from: end, to: end });
}
