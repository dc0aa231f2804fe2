import { randomUUID } from 'node:crypto';
import type { ScoredRun } from '../../domain/dialogue';
import type { DialogueRun } from '../store/data';
import type { Store } from '../store/store';
import type { AuditOf } from '../store/audit';
import * as clock from '../clock';

const newestFirst = (a: DialogueRun, b: DialogueRun) => b.at.localeCompare(a.at);

/**
 * Stores a run the server has scored. Returns the run and all of this person's runs of the
 * dialogue, so the page can show the new best and count without another read.
 */
export async function recordDialogueRun(
  store: Store,
  input: { userId: string; dialogueId: string; version: string; run: ScoredRun },
  audit?: AuditOf<{ run: DialogueRun; runs: DialogueRun[] }>,
): Promise<{ run: DialogueRun; runs: DialogueRun[] }> {
  return store.mutate((data) => {
    const run: DialogueRun = {
      id: randomUUID(),
      userId: input.userId,
      dialogueId: input.dialogueId,
      version: input.version,
      path: input.run.steps.map(({ node, choice }) => ({ node, choice })),
      end: input.run.end,
      ending: input.run.ending,
      score: input.run.score,
      maxScore: input.run.maxScore,
      at: clock.now().toISOString(),
    };
    data.dialogueRuns.push(run);
    return { run, runs: data.dialogueRuns.filter((r) => r.userId === input.userId && r.dialogueId === input.dialogueId) };
  }, audit);
}

/** One person's runs, newest first. */
export async function dialogueRunsOf(store: Store, userId: string): Promise<DialogueRun[]> {
  return (await store.read((data) => data.dialogueRuns.filter((r) => r.userId === userId))).sort(newestFirst);
}

/** Everyone's runs of one dialogue, newest first; callers show only the people they may see. */
export async function dialogueRunsFor(store: Store, dialogueId: string): Promise<DialogueRun[]> {
  return (await store.read((data) => data.dialogueRuns.filter((r) => r.dialogueId === dialogueId))).sort(newestFirst);
}
