import GithubSlugger from 'github-slugger';

/** A section heading of a document: level 2 or 3, its text and its anchor. */
export interface Heading {
  depth: number;
  text: string;
  slug: string;
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;

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
  let fenced = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const match = HEADING.exec(line);
    if (!match) continue;
    const text = plainText(match[2]!);
    headings.push({ depth: match[1]!.length, text, slug: slugger.slug(text) });
  }
  return headings;
}
