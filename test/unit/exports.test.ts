import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n';
import { csvCells } from '../../src/i18n/exports';
import { ackSheetTable, matrixTable, quizAttemptsTable, signoffsTable, type ExportContext } from '../../src/server/views/exports';
import type { QuizAttempt, Signoff } from '../../src/server/store/data';
import type { TeamRow } from '../../src/server/views/tracker';

const roles = new Map([['trainee', 'Стажёр отдела продаж']]);
const context = (locale: 'ru' | 'en', timeZone = 'Asia/Yekaterinburg'): ExportContext => ({
  i18n: translator(locale),
  cells: csvCells(locale, timeZone),
  roles,
});

describe('values in a CSV', () => {
  it('write numbers with the language’s decimal mark and no grouping', () => {
    expect(csvCells('ru', 'Europe/Moscow').number(87.5)).toBe('87,5');
    expect(csvCells('ru', 'Europe/Moscow').number(1250000.5)).toBe('1250000,5');
    expect(csvCells('en', 'Europe/Moscow').number(87.5)).toBe('87.5');
    expect(csvCells('ru', 'Europe/Moscow').number(null)).toBe('');
  });

  it('write an instant as local time in the site’s time zone, and a calendar day as it is', () => {
    const at = '2026-11-17T20:30:00.000Z';
    expect(csvCells('ru', 'Asia/Yekaterinburg').dateTime(at)).toBe('18.11.2026 01:30');
    expect(csvCells('ru', 'Europe/Moscow').dateTime(at)).toBe('17.11.2026 23:30');
    expect(csvCells('en', 'Europe/London').dateTime(at)).toBe('17/11/2026 20:30');
    expect(csvCells('ru', 'Asia/Yekaterinburg').date('2026-03-01')).toBe('01.03.2026');
    expect(csvCells('en', 'Asia/Yekaterinburg').date('2026-03-01')).toBe('01/03/2026');
    expect(csvCells('ru', 'Europe/Moscow').dateTime(null)).toBe('');
  });
});

const person = { id: 'u1', name: 'Алексей Смирнов', login: 'trainee1', position: 'trainee' };

describe('the acknowledgement sheet', () => {
  const lines = [
    { person, standing: { state: 'outdated' as const, latest: { version: '1.0', at: '2026-09-02T04:15:00.000Z' } } },
    { person: { ...person, id: 'u2', name: 'Сергей Лебедев', login: 'trainee3' }, standing: { state: 'unconfirmed' as const } },
  ] as Parameters<typeof ackSheetTable>[0];

  it('has headers, positions and marks in the interface’s language, and the local time of confirming', () => {
    expect(ackSheetTable(lines, context('ru'))).toEqual({
      header: ['№', 'Сотрудник', 'Должность', 'Версия', 'Дата ознакомления', 'Отметка'],
      rows: [
        ['1', 'Алексей Смирнов', 'Стажёр отдела продаж', '1.0', '02.09.2026 09:15', 'прежняя версия'],
        ['2', 'Сергей Лебедев', 'Стажёр отдела продаж', '', '', 'не подтверждено'],
      ],
    });
    expect(ackSheetTable(lines, context('en')).header).toEqual(['No.', 'Employee', 'Position', 'Version', 'Date read', 'Status']);
    expect(ackSheetTable(lines, context('en')).rows[1]![5]).toBe('not confirmed');
  });
});

describe('the training matrix', () => {
  const row: TeamRow = {
    person: { ...person, hired: '2026-08-25' } as TeamRow['person'],
    docs: { done: 1, total: 3 },
    overdue: [],
    courses: [{ id: 'basics', state: 'inProgress' }],
    skills: { passed: 2, total: 5 },
    renewals: [],
    lastActivity: '2026-11-10T07:05:00.000Z',
    stalled: false,
    ramp: { done: false, day: 85, target: 60, overdue: true },
    trained: [] as unknown as TeamRow['trained'],
    owed: [],
  };

  it('names courses by their titles and states in words, with the hiring day and last activity as local dates', () => {
    const table = matrixTable([row], new Map([['basics', 'Основы продаж']]), context('ru'));
    expect(table.header).toEqual(['Сотрудник', 'Логин', 'Должность', 'Дата выхода', 'Документы', 'Основы продаж', 'Навыки', 'Последнее действие', 'Выход на продуктивность']);
    expect(table.rows).toEqual([['Алексей Смирнов', 'trainee1', 'Стажёр отдела продаж', '25.08.2026', '1/3', 'идёт', '2/5', '10.11.2026 12:05', '85/60']]);
    const english = matrixTable([row], new Map([['basics', 'Sales basics']]), context('en'));
    expect(english.header.slice(0, 5)).toEqual(['Employee', 'Login', 'Position', 'Hired on', 'Documents']);
    expect(english.rows[0]!.slice(3, 8)).toEqual(['25/08/2026', '1/3', 'under way', '2/5', '10/11/2026 12:05']);
  });
});

