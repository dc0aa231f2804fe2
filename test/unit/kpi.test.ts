import { describe, expect, it } from 'vitest';
import { checkKpiFile, monthMetrics } from '../../src/domain/kpi';

const logins = new Set(['trainee1', 'trainee2']);
const today = new Date('2026-11-27T10:00:00Z');
const header = 'login,month,revenue,margin,deals,leads,plan\n';

describe('checking a KPI file', () => {
  it('accepts good lines, with Russian number formats and semicolons', () => {
    const { rows, problems } = checkKpiFile(
      'login;month;revenue;margin;deals;leads;plan\ntrainee1;2026-10;"1 250 000,50";300000;3;12;280000\nTRAINEE2;2026-11;0;0;0;0;0\n',
      logins,
      today,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, login: 'trainee1', month: '2026-10', revenue: 1250000.5, margin: 300000, deals: 3, leads: 12, plan: 280000 },
      { line: 3, login: 'trainee2', month: '2026-11', revenue: 0, margin: 0, deals: 0, leads: 0, plan: 0 },
    ]);
  });

  it('names every bad line with its reasons and returns nothing to write', () => {
    const { rows, problems } = checkKpiFile(
      header +
        [
          'trainee1,2026-09,900000,210000,2,10,200000',
          'nobody,2026-09,1,1,1,1,1',
          'trainee1,2026-9,1,1,1,1,1',
          'trainee2,2027-01,1,1,1,1,1',
          'trainee2,2026-08,много,1,1.5,1,-5',
          'trainee2,2026-07,100,10,5,2,100',
          'trainee1,2026-09,1,1,1,1,1',
        ].join('\n'),
      logins,
      today,
    );
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { line: 3, message: 'нет сотрудника с логином «nobody»' },
      { line: 4, message: 'месяц «2026-9» нужно записать как 2026-03' },
      { line: 5, message: 'месяц 2027-01 ещё не наступил' },
      { line: 6, message: '«revenue»: «много» — не число; «deals» должно быть целым числом; «plan» не может быть отрицательной; сделок больше, чем заявок' },
      { line: 7, message: 'сделок больше, чем заявок' },
      { line: 8, message: 'trainee1 за 2026-09 уже есть в строке 2' },
    ]);
  });

  it('names missing columns and empty files', () => {
    expect(checkKpiFile('login,month\n', logins, today).problems).toEqual([
      { line: 1, message: 'в заголовке нет столбцов: revenue, margin, deals, leads, plan; нужны login,month,revenue,margin,deals,leads,plan' },
    ]);
    expect(checkKpiFile(header, logins, today).problems).toEqual([{ line: 1, message: 'в файле нет ни одной строки с данными' }]);
    expect(checkKpiFile('login,month\n', logins, today, 'en').problems[0]!.message).toBe(
      'the header lacks the columns revenue, margin, deals, leads, plan; expected login,month,revenue,margin,deals,leads,plan',
    );
  });
});

describe('a month in figures', () => {
  it('derives conversion, average deal and plan fulfilment', () => {
    expect(monthMetrics({ month: '2026-10', revenue: 1_440_000, margin: 345_600, deals: 3, leads: 12, plan: 320_000 })).toEqual({
      month: '2026-10',
      conversion: 25,
      averageDeal: 480_000,
      planFulfilment: 108,
      revenue: 1_440_000,
      margin: 345_600,
    });
  });
  it('leaves a figure empty rather than dividing by zero', () => {
    expect(monthMetrics({ month: '2026-10', revenue: 0, margin: 0, deals: 0, leads: 0, plan: 0 })).toMatchObject({
      conversion: null,
      averageDeal: null,
      planFulfilment: null,
    });
  });
});
