import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { derivesPlan, PLAN_KPI, type MonthPay } from '../domain/motivation';
import { calculatorEn, calculatorRu } from '../i18n/calculator';
import { areaTranslator, piecesText, type Locale } from '../i18n/format';
import { Phrase } from './Phrase';
import { createCalculator, fieldsOf, type Calculator, type CalculatorScheme, type FieldId, type FieldProblem } from './pay-calculator-model';
import { explainPay, payRows, percentOf, SCHEME_WORDS, type CalculatorT } from './pay-explanation';
import { useHydrated } from './use-hydrated';
import './PayCalculator.css';

export interface Props {
  /** The schemes to choose from; the statute page has every scheme it sets, a role page one. */
  schemes: CalculatorScheme[];
  /** The scheme shown first: the reader's own, when it is among them. */
  initial: number;
  locale: Locale;
  /** The content's language when it is not the interface's: the scheme's names (schemes, KPIs, examples, rules) are marked with it. */
  contentLang?: Locale;
  /** Unique on the page, for the fields' ids. */
  idPrefix: string;
  /** Figures to open with, by field (`plan`, `base`, `kpi:receivables`): a pay statement's, from the link on it. */
  given?: Record<string, string>;
}

const problemKeys: Record<FieldProblem, keyof typeof calculatorRu> = {
  number: 'calc.error.number',
  negative: 'calc.error.base',
  'below-base': 'calc.error.revenueBelowBase',
};

/** The motivation calculator: a month's figures in, pay out, with the statute's explanation and the cost of a discount. */
export default function PayCalculator({ schemes, initial, locale, contentLang, idPrefix, given }: Props) {
  const i18n = areaTranslator(locale === 'ru' ? calculatorRu : calculatorEn, locale);
  const [calc] = useState(() => createCalculator(schemes, initial, undefined, given));
  const hydrated = useHydrated();
  const { result, problems, missing, month } = calc.outcome.value;
  const scheme = calc.scheme.value;
  return (
    <div class="calc">
      {schemes.length > 1 && (
        <fieldset class="calc__schemes" disabled={!hydrated}>
          <legend>{i18n.t('calc.scheme')}</legend>
          {schemes.map((s, index) => (
            <label key={s.id}>
              <input type="radio" name={`${idPrefix}-scheme`} checked={calc.schemeIndex.value === index} onChange={() => calc.chooseScheme(index)} /> <span lang={contentLang}>{s.title}</span>
            </label>
          ))}
        </fieldset>
      )}
      <Figures calc={calc} i18n={i18n} lang={contentLang} idPrefix={idPrefix} problems={problems} ready={hydrated} />
      <div class="calc__output">
          <h3 id={`${idPrefix}-result`}>{i18n.t('calc.result')}</h3>
          {result ? (
            <>
              <p class="calc__total">
                <output aria-live="polite" htmlFor={fieldsOf(scheme).map((f) => `${idPrefix}-${f.replace(':', '-')}`).join(' ')} data-testid="pay-total">
                  {i18n.t('calc.total', { amount: i18n.rub(result.pay.total) })}
                </output>
              </p>
              <Comparison calc={calc} i18n={i18n} lang={contentLang} result={result} />
              <h4>{i18n.t('calc.how')}</h4>
              <ol class="calc__explanation" data-testid="pay-explanation">
                {explainPay(i18n, scheme, result.pay, result.fulfilment === undefined ? undefined : { plan: month.plan ?? 0, fulfilment: result.fulfilment }).map((line) => (
                  <li>
                    <Phrase pieces={line} content={SCHEME_WORDS} lang={contentLang} />
                  </li>
                ))}
              </ol>
            </>
          ) : (
            <p class="notice notice--warn" role="status">{i18n.t(missing && problems.size === 0 ? 'calc.fill' : 'calc.fix')}</p>
          )}
      </div>
    </div>
  );
}

function fieldLabel(i18n: CalculatorT, calc: Calculator, id: FieldId, lang: Locale | undefined): ComponentChildren {
  const scheme = calc.scheme.value;
  if (id === 'plan') return i18n.t(`calc.plan.${scheme.bonusBase}`);
  if (id === 'revenue') return i18n.t('calc.revenue');
  if (id === 'base') return i18n.t(`calc.base.${scheme.bonusBase}`);
  const kpi = scheme.kpis.find((k) => `kpi:${k.id}` === id)!;
  return (
    <>
      <span lang={lang}>{kpi.title}</span>, {i18n.t(`calc.unit.${kpi.unit}`)}
    </>
  );
}

function problemText(i18n: CalculatorT, id: FieldId, problem: FieldProblem): string {
  if (problem === 'negative') return i18n.t(id === 'plan' ? 'calc.error.plan' : id === 'revenue' ? 'calc.error.revenue' : 'calc.error.base');
  return i18n.t(problemKeys[problem]);
}