describe('quiz attempts', () => {
  const attempt = {
    id: 'a1',
    userId: 'u1',
    quizId: 'basics-final',
    startedAt: '2026-11-17T05:00:00.000Z',
    submittedAt: '2026-11-17T05:12:00.000Z',
    score: 87.5,
    passed: true,
    late: false,
    questions: [{}, {}, {}, {}],
  } as unknown as QuizAttempt;

  it('name the person and the quiz, with the score’s decimal comma and the result in words', () => {
    const table = quizAttemptsTable([attempt, { ...attempt, passed: false, late: true, score: 40 }], new Map([['u1', person]]), new Map([['basics-final', 'Итоговый тест «Основы»']]), context('ru'));
    expect(table.header).toEqual(['Сотрудник', 'Логин', 'Тест', 'Начат', 'Отправлен', 'Результат, %', 'Итог', 'После срока', 'Вопросов']);
    expect(table.rows).toEqual([
      ['Алексей Смирнов', 'trainee1', 'Итоговый тест «Основы»', '17.11.2026 10:00', '17.11.2026 10:12', '87,5', 'Сдан', 'Нет', '4'],
      ['Алексей Смирнов', 'trainee1', 'Итоговый тест «Основы»', '17.11.2026 10:00', '17.11.2026 10:12', '40', 'Не сдан', 'Да', '4'],
    ]);
    const english = quizAttemptsTable([attempt], new Map([['u1', person]]), new Map([['basics-final', 'Final quiz']]), context('en'));
    expect(english.header[5]).toBe('Score, %');
    expect(english.rows[0]!.slice(5, 8)).toEqual(['87.5', 'Passed', 'No']);
  });
});

describe('sign-offs', () => {
  const signoff = {
    id: 's1',
    userId: 'u1',
    checklistId: 'trainee-skills',
    itemId: 'crm-card',
    verdict: 'needs-work',
    rating: null,
    comment: 'Нет даты следующего шага',
    signedBy: 'm1',
    at: '2026-11-16T10:45:00.000Z',
    docVersions: { 'lead-handling': '2.0' },
  } as unknown as Signoff;
  const names = {
    people: new Map([['u1', person]]),
    judges: new Map([['m1', 'Ольга Морозова']]),
    checklists: new Map([['trainee-skills', { title: 'Навыки стажёра', items: new Map([['crm-card', 'Заполняет карточку сделки']]) }]]),
    docs: new Map([['lead-handling', 'Регламент обработки входящих заявок']]),
  };

  it('give the checklist, skill, judge and documents by name, and the verdict in words', () => {
    const table = signoffsTable([signoff, { ...signoff, verdict: 'passed', rating: 4 } as Signoff], names, context('ru'));
    expect(table.header).toEqual(['Сотрудник', 'Логин', 'Чек-лист', 'Навык', 'Решение', 'Оценка', 'Комментарий', 'Кто оценил', 'Когда', 'Версии документов']);
    expect(table.rows[0]).toEqual([
      'Алексей Смирнов', 'trainee1', 'Навыки стажёра', 'Заполняет карточку сделки', 'Нужно доработать', '', 'Нет даты следующего шага',
      'Ольга Морозова', '16.11.2026 15:45', 'Регламент обработки входящих заявок 2.0',
    ]);
    expect(table.rows[1]!.slice(4, 6)).toEqual(['Зачтено', '4']);
    expect(signoffsTable([signoff], names, context('en')).rows[0]![4]).toBe('Needs work');
  });
});
