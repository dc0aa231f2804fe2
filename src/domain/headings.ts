import GithubSlugger from 'github-slugger';
import { markdownLines } from './markdown-lines';

/** A section heading of a document: level 2 or 3, its text and its anchor. */
export interface Heading {
  depth: number;
  text: string;
  slug: string;
}

/** Strips inline Markdown so a heading's text matches what the reader sees and what the slug is made of. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .trim();
}

/** The headings of an MDX body, with the same anchors the renderer gives them. Code blocks are skipped. */
export function headingsOf(body: string): Heading[] {
  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  for (const line of markdownLines(body)) {
    if (line.kind !== 'heading') continue;
    const text = plainText(line.text);
    headings.push({ depth: line.depth, text, slug: slugger.slug(text) });
  }
  return headings;
}
