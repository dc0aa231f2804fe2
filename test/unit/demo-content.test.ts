import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docKinds } from '../../src/schemas/doc';
import { computePay } from '../../src/domain/motivation';
import { formatProblems } from '../../src/schemas/error-map';
import { readContentFolder } from '../../src/content-check/folder';
import { validateContent } from '../../src/content-check/validate';

/**
 * Floors of the demo company shipped in content/ (ООО «Опора Снабжение»).
 * The product's demo, its tour and its screenshots rely on these amounts of content;
 * the test makes sure the content cannot silently shrink below them.
 */

const root = fileURLToPath(new URL('../../content', import.meta.url));
const { content, problems } = validateContent(readContentFolder(root));

/** The date the demo content is written for: "overdue for review" is relative to it. */
const TODAY = new Date('2026-11-27');

/** Words of an MDX body: MDX/JSX tags and Markdown punctuation removed, tokens with a letter or digit counted. */
function countWords(body: string): number {
  return body
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#*_`>|~\\]/g, ' ')
    .split(/\s+/)
    .filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

const major = (version: string) => Number(version.split('.')[0]);

describe('demo content: validity', () => {
  it('has no schema or cross-reference problems', () => {
    expect(problems.length === 0 ? '' : formatProblems(problems), 'content problems').toBe('');
  });

  it('counts words without MDX tags and Markdown punctuation', () => {
    const sample = '## Сроки ответа\n\n<Callout type="note">\n\n**Важно:** ответ — за 15 минут.\n\n</Callout>\n\n| Срок | Кто |\n|---|---|';
    expect(countWords(sample), 'words in a sample body').toBe(9);
  });
});

describe('demo content: documents', () => {
  const docs = content.docs;

  it('has at least 24 documents', () => {
    expect(docs.length, 'number of documents').toBeGreaterThanOrEqual(24);
  });

  it('uses every kind of document', () => {
    const used = new Set(docs.map((d) => d.data.kind));
    const missing = docKinds.filter((kind) => !used.has(kind));
    expect(missing, 'document kinds with no document').toEqual([]);
  });

  it('has at least 3 documents at major version 2 or later with a change log', () => {
    const revised = docs.filter((d) => major(d.data.version) >= 2 && d.data.changes.length > 0);
    expect(revised.length, `documents at major version ≥ 2 with changes: ${revised.map((d) => d.id).join(', ')}`).toBeGreaterThanOrEqual(3);
  });

  it('has at least 3 active documents overdue for review (reviewBy before 2026-11-27)', () => {
    const overdue = docs.filter((d) => d.data.status === 'active' && d.data.reviewBy < TODAY);
    expect(overdue.length, `active documents overdue for review: ${overdue.map((d) => d.id).join(', ')}`).toBeGreaterThanOrEqual(3);
  });

  it('has at least 2 drafts and at least 1 archived document', () => {
    expect(docs.filter((d) => d.data.status === 'draft').length, 'draft documents').toBeGreaterThanOrEqual(2);
    expect(docs.filter((d) => d.data.status === 'archived').length, 'archived documents').toBeGreaterThanOrEqual(1);
  });

  it('keeps every document body between 600 and 2500 words', () => {
    const outside = docs
      .map((d) => ({ id: d.id, words: countWords(d.body ?? '') }))
      .filter(({ words }) => words < 600 || words > 2500)
      .map(({ id, words }) => `${id}: ${words} words`);
    expect(outside, 'documents with a body outside 600–2500 words').toEqual([]);
  });

  it('gives every document an owner, a version, dates, an audience and tags', () => {
    const incomplete = docs
      .filter((d) => !d.data.owner || !d.data.version || !d.data.effective || !d.data.reviewBy || !d.data.audience || d.data.tags.length === 0)
      .map((d) => d.id);
    expect(incomplete, 'documents missing owner, version, dates, audience or tags').toEqual([]);
  });
});

describe('demo content: scripts and practice dialogues', () => {
  const withDialogue = content.scripts.filter((s) => s.data.dialogue);
  const dialogueOf = (id: string) => content.dialogues.find((d) => d.id === id);

  it('has at least 6 scripts with a practice dialogue', () => {
    expect(withDialogue.length, 'scripts with a dialogue').toBeGreaterThanOrEqual(6);
  });

  it('gives every script dialogue at least 8 nodes, 2 good and 2 bad endings, and feedback on every option', () => {
    const failures: string[] = [];
    for (const script of withDialogue) {
      const dialogue = dialogueOf(script.data.dialogue!);
      if (!dialogue) {
        failures.push(`${script.id}: dialogue ${script.data.dialogue} not found`);
        continue;
      }
      const nodes = Object.values(dialogue.data.nodes);
      const good = nodes.filter((n) => n.ending === 'good').length;
      const bad = nodes.filter((n) => n.ending === 'bad').length;
      const silent = nodes.flatMap((n) => n.options ?? []).filter((o) => o.feedback.trim() === '').length;
      if (nodes.length < 8) failures.push(`${dialogue.id}: ${nodes.length} nodes (< 8)`);
      if (good < 2) failures.push(`${dialogue.id}: ${good} good endings (< 2)`);
      if (bad < 2) failures.push(`${dialogue.id}: ${bad} bad endings (< 2)`);
      if (silent > 0) failures.push(`${dialogue.id}: ${silent} options without feedback`);
    }
    expect(failures, 'dialogues below the floor').toEqual([]);
  });
});

describe('demo content: courses', () => {
  const course = (id: string) => content.courses.find((c) => c.id === id);
  const quizIds = new Set(content.quizzes.map((q) => q.id));

  it.each([
    ['onboarding-b2b', 8],
    ['crm-practice', 4],
    ['product-basics', 4],
  ])('course %s has at least %i lessons', (id, min) => {
    expect(course(id), `course ${id} exists`).toBeDefined();
    expect(course(id)!.data.lessons.length, `lessons of ${id}`).toBeGreaterThanOrEqual(min);
  });

  it('ends the onboarding-b2b course with a final quiz that exists', () => {
    const quiz = course('onboarding-b2b')?.data.quiz;
    expect(quiz, 'final quiz of onboarding-b2b').toBeTruthy();
    expect(quizIds.has(quiz!), `quiz ${quiz} exists`).toBe(true);
  });
});

describe('demo content: quizzes', () => {
  const questions = content.quizzes.flatMap((q) => q.data.questions.map((question) => ({ quiz: q.id, question })));

  it('has at least 80 quiz questions in all', () => {
    expect(questions.length, 'quiz questions in all quizzes').toBeGreaterThanOrEqual(80);
  });

  it('uses every question type', () => {
    const used = new Set<string>(questions.map(({ question }) => question.type));
    const missing = ['single', 'multiple', 'truefalse', 'order', 'number'].filter((type) => !used.has(type));
    expect(missing, 'question types with no question').toEqual([]);
  });

  it('gives every question an explanation and a document link', () => {
    const bare = questions
      .filter(({ question }) => question.explanation.trim() === '' || !question.doc)
      .map(({ quiz, question }) => `${quiz}/${question.id}`);
    expect(bare, 'questions without an explanation or a doc link').toEqual([]);
  });

  it('draws 20 questions for onboarding-final from a bank of at least 35', () => {
    const final = content.quizzes.find((q) => q.id === 'onboarding-final');
    expect(final, 'quiz onboarding-final exists').toBeDefined();
    expect(final!.data.draw, 'questions drawn by onboarding-final').toBe(20);
    expect(final!.data.questions.length, 'bank of onboarding-final').toBeGreaterThanOrEqual(35);
  });
});

describe('demo content: checklists', () => {
  const items = content.checklists.flatMap((c) => c.data.items);

  it('has at least 2 checklists with at least 20 items together', () => {
    expect(content.checklists.length, 'checklists').toBeGreaterThanOrEqual(2);
    expect(items.length, 'checklist items in all checklists').toBeGreaterThanOrEqual(20);
  });

  it('has at least 8 critical items with skill ids', () => {
    const critical = items.filter((item) => item.critical && item.skill);
    expect(critical.length, 'critical checklist items with a skill id').toBeGreaterThanOrEqual(8);
  });

  it('gives every role a checklist of its own on its learning path, whose audience names the role', () => {
    const missing = content.roles
      .filter(({ id, data }) => !data.path.checklists.some((list) => {
        const audience = content.checklists.find((c) => c.id === list)?.data.audience;
        return audience !== undefined && audience !== 'all' && audience.includes(id);
      }))
      .map((r) => r.id);
    expect(missing, 'roles without a checklist for them on their path').toEqual([]);
    // And every checklist is on the path of every role it names, so its skills reach those people.
    const stray = content.checklists.flatMap((c) =>
      c.data.audience === 'all' ? [] : c.data.audience.filter((role) => !content.roles.find((r) => r.id === role)?.data.path.checklists.includes(c.id)).map((role) => `${c.id} → ${role}`),
    );
    expect(stray, 'checklists not on the path of a role in their audience').toEqual([]);
  });

  it('has every critical skill the org structure names as a critical checklist item, and names every one the checklists hold', () => {
    const body = content.docs.find((d) => d.id === 'org-structure')!.body!;
    const section = body.slice(body.indexOf('## Закрепление клиентов и навыков'));
    const named = [...section.slice(0, section.indexOf('\n## ', 3) === -1 ? undefined : section.indexOf('\n## ', 3)).matchAll(/^\|[^|\n]+\|\s*`([a-z0-9-]+)`\s*\|/gm)].map((m) => m[1]!);
    // The document names rack-project calculation and tender management among them.
    expect(named, 'critical skills in the org structure').toEqual(expect.arrayContaining(['inbound-call', 'lead-qualification', 'rack-project', 'objection-handling', 'tender', 'receivables-call']));
    const held = new Set(items.filter((item) => item.critical).map((item) => item.skill));
    expect(named.filter((skill) => !held.has(skill)), 'named in the org structure, in no checklist as a critical item').toEqual([]);
    expect([...held].filter((skill) => !named.includes(skill)), 'critical in a checklist, not named in the org structure').toEqual([]);
  });

  it('links every item to a document section or document, and asks the mentor to observe something', () => {
    const bare = content.checklists.flatMap((c) => c.data.items.filter((item) => item.docs.length === 0 || item.observe.length < 80).map((item) => `${c.id}/${item.id}`));
    expect(bare, 'items without documents or with a one-line observation').toEqual([]);
  });
});

describe('demo content: the documents the regulations refer to', () => {
  // What the regulations name, the document that is it, and the documents that name it and link it.
  const forms: [string, string, string[]][] = [
    ['лист оценки звонка', 'call-evaluation-sheet', ['outbound-calls']],
    ['лист наблюдения', 'observation-sheet', ['meetings']],
    ['карта территорий', 'territory-map', ['inbound-leads', 'crm-entry']],
    ['график дежурств', 'duty-schedule', ['inbound-leads']],
    ['инструкция администратора CRM', 'crm-admin-guide', ['org-structure']],
    ['шаблон ежемесячной презентации', 'template-monthly-report', ['reporting']],
  ];

  it.each(forms)('has «%s» as a template or guide, linked from where it is named', (_name, id, namedIn) => {
    const doc = content.docs.find((d) => d.id === id);
    expect(doc, id).toBeDefined();
    expect(['template', 'guide'], `${id} kind`).toContain(doc!.data.kind);
    expect(doc!.data.status, `${id} status`).toBe('active');
    for (const from of namedIn) expect(content.docs.find((d) => d.id === from)!.body, `${from} links ${id}`).toContain(`](/docs/${id}/`);
  });

  it('has a non-monetary motivation statute and the bonus fund in the sales budget', () => {
    expect(content.docs.find((d) => d.id === 'non-monetary-motivation')?.data.status).toBe('active');
    expect(content.docs.find((d) => d.id === 'sales-plans')!.body).toContain('## Фонд оплаты труда и премий в бюджете отдела');
  });
});

describe('demo content: roles and motivation', () => {
  const roleIds = ['head-of-sales', 'senior-manager', 'account-manager', 'key-account-manager', 'inbound-manager', 'sales-trainee', 'crm-admin'];

  it('has the 7 roles of the department', () => {
    const present = new Set(content.roles.map((r) => r.id));
    expect(roleIds.filter((id) => !present.has(id)), 'roles missing from content/roles').toEqual([]);
  });

  it('gives every role at least 6 duties, KPIs, a reportsTo (except the head) and a learning path', () => {
    const failures: string[] = [];
    for (const { id, data } of content.roles) {
      if (data.duties.length < 6) failures.push(`${id}: ${data.duties.length} duties (< 6)`);
      if (data.kpis.length === 0) failures.push(`${id}: no KPIs`);
      if (id !== 'head-of-sales' && !data.reportsTo) failures.push(`${id}: no reportsTo`);
      if (data.path.docs.length + data.path.courses.length === 0) failures.push(`${id}: empty learning path`);
    }
    expect(failures, 'roles below the floor').toEqual([]);
  });

  it('has a motivation scheme for every role paid by the statute: account managers, senior managers, key-account managers', () => {
    expect(content.motivation.length, 'motivation schemes').toBeGreaterThanOrEqual(3);
    const schemeOf = (role: string) => content.roles.find((r) => r.id === role)?.data.motivation;
    expect(['account-manager', 'inbound-manager', 'sales-trainee', 'senior-manager', 'key-account-manager'].map(schemeOf)).toEqual([
      'account-manager-scheme',
      'account-manager-scheme',
      'account-manager-scheme',
      'senior-manager-scheme',
      'key-account-scheme',
    ]);
  });

  it('has the senior manager’s scheme with fixed pay of 55 000 ₽ and worked examples that recompute to the rouble', () => {
    const senior = content.motivation.find((m) => m.id === 'senior-manager-scheme')!.data;
    expect(senior.fixedPay).toBe(55_000);
    expect(senior.examples.length).toBeGreaterThanOrEqual(2);
    for (const example of senior.examples) {
      const outcome = computePay(senior, example);
      expect(outcome.ok && outcome.pay.total, example.title).toBe(example.total);
    }
    // The statute no longer asks to add 10 000 ₽ in the calculator by hand.
    expect(content.docs.find((d) => d.id === 'motivation-statute')!.body).not.toMatch(/прибавьте/);
  });
});
