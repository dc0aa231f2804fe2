import { batch, computed, createModel, signal } from '@preact/signals';
import { verdictProblem, type Verdict, type VerdictProblem } from '../domain/signoffs';

/** Where saving a verdict stands. */
export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; verdict: Verdict } | { kind: 'error'; problem: FormProblem | 'server'; message?: string };

/** What keeps the form from being sent. */
export type FormProblem = VerdictProblem | 'verdict-required';

/** Sends the form; answers with the server's error message, if any. */
export type SendVerdict = (form: FormData) => Promise<{ error?: { message: string } }>;

/**
 * What the form starts with: empty, or, when the server refused a form sent without JavaScript, what
 * was sent and why it was refused.
 */
export interface FormStart {
  verdict: Verdict | null;
  rating: number | null;
  comment: string;
  /** The refusal: a problem with a field, or the server's own message. */
  refusal: Extract<SaveState, { kind: 'error' }> | null;
}

/** The sign-off form's state, apart from its view: the verdict, rating and comment, and the save. */
export const SignoffFormModel = createModel((ratingAsked: boolean, start?: FormStart) => {
  const verdict = signal<Verdict | null>(start?.verdict ?? null);
  const rating = signal<number | null>(start?.rating ?? null);
  const comment = signal(start?.comment ?? '');
  const save = signal<SaveState>(start?.refusal ?? { kind: 'idle' });
  const problem = computed<FormProblem | null>(() =>
    verdict.value === null ? 'verdict-required' : verdictProblem({ verdict: verdict.value, rating: rating.value, comment: comment.value }, ratingAsked),
  );
  return {
    verdict,
    rating,
    comment,
    save,
    problem,
    /** "Needs work" must say why. */
    commentRequired: computed(() => verdict.value === 'needs-work'),
    /** Sending, or sent and about to show the page afresh: the button waits either way. */
    busy: computed(() => save.value.kind === 'saving' || save.value.kind === 'saved'),
    /** Checks the form, then sends it once; a problem is shown instead of sending. `onSaved` runs after a success. */
    async submit(form: FormData, send: SendVerdict, onSaved?: (verdict: Verdict) => void) {
      // What the form holds is the truth: a person may have chosen and typed before the island woke up.
      batch(() => {
        const chosenVerdict = form.get('verdict');
        verdict.value = chosenVerdict === 'passed' || chosenVerdict === 'needs-work' ? chosenVerdict : null;
        const chosenRating = Number(form.get('rating'));
        rating.value = form.has('rating') && Number.isInteger(chosenRating) ? chosenRating : null;
        comment.value = String(form.get('comment') ?? '');
      });
      const found = problem.value;
      if (found) {
        save.value = { kind: 'error', problem: found };
        return;
      }
      if (save.value.kind === 'saving' || save.value.kind === 'saved') return;
      const chosen = verdict.value!;
      save.value = { kind: 'saving' };
      const { error } = await send(form);
      save.value = error ? { kind: 'error', problem: 'server', message: error.message } : { kind: 'saved', verdict: chosen };
      if (!error) onSaved?.(chosen);
    },
  };
});
