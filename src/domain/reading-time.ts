import { readableBlocks } from './text-diff';

/**
 * Words a minute of careful reading: a rule to be confirmed is read slower than a story (about 180
 * words a minute for Russian prose), and a list of steps slower still.
 */
export const READING_WORDS_PER_MINUTE = 150;

/** The words a reader sees in an MDX text: no frontmatter, marks or component tags. */
export function readableWordCount(mdx: string): number {
  return readableBlocks(mdx).reduce((sum, block) => sum + (block.text.match(/[\p{L}\p{N}]+(?:[-’'][\p{L}\p{N}]+)*/gu)?.length ?? 0), 0);
}

/** About how many minutes a text takes to read with care, rounded up; at least one. */
export function readingMinutes(mdx: string, wordsPerMinute = READING_WORDS_PER_MINUTE): number {
  return Math.max(1, Math.ceil(readableWordCount(mdx) / wordsPerMinute));
}
