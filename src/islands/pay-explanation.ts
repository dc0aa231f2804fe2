import { cleanMoney, type KpiPart, type PayBreakdown, type PayScheme } from '../domain/motivation';
import { intlLocale, type AreaTranslator } from '../i18n/format';
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

/**
 * How the total was computed, line by line, in the words of the statute's worked examples:
 * target bonus, each KPI's part, the cut below a minimum, the total.
 */
export function explainPay(i18n: CalculatorT, scheme: PayScheme, pay: PayBreakdown, plan?: { plan: number; fulfilment: number }): string[] {
  const { t, number, rub } = i18n;
  const lines: string[] = [];
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
