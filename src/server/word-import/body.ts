import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeRemark, { type Options as ToMarkdownOptions } from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { MAX_BODY_BYTES, unsafeMdx } from '../../content-check/mdx-safety';
import type { FindingTally } from './findings';
import { imageName, type ImportedImage } from './images';
import { WordImportError } from './refusal';
import { handNumberedLevel, kindNamedBy, looksLikeTitle, MAX_TITLE, sentenceCase } from './titles';
import { PICTURE_SOURCE, type WordPicture } from './word-html';

// The second half of a conversion: Mammoth's HTML becomes a Salesbook body. The HTML is reshaped first
// (pictures named, notes turned into footnotes, links and tables made fit for Markdown, the title taken
// out and the headings set so that sections start at ##), then written as Markdown by the unified
// tools with MDX's escaping, so text such as `{` or `<` stays text.

export interface BodyContext {
  pictures: readonly WordPicture[];
  imageUrl: (name: string) => string;
  tally: FindingTally;
}

export interface WordBody {
  body: string;
  /** The document's title when its text has one (a title or single top heading, or a first paragraph that reads as a title). */
  title: string | undefined;
  images: ImportedImage[];
}

type Parent = Root | Element;
type Node = RootContent | ElementContent;

const isElement = (node: Node | undefined, ...names: string[]): node is Element => node?.type === 'element' && (names.length === 0 || names.includes(node.tagName));
const text = (value: string): Text => ({ type: 'text', value });
const element = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({ type: 'element', tagName, properties, children });

function rawText(node: Node): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(rawText).join('');
  return '';
}
/** The text of a node as one line. */
const textOf = (node: Node) => rawText(node).replace(/\s+/g, ' ').trim();

/** Replaces each element for which `change` returns nodes, children before their parents, in document order. */
function replaceElements(parent: Parent, change: (node: Element, parent: Parent) => ElementContent[] | undefined): void {
  const children: Node[] = [];
  for (const node of parent.children) {
    if (node.type !== 'element') {
      children.push(node);
      continue;
    }
    replaceElements(node, change);
    children.push(...(change(node, parent) ?? [node]));
  }
  parent.children = children as typeof parent.children;
}

// Elements of our own, written by the handlers below as GFM footnotes.
const NOTE_REFERENCE = 'salesbook-note-reference';
const NOTE = 'salesbook-note';

const BLOCKS = new Set(['p', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'div', NOTE]);
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** Pictures get their names in the order they appear; those a browser cannot show leave the body and are reported. */
function placePictures(tree: Root, context: BodyContext, images: ImportedImage[]): void {
  replaceElements(tree, (node) => {
    if (node.tagName !== 'img') return undefined;
    const source = String(node.properties.src ?? '');
    const picture = source.startsWith(PICTURE_SOURCE) ? context.pictures[Number(source.slice(PICTURE_SOURCE.length))] : undefined;
    if (!picture?.bytes || !picture.contentType) {
      context.tally.add('unsupported-image', typeof node.properties.alt === 'string' ? node.properties.alt : undefined);
      return [];
    }
    const name = imageName(images.length + 1, picture.contentType);
    images.push({ name, contentType: picture.contentType, bytes: picture.bytes });
    return [element('img', { src: context.imageUrl(name), alt: typeof node.properties.alt === 'string' ? node.properties.alt.trim() : '' }, [])];
  });
}

const NOTE_ID = /^(footnote|endnote)-(\d+)$/;
const NOTE_LINK = /^#((?:footnote|endnote)-\d+)$/;
const NOTE_BACK_LINK = /^#(?:footnote|endnote)-ref-\d+$/;

/**
 * Mammoth writes footnotes and endnotes as numbered links to a list at the end. They become footnotes
 * `[^1]` … numbered in the order the text refers to them, footnotes and endnotes alike.
 */
