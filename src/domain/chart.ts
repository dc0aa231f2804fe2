import { shiftMonth } from './effectiveness';

/** Geometry for a simple bar chart: pure, so the SVG component only draws what this computes. */
export interface BarChartInput {
  labels: string[];
  /** One value per label; null where there is no data (drawn as "no data", never as a zero). */
  values: (number | null)[];
  /** Draw a reference line at this value (e.g. 100 % of plan). */
  reference?: number;
  /** Labels to mark with a vertical line and a name (e.g. the month a course was completed). */
  marks?: { index: number; label: string }[];
  width?: number;
  height?: number;
}

/** A marker's name, placed on a row of its own when it would run into another. */
export interface MarkLayout {
  x: number;
  label: string;
  /** Where the name starts, and whether it reads to the right of the line (start) or ends at it (end). */
  textX: number;
  anchor: 'start' | 'end';
  /** Baseline of the name: rows go down from the top of the plot. */
  textY: number;
}

export interface BarChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  bars: { x: number; y: number; width: number; height: number; label: string; value: number | null }[];
  ticks: { y: number; value: number }[];
  reference?: { y: number; value: number };
  marks: MarkLayout[];
}

/** The step of an axis: 1, 2 or 5 times a power of ten, so that `max` takes at most `most` steps. */
export function niceStep(max: number, most = 5): number {
  if (!(max > 0)) return 1;
  const rough = max / most;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= rough - power * 1e-9) return factor * power;
  return 10 * power;
}

/** The ticks of an axis from zero: round steps, the last one at or above `max`. */
export function axisTicks(max: number, most = 5): number[] {
  const step = niceStep(max, most);
  const count = Math.max(1, Math.ceil(max / step - 1e-9));
  // Multiplying, not adding, keeps 0.1 steps free of 0.30000000000000004.
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** About how wide a name is at the chart's 11 px type. */
const textWidth = (text: string) => text.length * 6.2;
const ROW = 13;

/**
 * Places the names of marks so that none overlaps another: each goes on the first row where it fits,
 * to the right of its line, or to the left where the plot ends first.
 */
export function layoutMarks(marks: readonly { x: number; label: string }[], plot: { top: number; left: number; right: number }): MarkLayout[] {
  const rows: { from: number; to: number }[][] = [];
  return [...marks]
    .sort((a, b) => a.x - b.x)
    .map((mark) => {
      const width = textWidth(mark.label);
      const anchor = mark.x + 4 + width <= plot.right ? 'start' : 'end';
      const from = anchor === 'start' ? mark.x + 4 : Math.max(plot.left, mark.x - 4 - width);
      const to = from + width;
      let row = rows.findIndex((taken) => taken.every((span) => to + 4 <= span.from || from >= span.to + 4));
      if (row === -1) row = rows.push([]) - 1;
      rows[row]!.push({ from, to });
      return { x: mark.x, label: mark.label, textX: anchor === 'start' ? mark.x + 4 : mark.x - 4, anchor, textY: plot.top + 10 + row * ROW };
    });
}

export function layoutBarChart({ labels, values, reference, marks = [], width = 640, height = 220 }: BarChartInput): BarChartLayout {
  const left = 48;
  const right = width - 8;
  const slot = (right - left) / Math.max(1, labels.length);
  const placed = layoutMarks(
    marks.map((m) => ({ x: left + m.index * slot + slot / 2, label: m.label })),
    { top: 12, left, right },
  );
  // The plot starts below the last row of mark names.
  const top = placed.length === 0 ? 12 : Math.max(...placed.map((m) => m.textY)) + 6;
  const plot = { left, top, right, bottom: height - 28 };
  const ticks = axisTicks(Math.max(reference ?? 0, ...values.map((v) => v ?? 0)));
  const max = ticks.at(-1)!;
  const y = (value: number) => plot.bottom - (Math.max(0, value) / max) * (plot.bottom - plot.top);
  const barWidth = Math.max(4, slot * 0.62);
  return {
    width,
    height,
    plot,
    bars: labels.map((label, i) => {
      const value = values[i] ?? null;
      const top = value === null ? plot.bottom : y(value);
      return { x: plot.left + i * slot + (slot - barWidth) / 2, y: top, width: barWidth, height: plot.bottom - top, label, value };
    }),
    ticks: ticks.map((value) => ({ y: y(value), value })),
    reference: reference === undefined ? undefined : { y: y(reference), value: reference },
    marks: placed,
  };
}

/** Every month from the first to the last given (`YYYY-MM`), in order, gaps included. */
export function monthSeries(months: readonly string[]): string[] {
  if (months.length === 0) return [];
  const sorted = [...months].sort();
  const series = [sorted[0]!];
  while (series.at(-1)! < sorted.at(-1)! && series.length < 600) series.push(shiftMonth(series.at(-1)!, 1));
  return series;
}

/** Geometry of one small chart among many: a series of counts as columns against a minimum. */
export interface SmallBarsLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  bars: { x: number; y: number; width: number; height: number; value: number; below: boolean }[];
  /** The top of the scale: a round number at or above every value and the minimum. */
  top: number;
  minimum: { y: number; value: number };
}

/**
 * A small chart of counts against a minimum (certified people per month, say): each small chart has a
 * scale of its own, from zero to a round number at or above its values and its minimum, so that a
 * skill two people hold is as readable as one forty hold; the numbers are in the table beside it.
 */
export function layoutSmallBars({ values, minimum, width = 240, height = 72 }: { values: readonly number[]; minimum: number; width?: number; height?: number }): SmallBarsLayout {
  const plot = { left: 4, top: 14, right: width - 4, bottom: height - 16 };
  const top = axisTicks(Math.max(minimum, ...values), 2).at(-1)!;
  const y = (value: number) => plot.bottom - (Math.max(0, value) / top) * (plot.bottom - plot.top);
  const slot = (plot.right - plot.left) / Math.max(1, values.length);
  const barWidth = Math.max(2, slot * 0.7);
  return {
    width,
    height,
    plot,
    bars: values.map((value, i) => ({ x: plot.left + i * slot + (slot - barWidth) / 2, y: y(value), width: barWidth, height: plot.bottom - y(value), value, below: value < minimum })),
    top,
    minimum: { y: y(minimum), value: minimum },
  };
}
