import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { writeCorpus } from '../../bench/corpus';
import { percentile } from '../../bench/measure';
import { readContentFolder } from '../../src/content-check/folder';
import { validateContent } from '../../src/content-check/validate';

// The benchmark's generator, not the benchmark: figures are never asserted in tests.
const folders: string[] = [];
afterEach(() => {
  while (folders.length) rmSync(folders.pop()!, { recursive: true, force: true });
});
const folder = () => {
  const dir = tempDir('salesbook-corpus-');
  folders.push(dir);
  return dir;
};

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('the benchmark corpus', () => {
  it('is the same for the same seed and size, and differs for another seed', () => {
    const [a, b, c] = [folder(), folder(), folder()];
    writeCorpus(a, 20);
    writeCorpus(b, 20);
    writeCorpus(c, 20, 1);
    expect(files(a)).toEqual(files(b));
    expect(files(a)['docs/regulation-0001.mdx']).not.toEqual(files(c)['docs/regulation-0001.mdx']);
  });

  it('passes the content check, with the pages the benchmark measures', () => {
    const dir = folder();
    const corpus = writeCorpus(dir, 30);
    const { problems } = validateContent(readContentFolder(dir));
    expect(problems).toEqual([]);
    expect(corpus.docs).toHaveLength(30);
    expect(corpus.pageCount).toBe(30 + 6 + 3);
    const all = files(dir);
    // The plain document asks nobody to confirm it, so its page has no confirmation island.
    expect(all[`docs/${corpus.measured.doc}.mdx`]).toMatch(/^requiresAck: false$/m);
    expect(all[`docs/${corpus.measured.doc}.mdx`]).toMatch(/^status: active$/m);
    expect(all[`docs/${corpus.measured.docWithConfirm}.mdx`]).toMatch(/^requiresAck: true$/m);
    expect(all[`courses/${corpus.measured.lesson}.mdx`]).toMatch(/^quiz: /m);
    // Realistic bodies: Russian prose of about 1 500 words a document, tables in a third of them.
    expect(corpus.words / corpus.docs.length).toBeGreaterThan(1_000);
    const tables = corpus.docs.filter((d) => d.blocks.some((b) => b.type === 'table')).length;
    expect(tables).toBeGreaterThanOrEqual(10);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
