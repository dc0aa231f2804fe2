import { describe, expect, it } from 'vitest';
import { computePay, figuresForMonth, payForMonth, planFor, planFulfilment, stepFor, type PayScheme } from '../../src/domain/motivation';
import { checkedContent } from './checked-content';

const demo = checkedContent('content').motivation;
const fixture = checkedContent('test/fixtures/content').motivation;
const accountManager = demo.find((s) => s.id === 'account-manager-scheme')!.data;

const pay = (scheme: PayScheme, base: number, kpis: Record<string, number>) => {
  const outcome = computePay(scheme, { base, kpis });
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.problems)}`);
  return outcome.pay;
};

describe('the worked examples of the motivation statute', () => {
  const examples = [...demo, ...fixture].flatMap((scheme) => scheme.data.examples.map((example) => ({ scheme: scheme.data, example })));

  it('are all read: four for account managers, four for key-account managers and two for senior managers in the demo statute, two in the fixture', () => {
    const count = (id: string) => demo.find((s) => s.id === id)?.data.examples.length;
    expect([count('account-manager-scheme'), count('key-account-scheme'), count('senior-manager-scheme')]).toEqual([4, 4, 2]);
    expect(fixture.flatMap((s) => s.data.examples)).toHaveLength(2);
  });

  it.each(examples.map(({ scheme, example }) => [example.title, scheme, example] as const))('%s — the calculator gives the stated total to the rouble', (_title, scheme, example) => {
    expect(pay(scheme, example.base, example.kpis).total).toBe(example.total);
  });

  it.each(examples.map(({ scheme, example }) => [example.title, scheme, example] as const))(
    '%s — the same total from the plan in roubles the calculator fills in',
    (_title, scheme, example) => {
      const plan = planFor(example.base, example.kpis.plan!);
      const { plan: _percent, ...others } = example.kpis;
      const month = payForMonth(scheme, { plan, base: example.base, kpis: others });
      expect(month.ok && month.result.fulfilment).toBe(example.kpis.plan);
      expect(month.ok && month.result.pay.total).toBe(example.total);
    },
  );

  it('example Г, step by step as the statute writes it', () => {
    const g = pay(accountManager, 750_000, { plan: 93, conversion: 16, receivables: 55 });
    expect(g.targetBonus).toBe(75_000);
    expect(g.parts.map((p) => [p.id, p.step?.from, p.factor, p.amount])).toEqual([
      ['plan', 90, 0.9, 40_500],
      ['conversion', 15, 0.8, 12_000],
      ['receivables', 0, 0, 0],
    ]);
    expect(g.partsSum).toBe(52_500);
    expect(g.cut?.penalty.cutPercent).toBe(30);
    expect(g.cut?.amount).toBe(15_750);
    expect(g.bonus).toBe(36_750);
    expect(g.total).toBe(81_750);
  });
});

const kpis = { conversion: 20, receivables: 95 };

describe('the edges of the formula', () => {
  const base = 1_000_000;

  it('exactly at the minimum no cut applies; a tenth below it the bonus is cut', () => {
    const at = pay(accountManager, base, { ...kpis, plan: 70 });
    expect(at.parts[0]!.factor).toBe(0.7);
    expect(at.cut).toBeUndefined();
    expect(at.total).toBe(45_000 + 42_000 + 20_000 + 20_000);
    const below = pay(accountManager, base, { ...kpis, plan: 69.9 });
    expect(below.cut?.penalty.kpi).toBe('plan');
    expect(below.bonus).toBe(0);
    expect(below.total).toBe(45_000);
  });

  it('a receivables share of exactly 60 % keeps the bonus; 59.9 % cuts it by 30 %', () => {
    expect(pay(accountManager, base, { plan: 100, conversion: 20, receivables: 60 }).cut).toBeUndefined();
    const cut = pay(accountManager, base, { plan: 100, conversion: 20, receivables: 59.9 });
    expect(cut.cut?.penalty.cutPercent).toBe(30);
    expect(cut.bonus).toBeCloseTo(56_000, 6);
    expect(cut.total).toBe(101_000);
  });

  it('when several minimums are missed only the largest cut applies, not their sum', () => {
    const both = pay(accountManager, base, { plan: 50, conversion: 40, receivables: 10 });
    expect(both.missed.map((p) => p.cutPercent)).toEqual([100, 30]);
    expect(both.cut?.penalty.cutPercent).toBe(100);
    expect(both.bonus).toBe(0);
    expect(both.total).toBe(45_000);
  });

  it('a step applies from its own value on: plan 110 % pays 1.15, plan 109.9 % pays 1.0', () => {
    expect(stepFor(accountManager.kpis[0]!.scale, 110)?.factor).toBe(1.15);
    expect(stepFor(accountManager.kpis[0]!.scale, 109.9)?.factor).toBe(1);
  });

  it('a value below the first step pays nothing', () => {
    const keyAccounts = demo.find((s) => s.id === 'key-account-scheme')!.data;
    const part = pay(keyAccounts, base, { plan: 100, lost: 0, growth: -150 }).parts.find((p) => p.id === 'growth')!;
    expect(part.step).toBeUndefined();
    expect(part.factor).toBe(0);
    expect(part.amount).toBe(0);
  });

  it('a zero plan (a trainee’s first month) counts as 0 % fulfilment: fixed pay only', () => {
    const month = payForMonth(accountManager, { plan: 0, revenue: 2_000_000, base: 500_000, kpis });
    expect(month.ok).toBe(true);
    if (!month.ok) return;
    expect(month.result.fulfilment).toBe(0);
    expect(month.result.pay.cut?.penalty.kpi).toBe('plan');
    expect(month.result.pay.total).toBe(45_000);
  });

  it('a zero margin pays fixed pay only', () => {
    expect(pay(accountManager, 0, { plan: 0, ...kpis }).total).toBe(45_000);
  });

  it('a negative margin is refused and nothing is computed', () => {
    expect(computePay(accountManager, { base: -1, kpis: { plan: 100, ...kpis } })).toEqual({ ok: false, problems: [{ field: 'base', code: 'negative' }] });
    expect(payForMonth(accountManager, { plan: 500_000, base: -10_000, kpis })).toEqual({ ok: false, problems: [{ field: 'base', code: 'negative' }] });
  });

  it('missing figures are named one by one', () => {
    expect(payForMonth(accountManager, { base: Number.NaN, kpis: { conversion: 20 } })).toEqual({
      ok: false,
      problems: [
        { field: 'plan', code: 'missing' },
        { field: 'base', code: 'missing' },
        { field: 'kpi:receivables', code: 'missing' },
      ],
    });
  });

  it('a negative plan, and a margin above revenue, are refused', () => {
    expect(figuresForMonth(accountManager, { plan: -1, base: 100, kpis })).toMatchObject({ ok: false, problems: [{ field: 'plan', code: 'negative' }] });
    expect(figuresForMonth(accountManager, { plan: 100, revenue: 99, base: 100, kpis })).toMatchObject({ ok: false, problems: [{ field: 'revenue', code: 'below-base' }] });
  });

  it('the total is rounded to the rouble, halves up, without floating-point noise', () => {
    const scheme: PayScheme = { ...accountManager, penalties: [], kpis: [{ id: 'x', title: 'x', weight: 100, unit: 'percent', scale: [{ from: 0, factor: 1 }] }], fixedPay: 0, bonusPercent: 10 };
    expect(pay(scheme, 5, { x: 1 }).total).toBe(1); // 0.5 → 1
    expect(pay(scheme, 4.9, { x: 1 }).total).toBe(0); // 0.49 → 0
    expect(pay(scheme, 3, { x: 1 }).total).toBe(0); // 0.30000000000000004 → 0
  });
});

describe('plan fulfilment from the plan in roubles', () => {
  it('is cut to one decimal, never rounded up to a minimum', () => {
    expect(planFulfilment(699_999, 1_000_000)).toBe(69.9);
    expect(planFulfilment(700_000, 1_000_000)).toBe(70);
    expect(planFulfilment(1_050_000, 1_000_000)).toBe(105);
    expect(planFulfilment(1, 3)).toBe(33.3);
  });

  it('is 0 with no plan or no base', () => {
    expect(planFulfilment(500_000, 0)).toBe(0);
    expect(planFulfilment(0, 500_000)).toBe(0);
  });
});

describe('the same deals with a 10 % bigger discount', () => {
  it('reproduces the statute’s table: revenue −10 %, margin −42 %, target bonus 24 000 → 14 000 ₽', () => {
    const month = payForMonth(accountManager, { plan: 200_000, revenue: 1_000_000, base: 240_000, kpis });
    if (!month.ok) throw new Error('refused');
    const { pay: now, discount } = month.result;
    expect(now.targetBonus).toBe(24_000);
    expect(discount).toMatchObject({ points: 10, loss: 100_000, revenue: 900_000, base: 140_000, baseExhausted: false, fulfilment: 70 });
    expect(discount!.pay.targetBonus).toBe(14_000);
    // Plan fulfilment fell from 120 % (factor 1.15) to 70 % (factor 0.7).
    expect(now.parts[0]!.factor).toBe(1.15);
    expect(discount!.pay.parts[0]!.factor).toBe(0.7);
    expect(discount!.pay.total).toBeLessThan(now.total);
  });

  it('takes the base as zero when the discount would make it negative', () => {
    const month = payForMonth(accountManager, { plan: 100_000, revenue: 1_000_000, base: 50_000, kpis });
    if (!month.ok) throw new Error('refused');
    expect(month.result.discount).toMatchObject({ base: 0, baseExhausted: true, fulfilment: 0 });
    expect(month.result.discount!.pay.total).toBe(45_000);
  });

  it('is left out when revenue is not given', () => {
    const month = payForMonth(accountManager, { plan: 100_000, base: 50_000, kpis });
    expect(month.ok && month.result.discount).toBeUndefined();
  });

  it('on a revenue-based scheme the base itself is the revenue that falls', () => {
    const revenueScheme: PayScheme = { ...accountManager, bonusBase: 'revenue', bonusPercent: 2 };
    const month = payForMonth(revenueScheme, { plan: 1_000_000, base: 1_000_000, kpis });
    if (!month.ok) throw new Error('refused');
    expect(month.result.discount).toMatchObject({ loss: 100_000, revenue: 900_000, base: 900_000, fulfilment: 90 });
  });
});
