import { describe, expect, it } from 'vitest';
import { computePay, payForMonth } from '../../src/domain/motivation';
import { calculatorEn, calculatorRu } from '../../src/i18n/calculator';
import { areaTranslator, piecesText, type MessagePiece } from '../../src/i18n/format';
import { translator } from '../../src/i18n';
import { createCalculator, parseAmount, type CalculatorScheme } from '../../src/islands/pay-calculator-model';
import { explainPay, payRows } from '../../src/islands/pay-explanation';
import { checkedContent } from './checked-content';

const schemes: CalculatorScheme[] = checkedContent('content').motivation.map(({ id, data }) => ({ id, ...data }));
const accountManager = schemes.find((s) => s.id === 'account-manager-scheme')!;
const ru = areaTranslator(calculatorRu, 'ru');
// Intl puts no-break spaces between thousands; the statute's text has plain ones.
const plain = (lines: (string | MessagePiece[])[]) => lines.map((line) => (typeof line === 'string' ? line : piecesText(line)).replace(/[\u00a0\u202f]/g, ' '));

function paid(base: number, kpis: Record<string, number>) {
  const outcome = computePay(accountManager, { base, kpis });
  if (!outcome.ok) throw new Error('refused');
  return outcome.pay;
}

describe('the explanation, in the words of the statute', () => {
  it('example А line by line as the statute writes it', () => {
    expect(plain(explainPay(ru, accountManager, paid(900_000, { plan: 105, conversion: 22, receivables: 92 })))).toEqual([
      'Целевая премия: 900 000 × 10 / 100 = 90 000 ₽.',
      'Выполнение плана по марже 105 % — ступень «от 100 %», коэффициент 1,0: 90 000 × 60 / 100 × 1,0 = 54 000 ₽.',
      'Конверсия квалифицированных заявок в сделки 22 % — ступень «от 20 %», коэффициент 1,0: 90 000 × 20 / 100 × 1,0 = 18 000 ₽.',
      'Доля дебиторской задолженности, оплаченной в срок 92 % — ступень «от 80 %», коэффициент 0,8: 90 000 × 20 / 100 × 0,8 = 14 400 ₽.',
      'Премия: 54 000 + 18 000 + 14 400 = 86 400 ₽. Депремирования нет.',
      'Доход: 45 000 + 86 400 = 131 400 ₽.',
    ]);
  });

  it('example Г: the sum of the parts, the cut and the bonus after it', () => {
    const lines = plain(explainPay(ru, accountManager, paid(750_000, { plan: 93, conversion: 16, receivables: 55 })));
    expect(lines.slice(4)).toEqual([
      'Сумма частей: 40 500 + 12 000 + 0 = 52 500 ₽.',
      'Если в срок оплачено менее 60 % дебиторской задолженности, премия уменьшается на 30 %. Снижение на 30 %: 52 500 × 30 / 100 = 15 750 ₽; премия 52 500 − 15 750 = 36 750 ₽.',
      'Доход: 45 000 + 36 750 = 81 750 ₽.',
    ]);
  });

  it('says which cut applies when several do, and how plan fulfilment came from the plan', () => {
    const lines = plain(explainPay(ru, accountManager, paid(500_000, { plan: 50, conversion: 20, receivables: 10 }), { plan: 1_000_000, fulfilment: 50 }));
    expect(lines[0]).toBe('Выполнение плана: 500 000 / 1 000 000 × 100 = 50 %.');
    expect(lines).toContain('Срабатывает несколько условий депремирования; применяется одно — с наибольшим процентом снижения.');
    expect(lines.at(-1)).toBe('Доход: 45 000 + 0 = 45 000 ₽.');
  });

  it('names a zero plan, and rounds a total with kopecks', () => {
    const lines = plain(explainPay(ru, accountManager, paid(100_005, { plan: 100, conversion: 20, receivables: 95 }), { plan: 0, fulfilment: 0 }));
    expect(lines[0]).toBe('Личного плана нет — выполнение плана считается равным 0 %.');
    expect(lines.at(-1)).toBe('Доход: 45 000 + 10 000,5 = 55 001 ₽ (с округлением до рубля).');
  });

  it('names the KPI and the rule in each line, so the English interface can mark them as the statute\'s own words', () => {
    const en = areaTranslator(calculatorEn, 'en');
    const lines = explainPay(en, accountManager, paid(750_000, { plan: 93, conversion: 16, receivables: 55 }));
    expect(lines[1]).toContainEqual({ name: 'kpi', text: 'Выполнение плана по марже' });
    expect(lines.flat()).toContainEqual({ name: 'rule', text: 'Если в срок оплачено менее 60 % дебиторской задолженности, премия уменьшается на 30 %.' });
  });

  it('has the same lines in English', () => {
    const lines = plain(explainPay(areaTranslator(calculatorEn, 'en'), accountManager, paid(900_000, { plan: 105, conversion: 22, receivables: 92 })));
    expect(lines[0]).toBe('Target bonus: 900,000 × 10 / 100 = 90,000 ₽.');
    expect(lines.at(-1)).toBe('Pay: 45,000 + 86,400 = 131,400 ₽.');
  });
});