function placeNotes(tree: Root): void {
  const lists = tree.children.filter((node): node is Element => {
    if (!isElement(node, 'ol')) return false;
    const items = node.children.filter((child) => isElement(child));
    return items.length > 0 && items.every((item) => isElement(item, 'li') && NOTE_ID.test(String(item.properties.id ?? '')));
  });
  if (lists.length === 0) return;
  const numbers = new Map<string, number>();
  const numberOf = (id: string) => {
    if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
    return numbers.get(id) as number;
  };
  const reference = (id: string) => element(NOTE_REFERENCE, { note: numberOf(id) }, []);
  replaceElements(tree, (node) => {
    const link = (candidate: Node | undefined) => (isElement(candidate, 'a') ? NOTE_LINK.exec(String(candidate.properties.href ?? ''))?.[1] : undefined);
    if (node.tagName === 'sup') {
      const inner = node.children.filter((child) => child.type !== 'text' || child.value.trim() !== '');
      const id = inner.length === 1 ? link(inner[0]) : undefined;
      return id ? [reference(id)] : undefined;
    }
    const id = link(node);
    return id ? [reference(id)] : undefined;
  });
  const notes: Element[] = [];
  for (const list of lists) {
    for (const item of list.children) {
      if (!isElement(item)) continue;
      replaceElements(item, (node) => (isElement(node, 'a') && NOTE_BACK_LINK.test(String(node.properties.href ?? '')) ? [] : undefined));
      notes.push(element(NOTE, { note: numberOf(String(item.properties.id)) }, item.children));
    }
  }
  tree.children = tree.children.filter((node) => !lists.includes(node as Element));
  tree.children.push(...notes.sort((a, b) => Number(a.properties.note) - Number(b.properties.note)));
}

/** Links to the web and to mail stay; links inside the document (its contents, bookmarks) become their text, and so do links to files, which are reported. */
function placeLinks(tree: Root, tally: FindingTally): void {
  replaceElements(tree, (node) => {
    if (node.tagName !== 'a') return undefined;
    const href = String(node.properties.href ?? '').trim();
    if (/^(https?:\/\/|mailto:)/i.test(href)) return node.children.length > 0 ? [element('a', { href: href.replace(/ /g, '%20') }, node.children)] : [];
    if (href !== '' && !href.startsWith('#') && !/^javascript:/i.test(href)) tally.add('file-link', textOf(node) || href);
    return node.children;
  });
}

