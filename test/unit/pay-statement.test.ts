import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkKpiFile } from '../../src/domain/kpi';
import { CONVERSION_KPI, PLAN_KPI, planFor, recordedMetrics, type PayScheme } from '../../src/domain/motivation';
import { draftStatement, parseAdjustment, parseReason, payBreakdown, payrollRows, standingOf, statementBasis, type PayAdjustment, type StatementFigures, type StatementScheme } from '../../src/domain/pay-statement';
import { areaTranslator, piecesText } from '../../src/i18n/format';
import { calculatorRu } from '../../src/i18n/calculator';
import { explainPay } from '../../src/islands/pay-explanation';
import { importKpiRows } from '../../src/server/records/kpi';
import { addAdjustment, approveStatements, correctStatement, fingerprintOf, monthFingerprint, monthOnRecord, PayRefusal, type SchemeOf } from '../../src/server/records/pay';
import { emptyStore, storeDataSchema } from '../../src/server/store/data';
import { openStore, type Store } from '../../src/server/store/store';
import * as clock from '../../src/server/clock';
import { monthOf } from '../clock';
import { storedPerson, TEST_AUDIT_KEY } from '../store-files';
import { tempDir } from '../temp';
import { checkedContent } from './checked-content';

const demo = checkedContent('content').motivation;
const fixture = checkedContent('test/fixtures/content').motivation;
const withHash = (id: string, title: string, scheme: PayScheme): StatementScheme => ({ ...scheme, id, title, hash: createHash('sha256').update(JSON.stringify(scheme)).digest('hex') });
const ru = areaTranslator(calculatorRu, 'ru');
/** A line as read, with the narrow and no-break spaces of Russian numbers as plain ones. */
const plain = (pieces: Parameters<typeof piecesText>[0]) => piecesText(pieces).replace(/[\u00a0\u202f]/g, ' ');
const lastMonth = monthOf(clock.now(), -1);

/**
 * A month's KPI file line that gives a worked example's figures: the margin (or revenue, or net
 * profit) is the base, the plan gives the example's fulfilment, deals out of 1000 leads its
 * conversion, and every other KPI is a column of its own.
 */
function exampleFile(scheme: PayScheme, example: { base: number; kpis: Record<string, number> }) {
  const metrics = recordedMetrics(scheme);
  const hasPlan = scheme.kpis.some((k) => k.id === PLAN_KPI);
  const conversion = example.kpis[CONVERSION_KPI];
  const revenue = example.base * 3;
  const margin = scheme.bonusBase === 'margin' ? example.base : scheme.bonusBase === 'revenue' ? Math.round(example.base / 4) : example.base * 2;
  const values: Record<string, string> = {
    login: 'manager1',
    month: lastMonth,
    revenue: String(scheme.bonusBase === 'revenue' ? example.base : revenue),
    margin: String(margin),
    deals: String(conversion === undefined ? 3 : Math.round(conversion * 10)),
    leads: String(conversion === undefined ? 12 : 1000),
    plan: String(hasPlan ? planFor(example.base, example.kpis[PLAN_KPI]!) : 0),
  };
  // Russian spreadsheets write decimal commas.
  for (const m of metrics) values[m.id] = String(m.id === 'netProfit' && !(m.id in example.kpis) ? example.base : example.kpis[m.id]).replace('.', ',');
  return `${Object.keys(values).join(';')}\n${Object.values(values).join(';')}\n`;
}

describe('the statement of every worked example of the motivation statutes', () => {
  const examples = [...demo, ...fixture].flatMap((s) => s.data.examples.map((example) => ({ scheme: withHash(s.id, s.data.title, s.data), example })));

  it('reads them all from the content', () => {
    expect(demo.flatMap((s) => s.data.examples).length).toBeGreaterThanOrEqual(8);
    expect(examples.length).toBe(demo.flatMap((s) => s.data.examples).length + 2);
  });

  it.each(examples.map(({ scheme, example }) => [example.title, scheme, example] as const))(
    '%s — imported as a KPI file and computed as a statement, it pays the stated total to the rouble',
    (_title, scheme, example) => {
      const { rows, problems } = checkKpiFile(exampleFile(scheme, example), { logins: new Set(['manager1']), schemesByLogin: new Map([['manager1', scheme]]), today: clock.now() });
      expect(problems).toEqual([]);
      const { line: _line, login: _login, month: _month, ...figures } = rows[0]!;
      const draft = draftStatement(scheme, { ...figures, source: 'example.csv', importedAt: clock.now().toISOString() }, []);
      if (!draft.ok) throw new Error(`not computed: ${JSON.stringify(draft)}`);
      expect(draft.body.pay.total).toBe(example.total);
      expect(draft.body.total).toBe(example.total);
      // Each KPI took the example's value: plan fulfilment and conversion worked out from the record.
      expect(Object.fromEntries(draft.body.pay.parts.map((p) => [p.id, p.value]))).toEqual(example.kpis);
    },
  );
});

