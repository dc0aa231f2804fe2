import { batch, computed, signal } from '@preact/signals';
import { scoreRun, type PathStep, type PracticeDialogue } from '../domain/dialogue';

/** A person's practice of the dialogue as the page knows it: number of runs and the best one. */
export interface PracticeStats {
  runs: number;
  best: { score: number; maxScore: number } | undefined;
}

/** Sends a finished path to the server; the server scores it again and answers with the new stats. */
export type SaveRun = (path: PathStep[]) => Promise<{ ok: true; stats: PracticeStats } | { ok: false; message: string }>;

export type Phase = 'intro' | 'answering' | 'feedback' | 'done';
export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

/**
 * The trainer's state: where the person is in the dialogue and what they answered. The whole
 * dialogue is in the page, so a step needs no request; only the finished run is sent.
 */
export function createTrainer(dialogue: PracticeDialogue, save: SaveRun, initial: PracticeStats) {
  const phase = signal<Phase>('intro');
  const path = signal<PathStep[]>([]);
  const saveState = signal<SaveState>({ kind: 'idle' });
  const stats = signal<PracticeStats>(initial);

  /** The node reached after the answers so far. */
  const at = computed(() => {
    const last = path.value.at(-1);
    return last ? dialogue.nodes[last.node]!.options![last.choice]!.next : dialogue.start;
  });
  const node = computed(() => dialogue.nodes[at.value]!);
  /** The answers so far with the client's line each answered. */
  const transcript = computed(() =>
    path.value.map((step) => {
      const asked = dialogue.nodes[step.node]!;
      const options = asked.options!;
      const best = options.reduce((top, o) => Math.max(top, o.score), 0);
      return { ...step, client: asked.client, option: options[step.choice]!, best };
    }),
  );
  const run = computed(() => {
    if (phase.value !== 'done') return undefined;
    const result = scoreRun(dialogue, path.value);
    return result.ok ? result.run : undefined;
  });

  /** The saving of the run just finished, started by its last answer. */
  let saving: Promise<void> | undefined;

  async function persist() {
    const answers = path.value;
    saveState.value = { kind: 'saving' };
    const result = await save(answers);
    batch(() => {
      if (result.ok) {
        stats.value = result.stats;
        saveState.value = { kind: 'saved' };
      } else {
        saveState.value = { kind: 'failed', message: result.message };
      }
    });
  }

  return {
    phase,
    path,
    at,
    node,
    transcript,
    run,
    saveState,
    stats,
    start() {
      saving = undefined;
      batch(() => {
        path.value = [];
        saveState.value = { kind: 'idle' };
        phase.value = 'answering';
      });
    },
    /** Picks option `index` (0-based) at the current step; false when there is no such option now. */
    choose(index: number): boolean {
      const options = node.value.options;
      if (phase.value !== 'answering' || !options || !options[index]) return false;
      batch(() => {
        path.value = [...path.value, { node: at.value, choice: index }];
        phase.value = 'feedback';
      });
      // The last answer ends the conversation: the run is saved now, whether or not the person goes
      // on to see the ending.
      if (!node.value.options) saving = persist();
      return true;
    },
    /** After the feedback: the next step, or the ending (the run is saved by then, or being saved). */
    next(): Promise<void> | undefined {
      if (phase.value !== 'feedback') return undefined;
      if (node.value.options) {
        phase.value = 'answering';
        return undefined;
      }
      phase.value = 'done';
      return (saving ??= persist());
    },
    /** Tries to save the finished run again after a failure. */
    retry(): Promise<void> | undefined {
      if (phase.value !== 'done' || saveState.value.kind !== 'failed') return undefined;
      return (saving = persist());
    },
  };
}

export type Trainer = ReturnType<typeof createTrainer>;
