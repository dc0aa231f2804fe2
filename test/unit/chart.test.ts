import { describe, expect, it } from 'vitest';
import { axisTicks, layoutBarChart, layoutMarks, layoutSmallBars, monthSeries, niceStep } from '../../src/domain/chart';

describe('chart axes', () => {
  it('step by 1, 2 or 5 times a power of ten', () => {
    expect([0.3, 4, 7, 12, 95, 130, 260, 1_000, 2_600_000].map((max) => niceStep(max))).toEqual([0.1, 1, 2, 5, 20, 50, 100, 200, 1_000_000]);
    expect(niceStep(0)).toBe(1);
    for (const max of [1, 3, 17, 42, 99, 101, 333, 7_777]) {
      const step = niceStep(max);
      const mantissa = step / 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 5]).toContain(Math.round(mantissa));
    }
  });

  it('ticks from zero in round steps up to the first at or above the largest value', () => {
    expect(axisTicks(130)).toEqual([0, 50, 100, 150]);
    expect(axisTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(axisTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(axisTicks(7)).toEqual([0, 2, 4, 6, 8]);
  });

  it('draws the chart on those ticks', () => {
    const chart = layoutBarChart({ labels: ['01.26', '02.26'], values: [37, 112], reference: 100 });
    expect(chart.ticks.map((t) => t.value)).toEqual([0, 50, 100, 150]);
    expect(chart.ticks[0]!.y).toBe(chart.plot.bottom);
    expect(chart.ticks.at(-1)!.y).toBe(chart.plot.top);
  });
});

describe('course markers', () => {
  const plot = { top: 12, left: 48, right: 632 };
  const overlaps = (a: { textX: number; anchor: string; label: string; textY: number }, b: typeof a) => {
    const span = (m: typeof a) => (m.anchor === 'start' ? [m.textX, m.textX + m.label.length * 6.2] : [m.textX - m.label.length * 6.2, m.textX]);
    const [a1, a2] = span(a);
    const [b1, b2] = span(b);
    return a.textY === b.textY && a1! < b2! && b1! < a2!;
  };

  it('name the course and go on rows of their own where names would run into each other', () => {
    const marks = layoutMarks(
      [
        { x: 100, label: 'Продукт: складское оборудование' },
        { x: 130, label: 'Работа в CRM' },
        { x: 400, label: 'Адаптация' },
      ],
      plot,
    );
    expect(marks.map((m) => m.label)).toEqual(['Продукт: складское оборудование', 'Работа в CRM', 'Адаптация']);
    expect(marks.map((m) => m.textY)).toEqual([22, 35, 22]);
    for (const a of marks) for (const b of marks) if (a !== b) expect(overlaps(a, b)).toBe(false);
  });

  it('put a name that would run off the plot to the left of its line', () => {
    const [mark] = layoutMarks([{ x: 600, label: 'Основы работы с заявками' }], plot);
    expect(mark).toMatchObject({ anchor: 'end', textX: 596, textY: 22 });
  });

  it('push the plot down by the rows of names above it', () => {
    const one = layoutBarChart({ labels: ['a', 'b'], values: [1, 2], marks: [{ index: 0, label: 'Курс' }] });
    const two = layoutBarChart({ labels: ['a', 'b'], values: [1, 2], marks: [{ index: 0, label: 'Длинное название курса' }, { index: 0, label: 'Второй курс' }] });
    expect(two.plot.top - one.plot.top).toBe(13);
    expect(two.marks.every((m) => m.textY < two.plot.top)).toBe(true);
  });
});

describe('months without figures', () => {
  it('stay in the series between the first month and the last', () => {
    expect(monthSeries(['2026-03', '2025-12', '2026-01'])).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    expect(monthSeries([])).toEqual([]);
  });

  it('have no bar, not a zero-high one: the chart says there is no data', () => {
    const chart = layoutBarChart({ labels: ['01.26', '02.26', '03.26'], values: [40, null, 0] });
    expect(chart.bars.map((b) => b.value)).toEqual([40, null, 0]);
    expect(chart.bars[1]).toMatchObject({ value: null, height: 0 });
  });
});

describe('small charts of counts against a minimum', () => {
  it('scale each chart to a round number at or above its values and its minimum, and mark the columns below the minimum', () => {
    const chart = layoutSmallBars({ values: [0, 1, 3], minimum: 2, width: 100, height: 60 });
    expect(chart.top).toBe(4);
    expect(chart.bars.map((b) => [b.value, b.below])).toEqual([
      [0, true],
      [1, true],
      [3, false],
    ]);
    // Zero is a column of no height on the baseline; the minimum's line is halfway up a scale of four.
    expect(chart.bars[0]).toMatchObject({ y: chart.plot.bottom, height: 0 });
    expect(chart.minimum.y).toBeCloseTo(chart.plot.bottom - (chart.plot.bottom - chart.plot.top) / 2);
    expect(chart.bars[2]!.y).toBeLessThan(chart.minimum.y);
    // The columns fit the plot, side by side, in order.
    expect(chart.bars[0]!.x).toBeGreaterThanOrEqual(chart.plot.left);
    expect(chart.bars[2]!.x + chart.bars[2]!.width).toBeLessThanOrEqual(chart.plot.right);
    expect(chart.bars[1]!.x).toBeGreaterThan(chart.bars[0]!.x);
  });

  it('keep a skill nobody holds on a scale up to its minimum, and a large count on a round one', () => {
    expect(layoutSmallBars({ values: [0, 0], minimum: 3 }).top).toBe(4);
    expect(layoutSmallBars({ values: [37, 41], minimum: 2 }).top).toBe(50);
  });
});