const SUPERSCRIPT: Readonly<Record<string, string>> = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
const SUBSCRIPT: Readonly<Record<string, string>> = { 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉' };

/** Markdown has no superscript: «м²» keeps its digit raised; other raised or lowered text is written plainly. */
function placeInline(tree: Root): void {
  replaceElements(tree, (node) => {
    if (node.tagName === 'sup' || node.tagName === 'sub') {
      const digits = rawText(node);
      const map = node.tagName === 'sup' ? SUPERSCRIPT : SUBSCRIPT;
      return /^\d+$/.test(digits) ? [text([...digits].map((digit) => map[digit]).join(''))] : node.children;
    }
    // Word's check boxes.
    if (node.tagName === 'input') return [text(node.properties.checked ? '☒' : '☐')];
    if (MARKS.includes(node.tagName)) return hoistSpaces(node);
    if (HEADINGS.includes(node.tagName)) node.children = unwrap(node.children, ['strong', 'b']);
    if (['p', 'li', ...HEADINGS].includes(node.tagName)) trimBreaks(node);
    return undefined;
  });
}

/** Inline formatting, which Markdown cannot open or close next to a space. */
const MARKS = ['strong', 'b', 'em', 'i', 's', 'del', 'strike', 'u', 'a'];

/** Word often makes the space before or after a bold word bold too: the space moves outside, and formatting of nothing but spaces goes. */
function hoistSpaces(node: Element): ElementContent[] {
  if (rawText(node).trim() === '' && !node.children.some((child) => isElement(child, 'img', NOTE_REFERENCE))) return node.children;
  const first = node.children[0];
  const last = node.children.at(-1);
  const lead = first?.type === 'text' ? (/^\s+/.exec(first.value)?.[0] ?? '') : '';
  const trail = last?.type === 'text' ? (/\s+$/.exec(last.value)?.[0] ?? '') : '';
  if (first?.type === 'text' && lead) first.value = first.value.slice(lead.length);
  if (last?.type === 'text' && trail) last.value = last.value.slice(0, last.value.length - trail.length);
  return [...(lead ? [text(' ')] : []), node, ...(trail ? [text(' ')] : [])];
}

const unwrap = (nodes: ElementContent[], names: string[]): ElementContent[] => nodes.flatMap((node) => (isElement(node, ...names) ? unwrap(node.children, names) : [node]));

/** A line break at the start or end of a paragraph shows nothing. */
function trimBreaks(node: Element): void {
  const blank = (child: ElementContent | undefined) => isElement(child, 'br') || (child?.type === 'text' && child.value.trim() === '');
  while (node.children.length > 0 && blank(node.children.at(-1))) node.children.pop();
  while (node.children.length > 0 && blank(node.children[0])) node.children.shift();
}

const phrasing = (node: Node) => node.type === 'text' || (node.type === 'element' && !BLOCKS.has(node.tagName));

/**
 * A GFM table cell is one line. A cell with several paragraphs, a list or a table inside is written as
 * its parts joined by "; " (or a space after a part that ends with punctuation), and reported; a line
 * break in a cell becomes a space. The first row is the table's header, as it is in Word's tables.
 */
function placeTables(tree: Root, tally: FindingTally): void {
  const visit = (parent: Parent) => {
    for (const node of parent.children) {
      if (!isElement(node)) continue;
      if (node.tagName === 'table') placeTable(node, tally);
      else visit(node);
    }
  };
  visit(tree);
}

function placeTable(table: Element, tally: FindingTally): void {
  const rows: Element[] = [];
  const collect = (node: Element) => {
    for (const child of node.children) {
      if (isElement(child, 'tr')) rows.push(child);
      else if (isElement(child, 'thead', 'tbody', 'tfoot')) collect(child);
    }
  };
  collect(table);
  rows.forEach((row, index) => {
    for (const cell of row.children) {
      if (!isElement(cell, 'td', 'th')) continue;
      if (index === 0) cell.tagName = 'th';
      const blocks = cell.children.filter((child) => !phrasing(child) && !(child.type === 'text' && child.value.trim() === ''));
      const single = blocks.length === 1 && isElement(blocks[0], 'p') && cell.children.every((child) => child === blocks[0] || !phrasing(child) || textOf(child) === '');
      if (single) cell.children = (blocks[0] as Element).children;
      else if (blocks.length > 0) {
        cell.children = joinParts(partsOf(cell));
        tally.add('complex-table', cell.children.map(rawText).join(''));
      }
      replaceElements(cell, (node) => (node.tagName === 'br' ? [text(' ')] : undefined));
    }
  });
  table.children = rows;
}

/** The runs of inline content in a cell, one for each paragraph, list item or inner cell. */
function partsOf(node: Element): ElementContent[][] {
  const parts: ElementContent[][] = [];
  let current: ElementContent[] = [];
  const flush = () => {
    if (current.some((child) => textOf(child) !== '' || isElement(child, 'img'))) parts.push(current);
    current = [];
  };
  const walk = (parent: Element) => {
    for (const child of parent.children) {
      if (phrasing(child)) current.push(child);
      else if (isElement(child)) {
        flush();
        walk(child);
        flush();
      }
    }
  };
  walk(node);
  flush();
  return parts;
}

function joinParts(parts: ElementContent[][]): ElementContent[] {
  const joined: ElementContent[] = [];
  for (const part of parts) {
    if (joined.length > 0) {
      const before = joined.map(rawText).join('').trimEnd();
      joined.push(text(/[.;:!?,]$/.test(before) ? ' ' : '; '));
    }
    joined.push(...part);
  }
  return joined;
}

/** Whether a paragraph holds text only (plain, bold or italic): what a heading numbered by hand holds. */
const plainParagraph = (node: Element): boolean =>
  node.children.every((child) => child.type === 'text' || (isElement(child, 'strong', 'b', 'em', 'i', 'span') && plainParagraph(child)));

const styledLevel = (node: Element) => (isElement(node, ...HEADINGS) && !node.properties.numbered ? Number(node.tagName[1]) : undefined);
const isTitleStyle = (node: Node) => isElement(node, 'h1') && (node.properties.className as string[] | undefined)?.includes('title') === true;

/** How many blocks from the start a title may stand after (an approval block, a logo). */
const TITLE_REACH = 10;

/**
 * Paragraphs numbered by hand become headings; the title leaves the body; Word's heading levels shift
 * so that the body's sections start at ## (Heading 1 used for several sections is ##, 2 is ###, 3 ####).
 */
function placeHeadings(tree: Root): string | undefined {
  tree.children = tree.children.map((node) => {
    if (!isElement(node, 'p') || !plainParagraph(node)) return node;
    const line = textOf(node);
    const level = handNumberedLevel(line);
    return level ? element(`h${level}`, { numbered: true }, [text(sentenceCase(line))]) : node;
  });
  const title = takeTitle(tree);
  const levels = tree.children.flatMap((node) => (isElement(node) ? (styledLevel(node) ?? []) : []));
  const shift = levels.length > 0 ? 2 - Math.min(...levels) : 0;
  tree.children = tree.children.flatMap((node): RootContent[] => {
    if (!isElement(node, ...HEADINGS)) return [node];
    if (textOf(node) === '') return [];
    const level = styledLevel(node);
    if (level) node.tagName = `h${Math.min(6, Math.max(2, level + shift))}`;
    node.properties = {};
    return [node];
  });
  return title;
}

/** Takes the document's title out of the body, when its text has one. */
function takeTitle(tree: Root): string | undefined {
  const blocks = tree.children.filter((node): node is Element => isElement(node) && (textOf(node) !== '' || isElement(node, ...HEADINGS)));
  const take = (...nodes: Element[]) => {
    tree.children = tree.children.filter((node) => !nodes.includes(node as Element));
    return sentenceCase(nodes.map(textOf).join(' '));
  };
  const leading = blocks.slice(0, TITLE_REACH);
  const titled = leading.find(isTitleStyle);
  if (titled && textOf(titled) !== '') return take(titled);
  const firstHeading = leading.findIndex((node) => isElement(node, ...HEADINGS));
  const [top, ...otherTops] = blocks.filter((node) => styledLevel(node) === 1);
  if (top && otherTops.length === 0 && leading[firstHeading] === top) return take(top);
  // No heading names the document: a short first paragraph may, above all one that starts with its kind («Регламент …»).
  const before = (firstHeading === -1 ? leading : leading.slice(0, firstHeading)).filter((node) => isElement(node, 'p'));
  const named = before.find((node) => kindNamedBy(textOf(node)) && looksLikeTitle(textOf(node)));
  const candidate = named ?? (isElement(blocks[0], 'p') && looksLikeTitle(textOf(blocks[0])) ? blocks[0] : undefined);
  // A paragraph that is all the document says is its text, not its title.
  if (!candidate || blocks.length < 2) return undefined;
  // «РЕГЛАМЕНТ» on one line and «обработки входящих заявок» on the next are one title.
  const next = tree.children.slice(tree.children.indexOf(candidate) + 1).find((node): node is Element => isElement(node) && textOf(node) !== '');
  const oneWord = !/\s/.test(textOf(candidate));
  if (oneWord && isElement(next, 'p') && looksLikeTitle(textOf(next)) && textOf(candidate).length + textOf(next).length < MAX_TITLE) return take(candidate, next);
  return take(candidate);
}

/** Paragraphs with nothing to show: Word's empty paragraphs, bookmarks and page breaks leave no trace. */
function dropEmpty(tree: Root): void {
  replaceElements(tree, (node) => {
    if (!isElement(node, 'p', 'li', 'blockquote', 'ul', 'ol')) return undefined;
    const shows = (child: Node): boolean => (child.type === 'text' ? child.value.trim() !== '' : child.type === 'element' && (['img', NOTE_REFERENCE].includes(child.tagName) || child.children.some(shows)));
    return node.children.some(shows) ? undefined : [];
  });
}

const handlers: ToMarkdownOptions['handlers'] = {
  [NOTE_REFERENCE]: (_state, node) => ({ type: 'footnoteReference', identifier: String(node.properties.note), label: String(node.properties.note) }),
  [NOTE]: (state, node) => ({ type: 'footnoteDefinition', identifier: String(node.properties.note), label: String(node.properties.note), children: state.toFlow(state.all(node)) }),
};

/** Markdown as Salesbook's documents are written: ## sections, "-" bullets, ** bold, compact tables. */
const stringify = unified()
  .use(remarkGfm, { tablePipeAlign: false })
  .use(remarkMdx)
  .use(remarkStringify, {
    bullet: '-',
    emphasis: '*',
    strong: '*',
    listItemIndent: 'one',
    resourceLink: true,
    rule: '-',
    fences: true,
    incrementListMarker: true,
    // A line of text that starts with "import " or "export " would be read as code: its first letter is written as a character reference.
    unsafe: [
      { character: 'i', atBreak: true, after: 'mport\\s' },
      { character: 'e', atBreak: true, after: 'xport\\s' },
    ],
  });

interface MarkdownNode {
  type: string;
  spread?: boolean | null;
  children?: MarkdownNode[];
}

/** Word's list items are one paragraph each (with the list under it): the lists are tight, as an author writes them. */
function tightenLists(node: MarkdownNode): void {
  for (const child of node.children ?? []) tightenLists(child);
  if (node.type === 'listItem') node.spread = (node.children ?? []).filter((child) => child.type !== 'list').length > 1;
  if (node.type === 'list') node.spread = (node.children ?? []).some((child) => child.spread);
}

/**
 * What would be read as code in MDX. With MDX's escaping this should never be found; if it is, the
 * lines named are escaped, and what still does not pass is dropped and reported.
 */
function madeSafe(body: string, tally: FindingTally): string {
  const found = unsafeMdx(body);
  if (found.length === 0) return body;
  const lines = body.split('\n');
  const named = new Set(found.map((construct) => construct.line - 1).filter((line) => line >= 0));
  const escape = (line: string) => line.replace(/(?<!\\)([<>{}])/g, '\\$1');
  for (const index of named) lines[index] = escape(lines[index] ?? '');
  let escaped = lines.join('\n');
  for (const construct of unsafeMdx(escaped)) {
    const index = construct.line - 1;
    tally.add('unsafe-text', lines[index]);
    if (index >= 0) lines[index] = '';
  }
  escaped = lines.join('\n').replace(/\n{3,}/g, '\n\n');
  if (unsafeMdx(escaped).length === 0) return escaped;
  throw new WordImportError('corrupt', 'the converted text does not read as MDX');
}

/** Converts Mammoth's HTML into a Salesbook body, its title (when the text has one) and its pictures. */
export async function bodyFromHtml(html: string, context: BodyContext): Promise<WordBody> {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html);
  const images: ImportedImage[] = [];
  placePictures(tree, context, images);
  placeNotes(tree);
  placeLinks(tree, context.tally);
  placeInline(tree);
  placeTables(tree, context.tally);
  dropEmpty(tree);
  const title = placeHeadings(tree);
  // HTML comments would be written as raw HTML, which a body may not hold; Mammoth writes none, and none gets through.
  const markdown = await unified().use(rehypeRemark, { handlers, nodeHandlers: { comment: () => undefined } }).run(tree);
  tightenLists(markdown as MarkdownNode);
  const body = stringify.stringify(markdown).trim();
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) throw new WordImportError('too-large', `the text is ${Buffer.byteLength(body, 'utf8')} bytes`);
  return { body: body === '' ? '' : `${madeSafe(body, context.tally)}\n`, title, images };
}
