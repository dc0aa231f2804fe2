import { describe, expect, it } from 'vitest';
import { bestChoice, practiceSummary, scorePercent, scoreRun, type PathStep, type PracticeDialogue } from '../../src/domain/dialogue';
import { checkedContent } from './checked-content';

const demo = checkedContent('content').dialogues;
const fixture = checkedContent('test/fixtures/content').dialogues;
const coldCall = fixture.find((d) => d.id === 'cold-call')!.data;
const expensive = demo.find((d) => d.id === 'objection-expensive')!.data;

/** Every complete path from the start, by walking each option. */
function allPaths(dialogue: PracticeDialogue): PathStep[][] {
  const paths: PathStep[][] = [];
  const walk = (node: string, path: PathStep[]) => {
    const options = dialogue.nodes[node]!.options;
    if (!options) return void paths.push(path);
    options.forEach((option, choice) => walk(option.next, [...path, { node, choice }]));
  };
  walk(dialogue.start, []);
  return paths;
}

/** The path that picks, at every step, the option `pick` chooses. */
function follow(dialogue: PracticeDialogue, pick: (scores: number[]) => number): PathStep[] {
  const path: PathStep[] = [];
  let node = dialogue.start;
  while (dialogue.nodes[node]!.options) {
    const options = dialogue.nodes[node]!.options!;
    const choice = pick(options.map((o) => o.score));
    path.push({ node, choice });
    node = options[choice]!.next;
  }
  return path;
}
const best = (scores: number[]) => scores.indexOf(Math.max(...scores));
const worst = (scores: number[]) => scores.indexOf(Math.min(...scores));

function run(dialogue: PracticeDialogue, path: PathStep[]) {
  const result = scoreRun(dialogue, path);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
  return result.run;
}

describe('scoring a run', () => {
  it('the best answer at every step scores full marks and ends well', () => {
    const r = run(coldCall, [{ node: 'hello', choice: 0 }, { node: 'who', choice: 0 }]);
    expect(r).toMatchObject({ end: 'connected', ending: 'good', score: 4, maxScore: 4 });
    expect(r.steps.every((s) => s.lost === 0)).toBe(true);
  });

  it('the worst answer ends badly, with the better answer named at the step that lost points', () => {
    const r = run(coldCall, [{ node: 'hello', choice: 1 }]);
    expect(r).toMatchObject({ end: 'refused', ending: 'bad', outcome: 'Разговор закончился отказом.', score: 0, maxScore: 2 });
    expect(r.steps[0]).toMatchObject({ lost: 2, bestChoice: 0, option: { doc: 'lead-handling#сроки-ответа' } });
    expect(r.steps[0]!.best.text).toMatch(/^Добрый день!/);
  });

  it.each(demo.map((d) => [d.id, d.data] as const))('%s: best answers score 100 %% and end well; worst answers end badly', (_id, dialogue) => {
    const top = run(dialogue, follow(dialogue, best));
    expect(top.ending).toBe('good');
    expect(top.score).toBe(top.maxScore);
    expect(scorePercent(top.score, top.maxScore)).toBe(100);
    const bottom = run(dialogue, follow(dialogue, worst));
    expect(bottom.ending).toBe('bad');
    expect(scorePercent(bottom.score, bottom.maxScore)).toBeLessThan(50);
  });

  it.each([...fixture, ...demo].map((d) => [d.id, d.data] as const))('%s: every ending is reachable and every path scores within its best', (_id, dialogue) => {
    const endings = Object.entries(dialogue.nodes).filter(([, node]) => node.ending).map(([id]) => id);
    const reached = new Set<string>();
    for (const path of allPaths(dialogue)) {
      const r = run(dialogue, path);
      reached.add(r.end);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(r.maxScore);
      // The points lost step by step add up to the gap between the run and the best answers.
      expect(r.steps.reduce((sum, s) => sum + s.lost, 0)).toBe(r.maxScore - r.score);
    }
    expect([...reached].sort()).toEqual(endings.sort());
  });

  it('a detour through a weak answer never beats the straight run of best answers', () => {
    // objection → skeptic (1 point) → compare → … collects 13 points, the straight run 12;
    // against the best answer at each step the detour scores 13 of 15, the straight run 12 of 12.
    const straight = run(expensive, follow(expensive, best));
    const detour = run(expensive, [
      { node: 'objection', choice: 2 },
      { node: 'skeptic', choice: 0 },
      { node: 'compare', choice: 0 },
      { node: 'value', choice: 0 },
      { node: 'budget-limit', choice: 0 },
    ]);
    expect([straight.score, straight.maxScore]).toEqual([12, 12]);
    expect([detour.score, detour.maxScore]).toEqual([13, 15]);
    expect(scorePercent(detour.score, detour.maxScore)).toBeLessThan(scorePercent(straight.score, straight.maxScore));
  });

  it('the first of equally scored options is the best answer', () => {
    expect(bestChoice([{ score: 1 }, { score: 3 }, { score: 3 }] as never)).toBe(1);
  });
});