describe('the calculator table', () => {
  it('sets your figures beside the same deals with a 10 % bigger discount', () => {
    const month = { plan: 200_000, revenue: 1_000_000, base: 240_000, kpis: { conversion: 20, receivables: 95 } };
    const result = payForMonth(accountManager, month);
    if (!result.ok) throw new Error('refused');
    const rows = payRows(ru, accountManager, month, result.result).map((r) => plain([r.label, r.now, r.then ?? '']));
    expect(rows.slice(0, 4)).toEqual([
      ['Выручка', '1 000 000 ₽', '900 000 ₽'],
      ['Валовая маржа', '240 000 ₽', '140 000 ₽'],
      ['Выполнение плана', '120 %', '70 %'],
      ['Целевая премия (10 % базы)', '24 000 ₽', '14 000 ₽'],
    ]);
    // 45 000 + 24 000 × (0,6 × 1,15 + 0,2 + 0,2) against 45 000 + 14 000 × (0,6 × 0,7 + 0,2 + 0,2).
    expect(rows.at(-1)).toEqual(['Доход за месяц', '71 160 ₽', '56 480 ₽']);
  });
});

describe('the calculator’s state', () => {
  it('opens on the first worked example, with the plan in roubles that gives its fulfilment', () => {
    const calc = createCalculator([accountManager]);
    expect(calc.fields.value).toEqual({ plan: '857142', revenue: '', base: '900000', 'kpi:conversion': '22', 'kpi:receivables': '92' });
    expect(calc.outcome.value.result?.fulfilment).toBe(105);
    expect(calc.outcome.value.result?.pay.total).toBe(131_400);
    expect(calc.outcome.value.result?.discount).toBeUndefined();
  });

  it('opens on figures given by a pay statement’s link instead, until the person types', () => {
    const calc = createCalculator([accountManager], 0, 10, { plan: '400000', base: '400000', revenue: '1600000', 'kpi:conversion': '16', 'kpi:receivables': '55', 'kpi:unknown': '1' });
    expect(calc.fields.value).toEqual({ plan: '400000', revenue: '1600000', base: '400000', 'kpi:conversion': '16', 'kpi:receivables': '55' });
    expect(calc.example.value).toBeUndefined();
    expect(calc.prefilled.value).toBe(true);
    // 45 000 + 40 000 × (0,6 × 1 + 0,2 × 0,8) less 30 % for receivables below 60 %.
    expect(calc.outcome.value.result?.pay.total).toBe(66_280);
    calc.setField('kpi:receivables', '95');
    expect(calc.prefilled.value).toBe(false);
  });

  it('refuses a negative margin with a message and shows no total', () => {
    const calc = createCalculator([accountManager]);
    calc.setField('base', '-1');
    expect(calc.outcome.value.result).toBeUndefined();
    expect([...calc.outcome.value.problems]).toEqual([['base', 'negative']]);
    expect(translator('ru').t('calc.error.base')).toMatch(/^Отрицательную базу калькулятор не считает/);
  });

  it('marks text that is not a number, and an empty field only as missing', () => {
    const calc = createCalculator([accountManager]);
    calc.setField('kpi:conversion', 'двадцать');
    expect([...calc.outcome.value.problems]).toEqual([['kpi:conversion', 'number']]);
    calc.setField('kpi:conversion', '');
    expect(calc.outcome.value.problems.size).toBe(0);
    expect(calc.outcome.value.missing).toBe(true);
  });

  it('adds the discount column once revenue is typed, and drops the example note on any edit', () => {
    const calc = createCalculator([accountManager]);
    calc.setField('revenue', '3 750 000');
    expect(calc.example.value).toBeUndefined();
    expect(calc.outcome.value.result?.discount?.base).toBe(525_000);
  });

  it('fills in another example, and resets the figures when the scheme changes', () => {
    const keyAccounts = schemes.find((s) => s.id === 'key-account-scheme')!;
    const calc = createCalculator([accountManager, keyAccounts]);
    calc.loadExample(3);
    expect(calc.outcome.value.result?.pay.total).toBe(81_750);
    calc.chooseScheme(1);
    expect(Object.keys(calc.fields.value)).toEqual(['plan', 'revenue', 'base', 'kpi:lost', 'kpi:growth']);
    expect(calc.outcome.value.result?.pay.total).toBe(180_000);
  });
});

describe('typed numbers', () => {
  it.each([
    ['1 200 000', 1_200_000],
    ['1\u00a0200\u00a0000', 1_200_000],
    ['92,5', 92.5],
    ['−2', -2],
    ['-2.5', -2.5],
    ['', undefined],
    ['  ', undefined],
    ['12abc', Number.NaN],
    ['1,2,3', Number.NaN],
  ])('%j → %s', (text, value) => {
    expect(parseAmount(text)).toEqual(value);
  });
});