function Figures({
  calc,
  i18n,
  lang,
  idPrefix,
  problems,
  ready,
}: {
  calc: Calculator;
  i18n: CalculatorT;
  lang: Locale | undefined;
  idPrefix: string;
  problems: Map<FieldId, FieldProblem>;
  ready: boolean;
}) {
  const scheme = calc.scheme.value;
  const example = calc.example.value;
  return (
    <fieldset class="calc__figures" disabled={!ready}>
      <legend>{i18n.t('calc.figures')}</legend>
      {scheme.examples.length > 0 && (
        <div class="field">
          <label for={`${idPrefix}-example`}>{i18n.t('calc.example')}</label>
          <select id={`${idPrefix}-example`} value={example === undefined ? '' : String(example)} onChange={(e) => e.currentTarget.value !== '' && calc.loadExample(Number(e.currentTarget.value))}>
            <option value="">{i18n.t('calc.examplePick')}</option>
            {scheme.examples.map((ex, index) => (
              <option key={index} value={String(index)} lang={lang}>
                {ex.title}
              </option>
            ))}
          </select>
        </div>
      )}
      {calc.prefilled.value && (
        <p class="calc__note" data-testid="calc-given">
          {i18n.t('calc.given')}
        </p>
      )}
      {example !== undefined && derivesPlan(scheme) && (
        <p class="calc__note">
          <Phrase pieces={i18n.pieces('calc.exampleLoaded', { title: scheme.examples[example]!.title, percent: scheme.examples[example]!.kpis[PLAN_KPI] ?? 0 })} content={['title']} lang={lang} />
        </p>
      )}
      {fieldsOf(scheme).map((id) => {
        const inputId = `${idPrefix}-${id.replace(':', '-')}`;
        const problem = problems.get(id);
        const hint = id === 'plan' ? i18n.t('calc.planHint') : id === 'revenue' ? i18n.t('calc.revenueHint') : undefined;
        const described = [hint && `${inputId}-hint`, problem && `${inputId}-error`].filter(Boolean).join(' ') || undefined;
        return (
          <div class="field" key={id}>
            <label for={inputId}>{fieldLabel(i18n, calc, id, lang)}</label>
            <input
              id={inputId}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={calc.fields.value[id] ?? ''}
              aria-invalid={problem ? 'true' : undefined}
              aria-describedby={described}
              onInput={(e) => calc.setField(id, e.currentTarget.value)}
            />
            {hint && <small id={`${inputId}-hint`}>{hint}</small>}
            {problem && <small id={`${inputId}-error`} class="calc__error">{problemText(i18n, id, problem)}</small>}
          </div>
        );
      })}
    </fieldset>
  );
}

/** Your figures beside the same deals with a bigger discount, row by row. */
function Comparison({ calc, i18n, lang, result }: { calc: Calculator; i18n: CalculatorT; lang: Locale | undefined; result: MonthPay }) {
  const scheme = calc.scheme.value;
  const { pay, discount } = result;
  const points = calc.discountPoints;
  const rows = payRows(i18n, scheme, calc.outcome.value.month, result);
  const cost = discount ? pay.total - discount.pay.total : 0;
  const compare = discount !== undefined;
  return (
    <>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={i18n.t('calc.result')}>
        <table class="calc__table" data-testid="pay-table">
          <thead>
            <tr>
              <td></td>
              <th scope="col">{i18n.t('calc.yours')}</th>
              {compare && <th scope="col">{i18n.t('calc.discounted', { points })}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={piecesText(row.label)} class={row.strong ? 'calc__strong' : undefined}>
                <th scope="row">
                  <Phrase pieces={row.label} content={SCHEME_WORDS} lang={lang} />
                </th>
                <td>{row.now}</td>
                {compare && <td>{row.then}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {discount ? (
        <div class="calc__discount" data-testid="discount-cost">
          <p>
            <strong>
              {cost > 0
                ? i18n.t('calc.discountCost', {
                    points,
                    amount: i18n.rub(cost),
                    revenuePercent: points,
                    basePercent: percentOf(Math.min(discount.loss, pay.base), pay.base),
                    totalPercent: percentOf(cost, pay.total),
                  })
                : i18n.t('calc.discountFree', { points })}
            </strong>
          </p>
          {discount.baseExhausted && <p>{i18n.t('calc.baseExhausted')}</p>}
          <p class="calc__note">{i18n.t('calc.discountModel', { points })}</p>
        </div>
      ) : (
        <p class="calc__note">{i18n.t('calc.discountNoRevenue', { points })}</p>
      )}
    </>
  );
}