describe('a path that is not a run through the dialogue is refused', () => {
  it.each<[string, PathStep[], object]>([
    ['an empty path', [], { code: 'empty' }],
    ['a path that does not start at the start', [{ node: 'who', choice: 0 }], { code: 'wrong-step', step: 1, expected: 'hello', got: 'who' }],
    ['a step the previous answer did not lead to', [{ node: 'hello', choice: 0 }, { node: 'hello', choice: 0 }], { code: 'wrong-step', step: 2, expected: 'who', got: 'hello' }],
    ['a step name that does not exist', [{ node: 'hello', choice: 0 }, { node: 'constructor', choice: 0 }], { code: 'wrong-step', step: 2, expected: 'who' }],
    ['an option that does not exist', [{ node: 'hello', choice: 2 }], { code: 'no-such-option', step: 1, node: 'hello', choice: 2 }],
    ['a negative option', [{ node: 'hello', choice: -1 }], { code: 'no-such-option', step: 1 }],
    ['a fractional option', [{ node: 'hello', choice: 0.5 }], { code: 'no-such-option', step: 1 }],
    ['an answer after the conversation ended', [{ node: 'hello', choice: 1 }, { node: 'refused', choice: 0 }], { code: 'after-ending', step: 2 }],
    ['a run that stops before an ending', [{ node: 'hello', choice: 0 }], { code: 'unfinished', node: 'who' }],
  ])('%s', (_name, path, problem) => {
    const result = scoreRun(coldCall, path);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatchObject(problem);
  });
});

describe('a person’s practice of a dialogue', () => {
  const runs = [
    { dialogueId: 'a', score: 2, maxScore: 4, ending: 'bad' as const, at: '2026-05-01T10:00:00.000Z' },
    { dialogueId: 'a', score: 6, maxScore: 8, ending: 'good' as const, at: '2026-05-02T10:00:00.000Z' },
    { dialogueId: 'a', score: 3, maxScore: 4, ending: 'good' as const, at: '2026-05-03T10:00:00.000Z' },
    { dialogueId: 'b', score: 4, maxScore: 4, ending: 'good' as const, at: '2026-05-04T10:00:00.000Z' },
  ];

  it('counts the runs and keeps the best by percent, the later of equals', () => {
    const summary = practiceSummary(runs, 'a');
    expect(summary.runs).toBe(3);
    expect(summary.best).toBe(runs[2]);
  });

  it('is empty for a dialogue not practised', () => {
    expect(practiceSummary(runs, 'c')).toEqual({ runs: 0, best: undefined });
  });

  it('a run where no answer could earn points counts as 100 %', () => {
    expect(scorePercent(0, 0)).toBe(100);
    expect(scorePercent(2, 3)).toBe(67);
  });
});
