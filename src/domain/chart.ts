/** Geometry for a simple bar chart: pure, so the SVG component only draws what this computes. */
export interface BarChartInput {
  labels: string[];
  values: (number | null)[];
  /** Draw a reference line at this value (e.g. 100 % of plan). */
  reference?: number;
  /** Indexes of labels to mark with a vertical line (e.g. the month training was completed). */
  marks?: { index: number; label: string }[];
  width?: number;
  height?: number;
}

export interface BarChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  bars: { x: number; y: number; width: number; height: number; label: string; value: number | null }[];
  ticks: { y: number; value: number }[];
  reference?: { y: number; value: number };
  marks: { x: number; label: string }[];
}

/** A round upper bound for the axis: 1, 2 or 5 times a power of ten. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export function layoutBarChart({ labels, values, reference, marks = [], width = 640, height = 220 }: BarChartInput): BarChartLayout {
  const plot = { left: 48, top: 12, right: width - 8, bottom: height - 28 };
  const max = niceMax(Math.max(reference ?? 0, ...values.map((v) => v ?? 0)));
  const y = (value: number) => plot.bottom - (Math.max(0, value) / max) * (plot.bottom - plot.top);
  const slot = (plot.right - plot.left) / Math.max(1, labels.length);
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
    ticks: [0, 0.25, 0.5, 0.75, 1].map((f) => ({ y: y(max * f), value: max * f })),
    reference: reference === undefined ? undefined : { y: y(reference), value: reference },
    marks: marks.map((m) => ({ x: plot.left + m.index * slot + slot / 2, label: m.label })),
  };
}
