// One rule for drafts and the archive, for every kind of content (src/domain/visibility.ts).
import { describe, expect, it } from 'vitest';
import { checklistSchema } from '../../src/schemas/checklist';
import { courseSchema, lessonSchema } from '../../src/schemas/course';
import { docSchema } from '../../src/schemas/doc';
import { quizSchema } from '../../src/schemas/quiz';
import { scriptSchema } from '../../src/schemas/script';
import { indexesFor } from '../../src/domain/search-pages';
import { inEffect, mayRead } from '../../src/domain/visibility';

describe('documents and scripts: drafts for those who may see them, the archive readable', () => {
  it('a draft is read only by those who may see drafts', () => {
    expect(mayRead({ status: 'draft' }, false)).toBe(false);
    expect(mayRead({ status: 'draft' }, true)).toBe(true);
  });

  it('active and archived content is read by everyone; only active content is in effect', () => {
    expect(mayRead({ status: 'active' }, false)).toBe(true);
    expect(mayRead({ status: 'archived' }, false)).toBe(true);
    expect(inEffect({ status: 'active' })).toBe(true);
    expect(inEffect({ status: 'draft' })).toBe(false);
    expect(inEffect({ status: 'archived' })).toBe(false);
  });

  it('everyone’s search holds what is in effect; heads’ search drafts and the archive too', () => {
    expect(indexesFor('active')).toEqual(['staff', 'heads']);
    expect(indexesFor('draft')).toEqual(['heads']);
    expect(indexesFor('archived')).toEqual(['heads']);
  });
});

describe('which kinds have a status', () => {
  const hasStatus = (schema: { shape: object }) => 'status' in schema.shape;

  it('documents and scripts have one', () => {
    expect(hasStatus(docSchema)).toBe(true);
    expect(hasStatus(scriptSchema)).toBe(true);
  });

  it('courses, lessons, quizzes and checklists have none, and are read by everyone while in the folder', () => {
    for (const schema of [courseSchema, lessonSchema, quizSchema, checklistSchema]) expect(hasStatus(schema)).toBe(false);
    expect(mayRead({}, false)).toBe(true);
    expect(inEffect({})).toBe(true);
  });
});
