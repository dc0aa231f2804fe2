import { describe, expect, it } from 'vitest';
import { composePublication, contentPathOf, isEditableId } from '../../src/server/publishing';

const doc = (version: string, extra = '') => `---\ntitle: Регламент\nversion: "${version}"\neffective: 2026-01-10\n${extra}---\n\n## Раздел\n\nТекст.\n`;

describe('ids the editor accepts', () => {
  it('names entries inside their folders only', () => {
    expect(isEditableId('docs', 'crm-entry')).toBe(true);
    expect(isEditableId('lessons', 'basics/first-contact')).toBe(true);
    for (const id of ['../site', 'a/../b', '.git', 'Crm', 'crm entry', '', 'a/b']) expect(isEditableId('docs', id), id).toBe(false);
    expect(isEditableId('lessons', 'basics/../x')).toBe(false);
    expect(isEditableId('quizzes', 'final')).toBe(false);
    expect(contentPathOf('lessons', 'basics/first-contact')).toBe('courses/basics/first-contact.mdx');
  });
});

describe('what a publication writes', () => {
  it('a major version: the next major, the date, the change-log line first, the old text kept', () => {
    const published = doc('2.3', 'changes:\n  - version: "2.3"\n    date: 2026-01-10\n    summary: Уточнение.\n');
    const result = composePublication('docs', 'crm-entry', published, published.replace('Текст.', 'Новый текст.'), { level: 'major', effective: '2026-12-01', summary: 'Новые сроки' });
    if (!result.ok) throw new Error(result.reason);
    expect(result.version).toBe('3.0');
    const written = result.files.get('docs/crm-entry.mdx')!;
    expect(written).toContain('version: "3.0"');
    expect(written).toContain('effective: 2026-12-01');
    expect(written.indexOf('summary: Новые сроки')).toBeLessThan(written.indexOf('summary: Уточнение.'));
    expect(written).toContain('Новый текст.');
    expect(result.files.get('docs/_versions/crm-entry/2.3.mdx')).toBe(published);
  });

  it('a minor version without a line; a major one without a line is refused; a new document starts at 1.0', () => {
    const minor = composePublication('docs', 'crm-entry', doc('2.3'), doc('2.3'), { level: 'minor', effective: '2026-12-01', summary: '' });
    expect(minor.ok && minor.version).toBe('2.4');
    expect(composePublication('docs', 'crm-entry', doc('2.3'), doc('2.3'), { level: 'major', effective: '2026-12-01', summary: ' ' })).toEqual({ ok: false, reason: 'summary-required' });
    const first = composePublication('docs', 'new-doc', undefined, doc('1.0'), { level: 'major', effective: '2026-12-01', summary: '' });
    expect(first.ok && first.version).toBe('1.0');
    expect(first.ok && [...first.files.keys()]).toEqual(['docs/new-doc.mdx']);
  });

  it('a new document still marked as a draft is put into effect only when asked', () => {
    const draft = doc('1.0', 'status: draft\n');
    const activated = composePublication('docs', 'new-doc', undefined, draft, { level: 'minor', effective: '2026-12-01', summary: '', activate: true });
    expect(activated.ok && activated.files.get('docs/new-doc.mdx')).toContain('status: active');
    const kept = composePublication('docs', 'new-doc', undefined, draft, { level: 'minor', effective: '2026-12-01', summary: '', activate: false });
    expect(kept.ok && kept.files.get('docs/new-doc.mdx')).toContain('status: draft');
    // An archived document stays archived whatever the choice.
    const archived = composePublication('docs', 'crm-entry', doc('2.3', 'status: archived\n'), doc('2.3', 'status: archived\n'), { level: 'minor', effective: '2026-12-01', summary: '', activate: true });
    expect(archived.ok && archived.files.get('docs/crm-entry.mdx')).toContain('status: archived');
  });

  it('a lesson has no version: it is written as it is', () => {
    const result = composePublication('lessons', 'basics/intro', 'old', '---\ntitle: Урок\nminutes: 5\n---\nТекст\n', { level: 'minor', effective: '2026-12-01', summary: '' });
    expect(result.ok && result.files.get('courses/basics/intro.mdx')).toBe('---\ntitle: Урок\nminutes: 5\n---\nТекст\n');
  });
});
