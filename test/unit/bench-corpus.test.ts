import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { writeCorpus } from '../../bench/corpus';
import { percentile } from '../../bench/measure';
import { planFor, readableBy, seedPeople } from '../../bench/mix';
import { storeDataSchema } from '../../src/server/store/data';
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

describe('the mixed load’s people', () => {
  it('are a head, a mentor per ten and employees, whose mentors are mentors, in a data file the store reads', async () => {
    const dir = folder();
    const visitors = await seedPeople(dir, ['account-manager', 'sales-trainee'], 'head-of-sales', 50);
    expect(visitors.map((v) => v.appRole).filter((r) => r === 'head')).toHaveLength(1);
    expect(visitors.filter((v) => v.appRole === 'mentor')).toHaveLength(5);
    const data = storeDataSchema.parse(JSON.parse(readFileSync(join(dir, 'salesbook.json'), 'utf8')));
    const mentors = new Set(data.users.filter((u) => u.appRole === 'mentor').map((u) => u.id));
    expect(data.users.filter((u) => u.appRole === 'employee').every((u) => u.mentorId !== null && mentors.has(u.mentorId))).toBe(true);
    expect(new Set(data.users.map((u) => u.login)).size).toBe(50);
  });

  it('each read documents open to their position, their My path and a lesson; the team page only for mentors and the head', () => {
    const { docs } = writeCorpus(folder(), 40);
    const lessons = ['onboarding/company', 'onboarding/crm'];
    const employee = planFor({ login: 'employee9', position: 'sales-trainee', appRole: 'employee' }, 9, docs, lessons);
    const mentor = planFor({ login: 'mentor1', position: 'account-manager', appRole: 'mentor' }, 1, docs, lessons);
    const readable = new Set(readableBy(docs, 'sales-trainee').map((d) => `/docs/${d.id}/`));
    expect(readable.size).toBeGreaterThan(0);
    for (const step of employee.filter((s) => s.page === 'document')) expect(readable.has(step.path), step.path).toBe(true);
    expect(employee.map((s) => s.page)).toEqual(['document', 'my path', 'document', 'lesson', 'document']);
    expect(mentor.map((s) => s.page)).toContain('team');
    // Different people read different documents.
    const other = planFor({ login: 'employee10', position: 'sales-trainee', appRole: 'employee' }, 10, docs, lessons);
    expect(other[0]!.path).not.toBe(employee[0]!.path);
  });
});