const accountManager = demo.find((s) => s.id === 'account-manager-scheme')!;
const scheme = withHash('account-manager-scheme', accountManager.data.title, accountManager.data);
const figures = (over: Partial<StatementFigures> = {}): StatementFigures => ({
  revenue: 3_000_000,
  margin: 900_000,
  deals: 22,
  leads: 100,
  plan: planFor(900_000, 105),
  metrics: { receivables: 92 },
  source: 'october.csv',
  importedAt: '2026-11-02T09:00:00.000Z',
  ...over,
});
const adjustment = (amount: number, reason = 'Премия за тендер'): PayAdjustment => ({ id: `a${amount}`, amount, reason, by: 'head', at: '2026-11-03T09:00:00.000Z' });

describe('a statement, line by line', () => {
  it('shows each KPI with its step, factor and weight, and the total, in the calculator’s own words', () => {
    const draft = draftStatement(scheme, figures(), []);
    if (!draft.ok) throw new Error('not computed');
    expect(draft.body.fulfilment).toBe(105);
    expect(draft.body.pay.parts.map((p) => [p.id, p.value, p.step?.from, p.factor, p.weight])).toEqual([
      ['plan', 105, 100, 1, 60],
      ['conversion', 22, 20, 1, 20],
      ['receivables', 92, 80, 0.8, 20],
    ]);
    const lines = explainPay(ru, draft.body.scheme, payBreakdown(draft.body.pay), { plan: draft.body.calculator.plan, fulfilment: 105 }).map(plain);
    expect(lines[0]).toBe('Выполнение плана: 900 000 / 857 142 × 100 = 105 %.');
    expect(lines.at(-1)).toBe('Доход: 45 000 + 86 400 = 131 400 ₽.');
    expect(draft.body.total).toBe(131_400);
  });

  it('applies a cut below a minimum with the statute’s text, and only the largest of several', () => {
    const late = draftStatement(scheme, figures({ margin: 750_000, plan: planFor(750_000, 93), deals: 16, metrics: { receivables: 55 } }), []);
    if (!late.ok) throw new Error('not computed');
    expect(late.body.pay.cut).toEqual({ penalty: expect.objectContaining({ kpi: 'receivables', cutPercent: 30 }), value: 55, amount: 15_750 });
    expect(late.body.total).toBe(81_750);
    const text = explainPay(ru, late.body.scheme, payBreakdown(late.body.pay)).map(plain);
    expect(text).toContain('Если в срок оплачено менее 60 % дебиторской задолженности, премия уменьшается на 30 %. Снижение на 30 %: 52 500 × 30 / 100 = 15 750 ₽; премия 52 500 − 15 750 = 36 750 ₽.');

    const both = draftStatement(scheme, figures({ margin: 480_000, plan: planFor(480_000, 64), metrics: { receivables: 10 } }), []);
    if (!both.ok) throw new Error('not computed');
    expect(both.body.pay.missed.map((p) => p.kpi)).toEqual(['plan', 'receivables']);
    expect(both.body.pay.cut?.penalty.cutPercent).toBe(100);
    expect(both.body.total).toBe(45_000);
  });

  it('adds the head’s adjustments, either way and to the kopeck, to what is paid', () => {
    const draft = draftStatement(scheme, figures(), [adjustment(5_000), adjustment(-2_500.5, 'Удержание за ноутбук')]);
    if (!draft.ok) throw new Error('not computed');
    expect(draft.body.pay.total).toBe(131_400);
    expect(draft.body.adjustmentsTotal).toBe(2_499.5);
    expect(draft.body.total).toBe(133_899.5);
    expect(draft.body.adjustments.map((a) => a.reason)).toEqual(['Премия за тендер', 'Удержание за ноутбук']);
  });

  it('says why it cannot be computed: no figures, a figure the scheme needs, figures the calculator refuses', () => {
    expect(draftStatement(scheme, undefined, [])).toEqual({ ok: false, reason: 'no-figures' });
    expect(draftStatement(scheme, figures({ metrics: {} }), [])).toEqual({ ok: false, reason: 'missing', missing: [{ id: 'receivables', title: 'Доля дебиторской задолженности, оплаченной в срок', unit: 'percent' }] });
    expect(draftStatement(scheme, figures({ margin: -10_000 }), [])).toMatchObject({ ok: false, reason: 'problems', problems: [{ field: 'base', code: 'negative' }] });
  });

  it('reads an adjustment and a reason as a head types them, and refuses what cannot be paid', () => {
    expect(parseAdjustment('−5 000,50')).toEqual({ ok: true, amount: -5000.5 });
    expect(parseAdjustment('+7 500 ₽')).toEqual({ ok: true, amount: 7500 });
    expect(parseAdjustment('пять тысяч')).toEqual({ ok: false, code: 'number' });
    expect(parseAdjustment('0,00')).toEqual({ ok: false, code: 'zero' });
    expect(parseAdjustment('10,505')).toEqual({ ok: false, code: 'kopecks' });
    expect(parseAdjustment('50000000')).toEqual({ ok: false, code: 'large' });
    expect(parseReason('  премия\u0007 за   проект ')).toEqual({ ok: true, reason: 'премия за проект' });
    expect(parseReason('   ')).toEqual({ ok: false, code: 'missing' });
    expect(parseReason(undefined)).toEqual({ ok: false, code: 'missing' });
    expect(parseReason('x'.repeat(501))).toEqual({ ok: false, code: 'long' });
  });

  it('writes the payroll line as 1C reads it: the period’s first day, decimal commas, no thousands separator', () => {
    const draft = draftStatement(scheme, figures(), [adjustment(-2_500.5)]);
    if (!draft.ok) throw new Error('not computed');
    expect(payrollRows('2026-10', [{ login: 'manager1', name: 'Алексей Смирнов', position: 'Менеджер', revision: 2, approvedOn: '03.11.2026', body: draft.body }])).toEqual([
      ['Алексей Смирнов', 'manager1', 'Менеджер', '01.10.2026', '45000,00', '86400,00', '-2500,50', '128899,50', '2', '03.11.2026'],
    ]);
  });
});

