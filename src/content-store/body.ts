import type { Element, ElementContent, Root, RootContent } from 'hast';
import { mdxToHast } from 'satteri';
import { headingAnchors, type Heading } from '../domain/headings';

// A content body as the page renders it: the MDX parsed by Sätteri, the Markdown processor Astro's MDX
// integration uses, with the same features Astro turns on (GitHub-flavoured Markdown, smart
// punctuation), and the heading anchors src/domain/headings.ts makes from the source text. The
// authoring components stay in the tree as MDX elements; src/components/mdx/Body.astro renders them
// with the very components an author names. Nothing of the body is ever run as code: the content
// check refuses imports, exports and expressions before a body is served.

export interface BodyTree {
  tree: Root;
  headings: Heading[];
}

/** Every heading's level, text and anchor, in order; each heading gets its anchor as its id. */
function addHeadingIds(tree: Root): Heading[] {
  const anchor = headingAnchors();
  const headings: Heading[] = [];
  const visit = (nodes: (RootContent | ElementContent)[]) => {
    for (const node of nodes) {
      if (node.type === 'element' && /^h[1-6]$/.test(node.tagName)) {
        const text = textOf(node);
        const existing = node.properties.id;
        const slug = typeof existing === 'string' ? existing : anchor(text);
        node.properties.id = slug;
        headings.push({ depth: Number(node.tagName[1]), text, slug });
      }
      if ('children' in node) visit(node.children as (RootContent | ElementContent)[]);
    }
  };
  visit(tree.children);
  return headings;
}

function textOf(node: Element | RootContent | ElementContent): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return (node.children as ElementContent[]).map(textOf).join('');
  return '';
}

/** What a table's scroll box is called: the word, then its column headings. */
const TABLE_LABEL = { ru: 'Таблица', en: 'Table' } as const;

/**
 * Puts every table in a box of its own that scrolls sideways, so that a wide table never widens the
 * page on a phone. The box takes the keyboard's focus (to scroll it with the arrow keys) and is named
 * by its table's column headings.
 */
function wrapTables(tree: Root, locale: 'ru' | 'en') {
  const visit = (parent: Root | Element) => {
    parent.children = (parent.children as ElementContent[]).map((node) => {
      if (node.type !== 'element') return node;
      if (node.tagName !== 'table') {
        visit(node);
        return node;
      }
      const headings: string[] = [];
      const collect = (element: Element) => {
        for (const child of element.children) {
          if (child.type !== 'element') continue;
          if (child.tagName === 'th') headings.push(textOf(child).trim());
          else if (child.tagName !== 'tbody') collect(child);
        }
      };
      collect(node);
      const label = [TABLE_LABEL[locale], headings.filter(Boolean).join(', ')].filter(Boolean).join(': ');
      return {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], role: 'region', tabIndex: 0, ariaLabel: label },
        children: [node],
      } satisfies Element;
    }) as Root['children'] & Element['children'];
  };
  visit(tree);
}

/** What footnotes say around themselves (GitHub-flavoured Markdown's `[^1]`), in the interface language. */
const FOOTNOTES = {
  ru: { label: 'Сноски', backLabel: 'Вернуться к тексту, сноска {reference}' },
  en: { label: 'Footnotes', backLabel: 'Back to reference {reference}' },
} as const;

/** The id Sätteri gives the footnotes' heading: it is not a section of the document. */
const FOOTNOTES_HEADING = 'footnote-label';

/** The body's syntax tree, ready to render, and its headings (the footnotes' own heading aside). */
export function bodyTree(body: string, locale: 'ru' | 'en' = 'ru'): BodyTree {
  const tree = mdxToHast(body, { features: { gfm: { footnotes: FOOTNOTES[locale] }, smartPunctuation: true }, position: false }) as unknown as Root;
  wrapTables(tree, locale);
  return { tree, headings: addHeadingIds(tree).filter((heading) => heading.slug !== FOOTNOTES_HEADING) };
}
