import { DOMParser, type Element } from '@xmldom/xmldom';
import type { FindingTally } from './findings';

// What the converter drops or approximates, found in the Word package's own XML: text boxes, comments,
// revisions, merged cells, objects, charts, SmartArt, equations, drawings, Word's table of contents and
// headers and footers. The parts are read as XML by namespace, never searched as text.

/** Short names of the namespaces a Word document uses (transitional and strict). */
const NAMESPACES: Readonly<Record<string, string>> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
  'http://purl.oclc.org/ooxml/officeDocument/math': 'm',
  'http://schemas.openxmlformats.org/drawingml/2006/chart': 'c',
  'http://purl.oclc.org/ooxml/drawingml/chart': 'c',
  'http://schemas.microsoft.com/office/drawing/2014/chartex': 'cx',
  'http://schemas.openxmlformats.org/drawingml/2006/diagram': 'dgm',
  'http://purl.oclc.org/ooxml/drawingml/diagram': 'dgm',
  'urn:schemas-microsoft-com:vml': 'v',
  'urn:schemas-microsoft-com:office:office': 'o',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingGroup': 'wpg',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas': 'wpc',
};

/** `w:tc`, `mc:Choice` …: the element's name with the usual prefix of its namespace, whatever the file calls it. */
const nameOf = (element: Element) => `${NAMESPACES[element.namespaceURI ?? ''] ?? '?'}:${element.localName}`;

/** An attribute by its local name, in whatever namespace the file writes it. */
function attr(element: Element, localName: string): string | undefined {
  for (const attribute of Array.from(element.attributes)) if (attribute.localName === localName) return attribute.value;
  return undefined;
}

const childrenOf = (element: Element) => Array.from(element.children);
const child = (element: Element, name: string) => childrenOf(element).find((c) => nameOf(c) === name);

/** Every element under `element` (itself included), depth first. */
function* descendants(element: Element): Generator<Element> {
  const stack = [element];
  while (stack.length > 0) {
    const next = stack.pop() as Element;
    yield next;
    const children = childrenOf(next);
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index] as Element);
  }
}

const has = (element: Element, name: string) => {
  for (const node of descendants(element)) if (node !== element && nameOf(node) === name) return true;
  return false;
};

