import { cleanMoney, type KpiPart, type MonthFigures, type MonthPay, type PayBreakdown, type PayScheme } from '../domain/motivation';
import { intlLocale, type AreaTranslator, type MessagePiece } from '../i18n/format';
import type { calculatorRu } from '../i18n/calculator';

export type CalculatorT = AreaTranslator<keyof typeof calculatorRu>;

/** A KPI value with its unit: "105 %", "12 шт.", "40 000 ₽". */
export function withUnit(i18n: CalculatorT, value: number, unit: KpiPart['unit']): string {
  return `${i18n.number(value)} ${i18n.t(`calc.unit.${unit}`)}`;
}

/** A scale factor as the statute writes it: "1,0", "0,7", "1,15", but "0". */
export function factorText(i18n: CalculatorT, factor: number): string {
  if (factor === 0) return i18n.number(0);
  return Number.isInteger(factor) ? new Intl.NumberFormat(intlLocale(i18n.locale), { minimumFractionDigits: 1 }).format(factor) : i18n.number(factor);
}

/** The values of the calculator's sentences that come from the motivation scheme's own text: KPI names, a penalty's rule. */
export const SCHEME_WORDS = ['kpi', 'rule'];

/**
 * How the total was computed, line by line, in the words of the statute's worked examples:
 * target bonus, each KPI's part, the cut below a minimum, the total. Each line is cut at its values
 * (`messagePieces`), so the view can mark the scheme's own words (`SCHEME_WORDS`) with their language.
 */
export function explainPay(i18n: CalculatorT, scheme: PayScheme, pay: PayBreakdown, plan?: { plan: number; fulfilment: number }): MessagePiece[][] {
  const { pieces: t, number, rub } = i18n;
  const lines: MessagePiece[][] = [];
  if (plan) {
    lines.push(plan.plan > 0 ? t('calc.line.fulfilment', { base: number(pay.base), plan: number(plan.plan), percent: plan.fulfilment }) : t('calc.line.noPlan'));
  }
  lines.push(t('calc.line.target', { base: number(pay.base), percent: scheme.bonusPercent, amount: rub(pay.targetBonus) }));
  for (const part of pay.parts) {
    const value = withUnit(i18n, part.value, part.unit);
    if (!part.step) {
      lines.push(t('calc.line.partBelow', { kpi: part.title, value }));
      continue;
    }
    const factor = factorText(i18n, part.factor);
    lines.push(
      t('calc.line.part', { kpi: part.title, value, from: withUnit(i18n, part.step.from, part.unit), factor, target: number(cleanMoney(pay.targetBonus)), weight: part.weight, amount: rub(cleanMoney(part.amount)) }),
    );
  }
  const parts = pay.parts.map((p) => number(cleanMoney(p.amount))).join(' + ');
  if (!pay.cut) {
    lines.push(t('calc.line.bonus', { parts, amount: rub(cleanMoney(pay.bonus)) }));
  } else {
    lines.push(t('calc.line.partsSum', { parts, amount: rub(cleanMoney(pay.partsSum)) }));
    if (pay.missed.length > 1) lines.push(t('calc.line.largestCut'));
    lines.push(
      t('calc.line.cut', {
        rule: pay.cut.penalty.text,
        percent: pay.cut.penalty.cutPercent,
        sum: number(cleanMoney(pay.partsSum)),
        cut: number(cleanMoney(pay.cut.amount)),
        cutAmount: rub(cleanMoney(pay.cut.amount)),
        amount: rub(cleanMoney(pay.bonus)),
      }),
    );
  }
  const exact = cleanMoney(pay.fixedPay + pay.bonus);
  lines.push(t(Number.isInteger(exact) ? 'calc.line.total' : 'calc.line.totalRounded', { fixed: number(pay.fixedPay), bonus: number(cleanMoney(pay.bonus)), total: rub(pay.total) }));
  return lines;
}

/** A share in percent to one decimal; 0 of nothing. */
export const percentOf = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/** A row of the calculator's table: your figures, and the same deals with a bigger discount when revenue is known. */
export interface PayRow {
  /** Cut at its values, like `explainPay`'s lines: a KPI's part names the KPI. */
  label: MessagePiece[];
  now: string;
  then?: string;
  strong?: boolean;
}

/** The table of the calculation: revenue and base, plan fulfilment, target bonus, each KPI's part, cut, bonus, fixed pay, total. */
export function payRows(i18n: CalculatorT, scheme: PayScheme, month: MonthFigures, result: MonthPay): PayRow[] {
  const { pieces: t, number, rub } = i18n;
  const { pay, discount } = result;
  const rows: PayRow[] = [];
  const row = (label: MessagePiece[], value: (p: PayBreakdown) => string, strong?: boolean) =>
    rows.push({ label, now: value(pay), then: discount && value(discount.pay), strong });
  const money = (pick: (p: PayBreakdown) => number) => (p: PayBreakdown) => rub(cleanMoney(pick(p)));
  if (discount) rows.push({ label: t('calc.row.revenue'), now: rub(scheme.bonusBase === 'revenue' ? month.base : (month.revenue ?? 0)), then: rub(discount.revenue) });
  if (scheme.bonusBase !== 'revenue') rows.push({ label: t(`calc.row.base.${scheme.bonusBase}`), now: rub(pay.base), then: discount && rub(discount.base) });
  if (result.fulfilment !== undefined) {
    rows.push({ label: t('calc.row.fulfilment'), now: `${number(result.fulfilment)} %`, then: discount && `${number(discount.fulfilment ?? 0)} %` });
  }
  row(t('calc.row.target', { percent: scheme.bonusPercent }), money((p) => p.targetBonus));
  pay.parts.forEach((part, index) => {
    row(t('calc.row.part', { kpi: part.title, weight: part.weight }), (p) => `${rub(cleanMoney(p.parts[index]!.amount))} (${i18n.t('calc.row.factor', { factor: factorText(i18n, p.parts[index]!.factor) })})`);
  });
  row(t('calc.row.cut'), (p) => (p.cut ? `−${rub(cleanMoney(p.cut.amount))} (${p.cut.penalty.cutPercent} %)` : '—'));
  row(t('calc.row.bonus'), money((p) => p.bonus));
  row(t('calc.row.fixed'), money((p) => p.fixedPay));
  row(t('calc.row.total'), (p) => rub(p.total), true);
  return rows;
}
