import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { formatProblems } from '../../src/schemas/error-map';
import { readContentFolder, type RawContent, type RawEntry } from '../../src/content-check/folder';
import { validateContent } from '../../src/content-check/validate';

const fixture = resolve('test/fixtures/content');

/** The fixture content with one change applied to one entry's fields, validated; the problems as lines. */
function problemsAfter(collection: keyof Omit<RawContent, 'problems' | 'site' | 'calendar' | 'digest' | 'media'>, id: string, change: (data: any) => void, locale: 'ru' | 'en' = 'ru') {
  const raw = readContentFolder(fixture, locale);
  const entry = raw[collection].find((e: RawEntry) => e.id === id);
  if (!entry) throw new Error(`no ${collection} ${id} in the fixture`);
  change(entry.data);
  return validateContent(raw, locale).problems.map((p) => `${p.file} › ${p.field}: ${p.message}`);
}

describe('content mistakes are reported with the file, the field and a sentence', () => {
  it('a missing required field', () => {
    expect(problemsAfter('docs', 'lead-handling', (d) => delete d.title)).toMatchInlineSnapshot(`
      [
        "docs/lead-handling.mdx › title: поле обязательно, но не заполнено.",
      ]
    `);
  });

  it('an unknown kind', () => {
    expect(problemsAfter('docs', 'lead-handling', (d) => (d.kind = 'memo'))).toMatchInlineSnapshot(`
      [
        "docs/lead-handling.mdx › kind: допустимые значения: «regulation», «statute», «order», «guide», «standard», «template», «policy»; записано «memo».",
      ]
    `);
  });

  it('a version written without quotes', () => {
    expect(problemsAfter('docs', 'lead-handling', (d) => (d.version = 2))).toMatchInlineSnapshot(`
      [
        "docs/lead-handling.mdx › version: версия пишется как «2.1» в кавычках: номер версии и номер правки; записано «2».",
      ]
    `);
  });

  it('a date that is not a date', () => {
    expect(problemsAfter('docs', 'lead-handling', (d) => (d.reviewBy = 'next spring'))).toMatchInlineSnapshot(`
      [
        "docs/lead-handling.mdx › reviewBy: нужна дата в виде 2026-03-01, а записано «next spring».",
      ]
    `);
  });

  it('a misspelt field', () => {
    expect(problemsAfter('docs', 'lead-handling', (d) => (d.reveiwBy = '2027-01-01'))).toMatchInlineSnapshot(`
      [
        "docs/lead-handling.mdx › reveiwBy: незнакомое поле «reveiwBy». Проверьте написание: возможно, это опечатка.",
      ]
    `);
  });

  it('an owner that is not a role', () => {
    expect(problemsAfter('docs', 'lead-handling', (d) => (d.owner = 'sales-director'))).toMatchInlineSnapshot(`
      [
        "docs/lead-handling.mdx › owner: нет роли «sales-director». Есть: head-of-sales, manager, trainee.",
      ]
    `);
  });

  it('an audience role that does not exist', () => {
    expect(problemsAfter('docs', 'lead-handling', (d) => (d.audience = ['manager', 'intern']))).toMatchInlineSnapshot(`
      [
        "docs/lead-handling.mdx › audience[2]: нет роли «intern». Есть: head-of-sales, manager, trainee.",
      ]
    `);
  });

  it('a link to a section a document does not have', () => {
    expect(problemsAfter('quizzes', 'basics-final', (d) => (d.questions[0].doc = 'lead-handling#скидки'))).toMatchInlineSnapshot(`
      [
        "quizzes/basics-final.yaml › questions[1].doc: в документе «lead-handling» нет раздела «#скидки». Раздел задаётся заголовком ## или ###.",
      ]
    `);
  });

  it('a link in a text to a document or a section that does not exist, with the file line', () => {
    const raw = readContentFolder(fixture);
    const doc = raw.docs.find((e) => e.id === 'tenders')!;
    const line = (doc.bodyLine ?? 1) + 2;
    doc.body = `\n\nСм. [обработку заявок](/docs/lead-handling/#${encodeURIComponent('сроки-ответа')}), [скидки](/docs/net-takogo/) и [раздел](/docs/lead-handling/#нет-такого).\nВнешняя [ссылка](https://example.org/docs/x/) не проверяется.\n`;
    expect(validateContent(raw).problems.map((p) => `${p.file} › ${p.field}: ${p.message}`)).toEqual([
      `docs/tenders.mdx › текст, строка ${line}: нет документа «net-takogo». Есть: lead-handling, memo-call-prep, memo-commercial-offer, memo-complaint, memo-contract, memo-exhibition, memo-first-meeting, memo-follow-up….`,
      `docs/tenders.mdx › текст, строка ${line}: в документе «lead-handling» нет раздела «#нет-такого». Раздел задаётся заголовком ## или ###.`,
    ]);
  });

  it('an image of the portal’s own that is not in docs/_media, with the file line; an image that is there passes', () => {
    const overrides = new Map<string, string | Uint8Array>([['docs/_media/tenders/0123456789abcdef.png', new Uint8Array([137, 80, 78, 71])]]);
    const raw = readContentFolder(fixture, 'ru', overrides);
    expect([...raw.media]).toEqual(['tenders/0123456789abcdef.png']);
    const doc = raw.docs.find((e) => e.id === 'tenders')!;
    doc.body = '\n![Схема](/media/docs/tenders/0123456789abcdef.png)\n\n![Нет такой](/media/docs/tenders/fedcba9876543210.png)\n\n![Внешняя](https://example.org/x.png)\n';
    const line = (doc.bodyLine ?? 1) + 3;
    expect(validateContent(raw).problems.map((p) => `${p.file} › ${p.field}: ${p.message}`)).toEqual([
      `docs/tenders.mdx › текст, строка ${line}: нет изображения /media/docs/tenders/fedcba9876543210.png: изображения документа лежат в docs/_media/<документ>/ и показываются по адресу /media/docs/<документ>/<файл>.`,
    ]);
  });

  it('a course lesson whose file is missing', () => {
    expect(problemsAfter('courses', 'basics', (d) => d.lessons.push('objections'))).toMatchInlineSnapshot(`
      [
        "courses/basics/course.yaml › lessons[3]: нет урока «objections». Есть: crm, first-contact.",
      ]
    `);
  });

  it('a course quiz that does not exist', () => {
    expect(problemsAfter('courses', 'basics', (d) => (d.quiz = 'final-exam'))).toMatchInlineSnapshot(`
      [
        "courses/basics/course.yaml › quiz: нет теста «final-exam». Есть: basics-final, first-contact-check.",
      ]
    `);
  });

  it('a role path pointing to a missing checklist', () => {
    expect(problemsAfter('roles', 'trainee', (d) => d.path.checklists.push('cold-calls'))).toMatchInlineSnapshot(`
      [
        "roles/trainee.yaml › path.checklists[2]: нет чек-листа «cold-calls». Есть: key-accounts, trainee-skills.",
      ]
    `);
  });

  it('a reporting line that goes round in a circle', () => {
    expect(problemsAfter('roles', 'head-of-sales', (d) => (d.reportsTo = 'trainee'))).toMatchInlineSnapshot(`
      [
        "roles/head-of-sales.yaml › reportsTo: подчинённость замыкается в круг: head-of-sales → trainee → manager → head-of-sales.",
      ]
    `);
  });

  it('a dialogue answer leading to a step that does not exist', () => {
    expect(problemsAfter('dialogues', 'cold-call', (d) => (d.nodes.who.options[0].next = 'meeting'))).toMatchInlineSnapshot(`
      [
        "dialogues/cold-call.yaml › nodes.who.options[1].next: нет шага «meeting». Есть: hello, who, connected, refused.",
        "dialogues/cold-call.yaml › nodes.connected: до шага «connected» нельзя дойти от начала диалога.",
      ]
    `);
  });

  it('a dialogue that can loop forever', () => {
    expect(problemsAfter('dialogues', 'cold-call', (d) => (d.nodes.who.options[0].next = 'hello'))).toMatchInlineSnapshot(`
      [
        "dialogues/cold-call.yaml › nodes.hello: диалог может ходить по кругу: hello → who → hello. Каждый путь должен заканчиваться.",
      ]
    `);
  });

  it('a dialogue step that cannot be reached', () => {
    expect(problemsAfter('dialogues', 'cold-call', (d) => (d.nodes.lost = { client: 'Алло?', ending: 'bad', outcome: 'Тишина.' }))).toMatchInlineSnapshot(`
      [
        "dialogues/cold-call.yaml › nodes.lost: до шага «lost» нельзя дойти от начала диалога.",
      ]
    `);
  });

  it('a dialogue step that both offers answers and ends', () => {
    expect(problemsAfter('dialogues', 'cold-call', (d) => (d.nodes.who.ending = 'good'))).toMatchInlineSnapshot(`
      [
        "dialogues/cold-call.yaml › nodes.who: шаг диалога либо предлагает менеджеру варианты ответа (options), либо завершает разговор (ending и outcome), но не то и другое сразу.",
      ]
    `);
  });

  it('two questions with the same id', () => {
    expect(problemsAfter('quizzes', 'basics-final', (d) => (d.questions[1].id = 'response-time'))).toMatchInlineSnapshot(`
      [
        "quizzes/basics-final.yaml › questions: идентификатор «response-time» повторяется: у каждого элемента он должен быть свой.",
      ]
    `);
  });

  it('a choice question with no correct option', () => {
    expect(problemsAfter('quizzes', 'basics-final', (d) => (d.questions[0].options[0].correct = false))).toMatchInlineSnapshot(`
      [
        "quizzes/basics-final.yaml › questions[1].options: ни один вариант не отмечен как верный (correct: true).",
      ]
    `);
  });

  it('a single-answer question with two correct options', () => {
    expect(problemsAfter('quizzes', 'basics-final', (d) => (d.questions[0].options[1].correct = true))).toMatchInlineSnapshot(`
      [
        "quizzes/basics-final.yaml › questions[1].options: в вопросе с одним ответом верным должен быть ровно один вариант, а отмечено 2.",
      ]
    `);
  });

  it('an unknown question type', () => {
    expect(problemsAfter('quizzes', 'basics-final', (d) => (d.questions[2].type = 'essay'))).toMatchInlineSnapshot(`
      [
        "quizzes/basics-final.yaml › questions[3].type: допустимые значения: «single», «multiple», «truefalse», «order», «number»; записано «essay».",
      ]
    `);
  });

  it('a quiz that draws more questions than its bank holds', () => {
    expect(problemsAfter('quizzes', 'basics-final', (d) => (d.draw = 9))).toMatchInlineSnapshot(`
      [
        "quizzes/basics-final.yaml › draw: нужно выбрать 9 вопросов, а в банке всего 5.",
      ]
    `);
  });

  it('a minimum of certified people on an item that is not critical, or one that is not a whole number of people', () => {
    expect(problemsAfter('checklists', 'trainee-skills', (d) => (d.items[1].minCertified = 3))).toMatchInlineSnapshot(`
      [
        "checklists/trainee-skills.yaml › items[2].minCertified: минимум аттестованных (minCertified) задают только критичному навыку: добавьте пункту «critical: true» или уберите minCertified.",
      ]
    `);
    expect(problemsAfter('checklists', 'trainee-skills', (d) => (d.items[0].minCertified = 0))).toMatchInlineSnapshot(`
      [
        "checklists/trainee-skills.yaml › items[1].minCertified: значение должно быть не меньше 1.",
      ]
    `);
    expect(problemsAfter('checklists', 'trainee-skills', (d) => (d.items[0].minCertified = 2.5), 'en')).toMatchInlineSnapshot(`
      [
        "checklists/trainee-skills.yaml › items[1].minCertified: this needs a whole number.",
      ]
    `);
    expect(problemsAfter('checklists', 'trainee-skills', (d) => (d.items[0].minCertified = 4))).toEqual([]);
  });

  it('a term of validity that is not a whole number of months from 1 to 120, wherever it is set', () => {
    expect(problemsAfter('checklists', 'trainee-skills', (d) => (d.items[0].validForMonths = 1.5))).toMatchInlineSnapshot(`
      [
        "checklists/trainee-skills.yaml › items[1].validForMonths: нужно целое число.",
      ]
    `);
    expect(problemsAfter('checklists', 'key-accounts', (d) => (d.validForMonths = 0))).toMatchInlineSnapshot(`
      [
        "checklists/key-accounts.yaml › validForMonths: значение должно быть не меньше 1.",
      ]
    `);
    expect(problemsAfter('quizzes', 'basics-final', (d) => (d.validForMonths = 121))).toMatchInlineSnapshot(`
      [
        "quizzes/basics-final.yaml › validForMonths: значение должно быть не больше 120.",
      ]
    `);
    expect(problemsAfter('docs', 'motivation-statute', (d) => (d.validForMonths = 'год'))).toMatchInlineSnapshot(`
      [
        "docs/motivation-statute.mdx › validForMonths: здесь нужно число, а записано «год».",
      ]
    `);
  });

  it('a term of validity on a document nobody is asked to confirm; on the path of a position it is fine', () => {
    expect(problemsAfter('docs', 'memo-call-prep', (d) => (d.validForMonths = 12))).toMatchInlineSnapshot(`
      [
        "docs/memo-call-prep.mdx › validForMonths: срок действия подтверждения задан, но этот документ никого не просят подтвердить: укажите requiresAck: true или добавьте документ в path.docs должности, либо уберите validForMonths.",
      ]
    `);
    expect(problemsAfter('docs', 'memo-call-prep', (d) => (d.validForMonths = 12), 'en')).toMatchInlineSnapshot(`
      [
        "docs/memo-call-prep.mdx › validForMonths: a term for confirmations is set, but nobody is asked to confirm this document: add requiresAck: true or put the document in a position’s path.docs, or remove validForMonths.",
      ]
    `);
    expect(problemsAfter('docs', 'lead-handling', (d) => ((d.validForMonths = 12), (d.requiresAck = false)))).toEqual([]);
  });

  it('motivation weights that do not add up to 100', () => {
    expect(problemsAfter('motivation', 'manager-scheme', (d) => (d.kpis[1].weight = 10))).toMatchInlineSnapshot(`
      [
        "motivation/manager-scheme.yaml › kpis: веса KPI в сумме должны давать 100, а дают 90.",
      ]
    `);
  });

  it('a KPI taken from the sales figures in another unit than theirs', () => {
    expect(problemsAfter('motivation', 'manager-scheme', (d) => (d.kpis[1].unit = 'count'))).toMatchInlineSnapshot(`
      [
        "motivation/manager-scheme.yaml › kpis[2].unit: значение KPI «conversion» Salesbook берёт из показателей продаж, в единице percent: укажите unit: percent.",
      ]
    `);
  });

  it('a worked example whose total the formula does not give', () => {
    expect(problemsAfter('motivation', 'manager-scheme', (d) => (d.examples[0].total = 111000))).toMatchInlineSnapshot(`
      [
        "motivation/manager-scheme.yaml › examples[1].total: по формуле схемы доход составляет 110 000 ₽, а в примере записано 111 000 ₽. Исправьте пример или схему: положение и калькулятор должны совпадать до рубля.",
      ]
    `);
  });

  it('a worked example without a KPI value, and with a KPI the scheme does not have', () => {
    expect(problemsAfter('motivation', 'manager-scheme', (d) => (d.examples[1].kpis = { plan: 65, calls: 40 }))).toMatchInlineSnapshot(`
      [
        "motivation/manager-scheme.yaml › examples[2].kpis.calls: нет KPI «calls». Есть: plan, conversion, receivables.",
        "motivation/manager-scheme.yaml › examples[2].kpis: в примере нет значений KPI «conversion», «receivables»: без них доход не посчитать.",
      ]
    `);
  });

  it('sign-off settings out of range: observations on a checklist and an item, a wait that is not whole days', () => {
    expect(
      problemsAfter('checklists', 'trainee-skills', (d) => {
        d.observations = 0;
        d.retryAfterDays = 1.5;
        d.items[0].observations = 11;
        d.items[1].retryAfterDays = -1;
      }),
    ).toMatchInlineSnapshot(`
      [
        "checklists/trainee-skills.yaml › observations: значение должно быть не меньше 1.",
        "checklists/trainee-skills.yaml › retryAfterDays: нужно целое число.",
        "checklists/trainee-skills.yaml › items[1].observations: значение должно быть не больше 10.",
        "checklists/trainee-skills.yaml › items[2].retryAfterDays: значение должно быть не меньше 0.",
      ]
    `);
  });

  it('a worked example whose total is wrong, in English', () => {
    expect(problemsAfter('motivation', 'manager-scheme', (d) => (d.examples[1].total = 1234567), 'en')).toMatchInlineSnapshot(`
      [
        "motivation/manager-scheme.yaml › examples[2].total: the scheme's formula gives 50,000 ₽, but the example says 1,234,567 ₽. Fix the example or the scheme: the statute and the calculator must agree to the rouble.",
      ]
    `);
  });

  it('a number where text is expected, in English', () => {
    expect(problemsAfter('docs', 'lead-handling', (d) => (d.summary = 42), 'en')).toMatchInlineSnapshot(`
      [
        "docs/lead-handling.mdx › summary: this needs text, but it says «42».",
      ]
    `);
  });
});