describe('approved statements in the store', () => {
  let store: Store;
  const month = lastMonth;
  let schemeNow: StatementScheme;
  const schemeOf: SchemeOf = (position) => (position === 'account-manager' ? schemeNow : undefined);
  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof PayRefusal) return error.code;
      throw error;
    }
    return 'accepted';
  };
  const row = (over: Record<string, unknown> = {}) => ({ line: 2, login: 'manager1', month, revenue: 3_000_000, margin: 900_000, deals: 22, leads: 100, plan: planFor(900_000, 105), metrics: { receivables: 92 }, ...over });
  const lineOf = async (userId = 'manager1') => (await monthOnRecord(store, month, schemeOf)).find((l) => l.userId === userId)!;

  beforeEach(async () => {
    schemeNow = scheme;
    const dir = tempDir('salesbook-pay-');
    const seed = emptyStore();
    seed.users.push(
      storedPerson('head', { id: 'head', appRole: 'head', position: 'head-of-sales' }),
      storedPerson('manager1', { id: 'manager1', position: 'account-manager' }),
      storedPerson('manager2', { id: 'manager2', position: 'account-manager' }),
    );
    store = await openStore({ path: join(dir, 'salesbook.json'), lockPath: join(dir, 'salesbook.json.lock'), backupsDir: join(dir, 'backups'), auditKey: TEST_AUDIT_KEY, seed: () => seed });
    await importKpiRows(store, [row(), row({ line: 3, login: 'manager2', metrics: {} })], 'october.csv');
  });
  afterEach(() => store.close());

  it('lists everyone with a scheme and figures, and says who cannot be computed', async () => {
    const lines = await monthOnRecord(store, month, schemeOf);
    expect(lines.map((l) => [l.userId, l.standing.state])).toEqual([
      ['manager1', 'draft'],
      ['manager2', 'incomplete'],
    ]);
  });

  it('keeps an approved statement as it was when the scheme and the figures change, and a correction is a new revision', async () => {
    const draft = await lineOf();
    if (draft.standing.state !== 'draft') throw new Error('not a draft');
    await addAdjustment(store, { userId: 'manager1', month, amount: 5_000, reason: 'Премия за тендер' }, 'head', schemeOf);
    const withBonus = await lineOf();
    if (withBonus.standing.state !== 'draft') throw new Error('not a draft');
    // The fingerprint the head was shown before the adjustment no longer approves.
    expect(await refusal(approveStatements(store, { month, userId: 'manager1', fingerprint: fingerprintOf(draft.standing.draft.body) }, 'head', schemeOf))).toBe('changed');
    const [approved] = await approveStatements(store, { month, userId: 'manager1', fingerprint: fingerprintOf(withBonus.standing.draft.body) }, 'head', schemeOf);
    expect(approved).toMatchObject({ userId: 'manager1', month, revision: 1, approvedBy: 'head', reason: null });
    expect(approved!.body.total).toBe(136_400);
    expect(storeDataSchema.safeParse(await store.read((d) => d)).success).toBe(true);

    // The statute raises the bonus, and the month's figures are imported again.
    schemeNow = withHash(scheme.id, scheme.title, { ...scheme, bonusPercent: 12 });
    await importKpiRows(store, [row({ margin: 1_000_000 })], 'october-fixed.csv');
    const after = await lineOf();
    if (after.standing.state !== 'approved') throw new Error('not approved');
    expect(after.standing.current.body).toEqual(approved!.body);
    expect(after.standing.current.body.scheme.bonusPercent).toBe(10);
    expect(after.standing.changed).toBe(true);
    expect(after.standing.draft.ok && after.standing.draft.body.total).not.toBe(136_400);

    // Approving again, adjusting, or a correction without a reason's change of anything are refused.
    expect(await refusal(approveStatements(store, { month, userId: 'manager1', fingerprint: fingerprintOf(after.standing.draft.ok ? after.standing.draft.body : approved!.body) }, 'head', schemeOf))).toBe('already-approved');
    expect(await refusal(addAdjustment(store, { userId: 'manager1', month, amount: 1_000, reason: 'Ещё премия' }, 'head', schemeOf))).toBe('approved');

    const fingerprint = after.standing.draft.ok ? fingerprintOf(after.standing.draft.body) : '';
    const corrected = await correctStatement(store, { month, userId: 'manager1', reason: 'Маржа пересчитана', amount: -1_000, fingerprint }, 'head', schemeOf);
    expect(corrected.statement).toMatchObject({ revision: 2, reason: 'Маржа пересчитана' });
    expect(corrected.previousTotal).toBe(136_400);
    expect(corrected.statement.body.adjustments.map((a) => a.amount)).toEqual([5_000, -1_000]);
    const revised = await lineOf();
    if (revised.standing.state !== 'approved') throw new Error('not approved');
    expect(revised.standing.current.revision).toBe(2);
    expect(revised.standing.earlier.map((r) => r.body)).toEqual([approved!.body]);
    expect(revised.standing.changed).toBe(false);
    // Nothing changed since the correction: another one is refused.
    expect(await refusal(correctStatement(store, { month, userId: 'manager1', reason: 'Ещё раз', fingerprint: fingerprintOf(corrected.statement.body) }, 'head', schemeOf))).toBe('unchanged');
  });

  it('approves the month’s ready statements at once, once, and never one that cannot be computed', async () => {
    const lines = await monthOnRecord(store, month, schemeOf);
    expect(await refusal(approveStatements(store, { month, userId: 'manager2', fingerprint: 'x' }, 'head', schemeOf))).toBe('incomplete');
    const made = await approveStatements(store, { month, fingerprint: monthFingerprint(lines) }, 'head', schemeOf);
    expect(made.map((s) => s.userId)).toEqual(['manager1']);
    expect(await refusal(approveStatements(store, { month, fingerprint: monthFingerprint(await monthOnRecord(store, month, schemeOf)) }, 'head', schemeOf))).toBe('nothing');
    expect(await refusal(approveStatements(store, { month, userId: 'head', fingerprint: 'x' }, 'head', schemeOf))).toBe('not-found');
  });

  it('tells a changed basis from adjustments alone', () => {
    const one = draftStatement(scheme, figures(), []);
    const two = draftStatement(scheme, figures({ importedAt: '2026-11-05T09:00:00.000Z', source: 'again.csv' }), [adjustment(100)]);
    if (!one.ok || !two.ok) throw new Error('not computed');
    expect(statementBasis(one.body)).toBe(statementBasis(two.body));
    expect(standingOf([{ revision: 1, body: one.body, approvedBy: 'head', approvedAt: '2026-11-05T10:00:00.000Z', reason: null }], two)).toMatchObject({ state: 'approved', changed: false });
  });
});
