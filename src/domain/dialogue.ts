import type { DialogueData, DialogueOption } from '../schemas/dialogue';

// Scoring a run through a practice dialogue. The island shows the result as the person finishes;
// the server recomputes it from the submitted path with the same function and stores its own figures.

/** What scoring needs from a dialogue in content/dialogues. */
export type PracticeDialogue = Pick<DialogueData, 'start' | 'nodes'>;

/** One answer as the person gave it: at which step, which option (0-based). */
export interface PathStep {
  node: string;
  choice: number;
}

/** One answer, scored. */
export interface ScoredStep extends PathStep {
  option: DialogueOption;
  /** The best answer at this step (highest score; the first of equals). */
  bestChoice: number;
  best: DialogueOption;
  /** Points given away against the best answer at this step. */
  lost: number;
}

/** A finished run: every answer scored, where it ended, and the points against the best answers. */
export interface ScoredRun {
  steps: ScoredStep[];
  end: string;
  ending: 'good' | 'bad';
  outcome: string;
  /** Sum of the chosen answers' scores. */
  score: number;
  /** Sum of the best answers' scores at the same steps: what the best answer at every step would have earned. */
  maxScore: number;
}

/** Why a submitted path is not a run through the dialogue. `step` is 1-based. */
export type PathProblem =
  | { code: 'empty' }
  | { code: 'wrong-step'; step: number; expected: string; got: string }
  | { code: 'no-such-option'; step: number; node: string; choice: number }
  | { code: 'after-ending'; step: number }
  | { code: 'unfinished'; node: string };

/** The index of the best answer at a step: the highest score, the first of equals. */
export function bestChoice(options: readonly DialogueOption[]): number {
  return options.reduce((best, option, index) => (option.score > options[best]!.score ? index : best), 0);
}

/**
 * Scores a path from the start to an ending. Every step must be the node the previous answer led
 * to, every choice an existing option, and the path must stop exactly at an ending.
 *
 * The score is measured against the best answer at each step the person reached, not against the
 * highest-scoring route through the graph: a route that detours through a weak answer and recovers
 * collects more points than the straight one, and must not beat it.
 */
export function scoreRun(dialogue: PracticeDialogue, path: readonly PathStep[]): { ok: true; run: ScoredRun } | { ok: false; problem: PathProblem } {
  if (path.length === 0) return { ok: false, problem: { code: 'empty' } };
  const steps: ScoredStep[] = [];
  let at = dialogue.start;
  for (const [index, step] of path.entries()) {
    const node = dialogue.nodes[at]!;
    if (!node.options) return { ok: false, problem: { code: 'after-ending', step: index + 1 } };
    if (step.node !== at) return { ok: false, problem: { code: 'wrong-step', step: index + 1, expected: at, got: step.node } };
    const option = Number.isInteger(step.choice) ? node.options[step.choice] : undefined;
    if (!option) return { ok: false, problem: { code: 'no-such-option', step: index + 1, node: at, choice: step.choice } };
    const best = bestChoice(node.options);
    steps.push({ node: at, choice: step.choice, option, bestChoice: best, best: node.options[best]!, lost: node.options[best]!.score - option.score });
    at = option.next;
  }
  const end = dialogue.nodes[at]!;
  if (!end.ending) return { ok: false, problem: { code: 'unfinished', node: at } };
  return {
    ok: true,
    run: {
      steps,
      end: at,
      ending: end.ending,
      outcome: end.outcome ?? '',
      score: steps.reduce((sum, s) => sum + s.option.score, 0),
      maxScore: steps.reduce((sum, s) => sum + s.best.score, 0),
    },
  };
}

/** A score as a whole percent of the best; a run where no answer could earn points counts as 100 %. */
export const scorePercent = (score: number, maxScore: number) => (maxScore > 0 ? Math.round((score / maxScore) * 100) : 100);

/** What a stored run needs to be summed up. */
export interface RunRecord {
  dialogueId: string;
  score: number;
  maxScore: number;
  ending: 'good' | 'bad';
  at: string;
}

/** A person's practice of one dialogue: how many runs and the best of them (highest percent, then the later one). */
export interface PracticeSummary<R extends RunRecord = RunRecord> {
  runs: number;
  best: R | undefined;
}

export function practiceSummary<R extends RunRecord>(runs: readonly R[], dialogueId: string): PracticeSummary<R> {
  const mine = runs.filter((r) => r.dialogueId === dialogueId);
  const rank = (r: R) => scorePercent(r.score, r.maxScore);
  const best = mine.reduce<R | undefined>((top, r) => (!top || rank(r) > rank(top) || (rank(r) === rank(top) && r.at > top.at) ? r : top), undefined);
  return { runs: mine.length, best };
}