/** The text of an element as a reader sees it, deleted text and equation text included; paragraphs apart. */
function textOf(element: Element): string {
  const parts: string[] = [];
  for (const node of descendants(element)) {
    const name = nameOf(node);
    if (name === 'w:t' || name === 'w:delText' || name === 'm:t') parts.push(node.textContent ?? '');
    else if (name === 'w:p' && parts.length > 0) parts.push(' ');
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** A part's root element. Only XML that is not well-formed stops the parser; what Word and Mammoth tolerate, it tolerates. */
function parse(part: Buffer): Element | undefined {
  const onError = (level: 'warning' | 'error' | 'fatalError', message: string) => {
    if (level === 'fatalError') throw new Error(message);
  };
  const document = new DOMParser({ onError }).parseFromString(part.toString('utf8').replace(/^\uFEFF/, ''), 'application/xml');
  return document.documentElement ?? undefined;
}

/** The ids of the paragraph styles of Word's table of contents ("toc 1", "toc 2" …). */
function tocStyleIds(styles: Element | undefined): Set<string> {
  const ids = new Set<string>();
  if (!styles) return ids;
  for (const style of childrenOf(styles)) {
    const name = child(style, 'w:name');
    const id = attr(style, 'styleId');
    if (nameOf(style) === 'w:style' && id && name && /^toc \d$/i.test(attr(name, 'val') ?? '')) ids.add(id);
  }
  return ids;
}

/** Walking the document: the branch of alternate content a reader sees, and what the converter reads of it. */
interface Place {
  /** Inside a text box already counted. */
  inTextBox: boolean;
  /** Inside a drawing already counted (a group or a canvas of shapes). */
  inDrawing: boolean;
  /** Inside an equation already counted. */
  inEquation: boolean;
  /** Inside Word's alternate content: whether its fallback, which the converter reads, keeps text-box text. */
  fallbackKeepsText: boolean | undefined;
  /** Inside a VML picture (w:pict), which the converter reads text boxes of. */
  inPict: boolean;
}

function inspectDocument(root: Element, tocStyles: ReadonlySet<string>, tally: FindingTally): void {
  const visit = (element: Element, place: Place): void => {
    const name = nameOf(element);
    let next = place;
    switch (name) {
      case 'mc:AlternateContent': {
        // Word writes the modern form as a choice and an older one as the fallback: the document is
        // what the choice shows, while the converter reads the fallback.
        const choice = child(element, 'mc:Choice');
        const fallback = child(element, 'mc:Fallback');
        const branch = choice ?? fallback;
        if (!branch) return;
        const fallbackKeepsText = fallback ? [...descendants(fallback)].some((node) => nameOf(node) === 'w:pict' && has(node, 'w:txbxContent')) : false;
        for (const node of childrenOf(branch)) visit(node, { ...place, fallbackKeepsText });
        return;
      }
      case 'w:txbxContent': {
        if (place.inTextBox) break;
        const kept = place.fallbackKeepsText ?? place.inPict;
        tally.add(kept ? 'text-box' : 'text-box-dropped', textOf(element));
        next = { ...place, inTextBox: true };
        break;
      }
      case 'w:pict':
        next = { ...place, inPict: true };
        // A legacy drawing: shapes with neither a picture nor text (a horizontal line is Word's own rule, not a drawing).
        if (!place.inDrawing && !has(element, 'v:imagedata') && !has(element, 'w:txbxContent') && ![...descendants(element)].some((node) => attr(node, 'hr') === 't')) {
          tally.add('drawing');
          next = { ...next, inDrawing: true };
        }
        break;
      case 'w:drawing':
        next = { ...place, inPict: false };
        break;
      case 'wpg:wgp':
      case 'wpc:wpc':
      case 'wps:wsp':
        if (!place.inDrawing && !(name === 'wps:wsp' && has(element, 'w:txbxContent'))) {
          tally.add('drawing', textOf(element));
          next = { ...place, inDrawing: true };
        }
        break;
      case 'w:ins':
      case 'w:del':
      case 'w:moveFrom':
      case 'w:moveTo':
        // A revision mark on a paragraph mark or a table row changes no text.
        if (!/Pr$/.test(element.parentElement?.localName ?? '')) tally.add('tracked-change', textOf(element));
        break;
      case 'w:tc': {
        const properties = child(element, 'w:tcPr');
        const gridSpan = properties && child(properties, 'w:gridSpan');
        const vMerge = properties && child(properties, 'w:vMerge');
        // A merge down starts at "restart"; the cells it covers say "continue" or nothing.
        if (Number(gridSpan && attr(gridSpan, 'val')) > 1 || (vMerge && attr(vMerge, 'val') === 'restart')) tally.add('merged-cells', textOf(element));
        break;
      }
      case 'w:object': {
        const ole = [...descendants(element)].find((node) => nameOf(node) === 'o:OLEObject');
        // "Excel.Sheet.12" says which program the object belongs to.
        tally.add('embedded-object', ole ? attr(ole, 'ProgID')?.split('.')[0] : undefined);
        break;
      }
      case 'c:chart':
      case 'cx:chart':
        tally.add('chart');
        break;
      case 'dgm:relIds':
        tally.add('diagram');
        break;
      case 'm:oMathPara':
      case 'm:oMath':
        if (place.inEquation) break;
        tally.add('equation', textOf(element));
        next = { ...place, inEquation: true };
        break;
      case 'w:pStyle':
        if (tocStyles.has(attr(element, 'val') ?? '')) tally.add('table-of-contents');
        break;
    }
    for (const node of childrenOf(element)) visit(node, next);
  };
  visit(root, { inTextBox: false, inDrawing: false, inEquation: false, fallbackKeepsText: undefined, inPict: false });
}

/**
 * Adds to `tally` what the Word package holds that the converter drops or approximates. `parts` are the
 * package's XML parts by name (word/document.xml, word/styles.xml, word/comments.xml, headers, footers).
 */
export function inspectPackage(parts: ReadonlyMap<string, Buffer>, tally: FindingTally): void {
  const read = (name: string) => {
    const part = parts.get(name);
    return part ? parse(part) : undefined;
  };
  const document = read('word/document.xml');
  if (document) inspectDocument(document, tocStyleIds(read('word/styles.xml')), tally);

  // The comments part holds each comment once; without it, the marks in the text still count.
  const comments = read('word/comments.xml');
  const commentNodes = comments ? [...descendants(comments)].filter((node) => nameOf(node) === 'w:comment') : [];
  for (const comment of commentNodes) tally.add('comment', textOf(comment));
  if (!comments && document) for (const node of descendants(document)) if (nameOf(node) === 'w:commentReference') tally.add('comment');

  // Headers and footers say the same on many pages: each different text counts once.
  const texts = new Set<string>();
  const headersFirst = (name: string) => `${name.includes('header') ? 0 : 1}${name}`;
  const names = [...parts.keys()].filter((name) => /^word\/(header|footer)\d*\.xml$/.test(name));
  for (const name of names.sort((a, b) => headersFirst(a).localeCompare(headersFirst(b), 'en', { numeric: true }))) {
    const part = read(name);
    const text = part ? textOf(part) : '';
    if (text && !texts.has(text)) {
      texts.add(text);
      tally.add('header-footer', text);
    }
  }
}