describe('a summary of problems', () => {
  it('counts them and lists one per line', () => {
    const raw = readContentFolder(fixture);
    (raw.docs[0]!.data as any).owner = 'nobody';
    expect(formatProblems(validateContent(raw).problems)).toMatchInlineSnapshot(`
      "Контент содержит ошибки (1). Пока они не исправлены, портал показывает прежнюю версию.
        docs/lead-handling.mdx › owner: нет роли «nobody». Есть: head-of-sales, manager, trainee."
    `);
  });
});

describe('unreadable files', () => {
  it('reports an MDX file without frontmatter and broken YAML by file', async () => {
    const { cpSync, writeFileSync } = await import('node:fs');
    const dir = tempDir('salesbook-content-');
    cpSync(fixture, dir, { recursive: true });
    writeFileSync(resolve(dir, 'docs/empty.mdx'), 'Просто текст без метаданных.\n');
    writeFileSync(resolve(dir, 'roles/broken.yaml'), 'title: [не закрыто\n');
    const lines = validateContent(readContentFolder(dir)).problems.map((p) => `${p.file} › ${p.field}`);
    expect(lines.sort()).toEqual(['docs/empty.mdx › (file)', 'roles/broken.yaml › (file)']);
  });
});

describe('kept texts of earlier versions', () => {
  it('belong to a document, are named by a version earlier than the current one, and agree with their own version field', async () => {
    const { cpSync, mkdirSync, writeFileSync } = await import('node:fs');
    const dir = tempDir('salesbook-content-');
    cpSync(fixture, dir, { recursive: true });
    mkdirSync(resolve(dir, 'docs/_versions/lead-handlng'), { recursive: true });
    writeFileSync(resolve(dir, 'docs/_versions/lead-handlng/1.0.mdx'), 'Текст.\n');
    writeFileSync(resolve(dir, 'docs/_versions/lead-handling/first.mdx'), 'Текст.\n');
    writeFileSync(resolve(dir, 'docs/_versions/lead-handling/2.0.mdx'), 'Текст.\n');
    writeFileSync(resolve(dir, 'docs/_versions/lead-handling/1.1.mdx'), '---\nversion: "1.2"\n---\nТекст.\n');
    const lines = validateContent(readContentFolder(dir)).problems.map((p) => `${p.file} › ${p.field}: ${p.message}`);
    expect(lines).toMatchInlineSnapshot(`
      [
        "docs/_versions/lead-handling/1.1.mdx › version: в файле указана версия «1.2», а назван он «1.1.mdx». Исправьте одно из двух.",
        "docs/_versions/lead-handling/2.0.mdx › (file): здесь хранят только прежние версии, а «2.0» не раньше текущей «2.0». Текущий текст лежит в самом документе.",
        "docs/_versions/lead-handling/first.mdx › (file): файл прежней версии называется номером версии, например «1.3.mdx»; а назван «first.mdx».",
        "docs/_versions/lead-handlng/1.0.mdx › (file): нет документа «lead-handlng». Есть: lead-handling, memo-call-prep, memo-commercial-offer, memo-complaint, memo-contract, memo-exhibition, memo-first-meeting, memo-follow-up….",
      ]
    `);
  });

  it('are read with or without frontmatter, and never as documents', () => {
    const raw = readContentFolder(fixture);
    expect(raw.docs.map((d) => d.id)).not.toContain('_versions');
    expect(raw.docVersions.map((v) => [v.id, v.file])).toEqual([['lead-handling/1.0', 'docs/_versions/lead-handling/1.0.mdx']]);
    expect(raw.docVersions[0]!.body).toContain('**30 минут**');
    expect(raw.docVersions[0]!.body).not.toContain('title:');
  });
});
