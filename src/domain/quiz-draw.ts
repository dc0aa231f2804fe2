import type { Question } from '../schemas/quiz';

/** One question as drawn for an attempt: its id, and how its options or items are laid out. */
export interface DrawnQuestion {
  id: string;
  /** Option ids in the order shown (single and multiple). */
  options?: string[];
  /** Indexes of the author's items in the order shown (order questions). */
  items?: number[];
}

/** What drawing needs from a quiz. */
export interface DrawSettings {
  /** How many questions to draw; the whole bank when absent. */
  draw?: number;
  /** Whether questions and options are shuffled. Order items are always shuffled. */
  shuffle: boolean;
}

/** 128 bits of state from a text seed (cyrb128), so that any seed text gives a well-mixed start. */
function seedState(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** A random number generator in [0, 1) from a text seed (sfc32): the same seed, the same sequence. */
export function seededRandom(seed: string): () => number {
  let [a, b, c, d] = seedState(seed);
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const isIdentity = (order: readonly number[]) => order.every((value, index) => value === index);

/** Item positions for an order question: shuffled, and never already in the right order. */
function itemOrder(count: number, random: () => number): number[] {
  const right = Array.from({ length: count }, (_, i) => i);
  if (count < 2) return right;
  for (let tries = 0; tries < 20; tries++) {
    const order = shuffled(right, random);
    if (!isIdentity(order)) return order;
  }
  // Practically unreachable; a rotation is never the right order.
  return [...right.slice(1), 0];
}

/**
 * Draws the questions of one attempt from the bank. Random, but the same seed always gives the same
 * draw, so an attempt can be explained and tests can be exact.
 */
export function drawQuestions(bank: readonly Question[], settings: DrawSettings, seed: string): DrawnQuestion[] {
  const random = seededRandom(seed);
  const count = Math.min(settings.draw ?? bank.length, bank.length);
  let picked = shuffled(
    bank.map((_, i) => i),
    random,
  ).slice(0, count);
  if (!settings.shuffle) picked = picked.sort((a, b) => a - b);
  return picked.map((index) => {
    const question = bank[index]!;
    if (question.type === 'single' || question.type === 'multiple') {
      const ids = question.options.map((o) => o.id);
      return { id: question.id, options: settings.shuffle ? shuffled(ids, random) : ids };
    }
    if (question.type === 'order') return { id: question.id, items: itemOrder(question.items.length, random) };
    return { id: question.id };
  });
}
