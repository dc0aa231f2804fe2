import { batch, computed, signal } from '@preact/signals';
import { derivesPlan, payForMonth, planFor, PLAN_KPI, type MonthFigures, type PayProblem, type PayScheme } from '../domain/motivation';
import type { MotivationData } from '../schemas/motivation';

/** A scheme as the calculator gets it: the formula's fields, its title and the statute's worked examples. */
export interface CalculatorScheme extends PayScheme {
  id: string;
  title: string;
  examples: MotivationData['examples'];
}

export type FieldId = 'plan' | 'revenue' | 'base' | `kpi:${string}`;

/** Why a field is marked: not a number, or a domain problem. */
export type FieldProblem = 'number' | Exclude<PayProblem['code'], 'missing'>;

/** A number as people type it: "1 200 000", "92,5", "−2". Empty gives undefined, anything else not a number NaN. */
export function parseAmount(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.').replace('−', '-');
  if (cleaned === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/** The fields a scheme asks for, in the order of the form. */
export function fieldsOf(scheme: PayScheme): FieldId[] {
  const plan = derivesPlan(scheme);
  return [
    ...(plan ? (['plan'] as const) : []),
    ...(scheme.bonusBase === 'revenue' ? [] : (['revenue'] as const)),
    'base' as const,
    ...scheme.kpis.filter((k) => !(plan && k.id === PLAN_KPI)).map((k) => `kpi:${k.id}` as const),
  ];
}

/** The typed text of every field for a worked example; the plan in roubles gives the example's fulfilment. */
export function exampleFields(scheme: CalculatorScheme, index: number): Record<FieldId, string> {
  const example = scheme.examples[index];
  const values: Record<string, string> = Object.fromEntries(fieldsOf(scheme).map((f) => [f, '']));
  if (!example) return values;
  values.base = String(example.base);
  if ('plan' in values) values.plan = String(planFor(example.base, example.kpis[PLAN_KPI] ?? 0));
  for (const [id, value] of Object.entries(example.kpis)) if (`kpi:${id}` in values) values[`kpi:${id}`] = String(value);
  return values;
}

/** The typed text of a scheme's fields from figures given by value (a pay statement's), the rest empty. */
export function givenFields(scheme: PayScheme, given: Readonly<Record<string, string>>): Record<FieldId, string> {
  return Object.fromEntries(fieldsOf(scheme).map((f) => [f, (given[f] ?? '').slice(0, 40)])) as Record<FieldId, string>;
}

/**
 * The calculator's state: which scheme, what was typed, and the pay it gives; recomputed on every
 * keystroke. It opens on the first worked example, or on `given` figures (a pay statement's) when there are any.
 */
export function createCalculator(schemes: readonly CalculatorScheme[], initial = 0, discountPoints = 10, given?: Readonly<Record<string, string>>) {
  const schemeIndex = signal(initial);
  const scheme = computed(() => schemes[schemeIndex.value]!);
  const fields = signal<Record<FieldId, string>>(given ? givenFields(schemes[initial]!, given) : exampleFields(schemes[initial]!, 0));
  const example = signal<number | undefined>(!given && schemes[initial]!.examples.length > 0 ? 0 : undefined);
  /** Whether the fields still hold the given figures. */
  const prefilled = signal(given !== undefined);

  const parsed = computed(() => {
    const values = new Map<FieldId, number | undefined>(Object.entries(fields.value).map(([id, text]) => [id as FieldId, parseAmount(text)]));
    const junk = [...values].filter(([, v]) => Number.isNaN(v)).map(([id]) => id);
    const month: MonthFigures = {
      plan: values.get('plan'),
      revenue: scheme.value.bonusBase === 'revenue' ? undefined : values.get('revenue'),
      base: values.get('base') ?? Number.NaN,
      kpis: Object.fromEntries([...values].filter(([id, v]) => id.startsWith('kpi:') && v !== undefined).map(([id, v]) => [id.slice(4), v!])),
    };
    return { month, junk };
  });

  const outcome = computed(() => {
    const { month, junk } = parsed.value;
    const result = payForMonth(scheme.value, month, discountPoints);
    const problems = new Map<FieldId, FieldProblem>(junk.map((id) => [id, 'number']));
    let missing = false;
    if (!result.ok) {
      for (const p of result.problems) {
        if (problems.has(p.field)) continue;
        if (p.code === 'missing') missing = true;
        else problems.set(p.field, p.code);
      }
    }
    const ok = result.ok && problems.size === 0;
    return { result: ok ? result.result : undefined, problems, missing, month };
  });

  return {
    schemes,
    schemeIndex,
    scheme,
    fields,
    example,
    prefilled,
    outcome,
    discountPoints,
    setField(id: FieldId, text: string) {
      batch(() => {
        fields.value = { ...fields.value, [id]: text };
        example.value = undefined;
        prefilled.value = false;
      });
    },
    chooseScheme(index: number) {
      if (!schemes[index] || index === schemeIndex.value) return;
      batch(() => {
        schemeIndex.value = index;
        fields.value = exampleFields(schemes[index]!, 0);
        example.value = schemes[index]!.examples.length > 0 ? 0 : undefined;
        prefilled.value = false;
      });
    },
    loadExample(index: number) {
      if (!scheme.value.examples[index]) return;
      batch(() => {
        fields.value = exampleFields(scheme.value, index);
        example.value = index;
        prefilled.value = false;
      });
    },
  };
}

export type Calculator = ReturnType<typeof createCalculator>;
