import { useModel } from '@preact/signals';
import { actions } from 'astro:actions';
import type { TargetedSubmitEvent } from 'preact';
import type { Verdict } from '../domain/signoffs';
import { SignoffFormModel, type FormProblem, type FormStart } from './signoff-form-model';
import { useHydrated } from './use-hydrated';
import './SignoffForm.css';

export interface Props {
  /** The person judged. */
  userId: string;
  checklistId: string;
  itemId: string;
  /** Whether the checklist asks for a 1–5 rating. */
  ratingAsked: boolean;
  /** The form's action URL, so the same form works without JavaScript. */
  formAction: string;
  /** Where to go once the verdict is kept: the page afresh, showing the item's new state and history. */
  savedUrl: string;
  /** Unique per page, for the fields' ids. */
  idPrefix: string;
  /** What the form holds when the server refused it (sent without JavaScript); empty otherwise. */
  start?: FormStart;
  labels: {
    verdict: string;
    verdicts: Record<Verdict, string>;
    rating: string;
    comment: string;
    commentHint: string;
    save: string;
    saving: string;
    failed: string;
    problems: Record<FormProblem, string>;
  };
}

const VERDICTS: Verdict[] = ['passed', 'needs-work'];
const RATINGS = [1, 2, 3, 4, 5];

/**
 * A mentor's verdict on one skill. With JavaScript it is checked and sent without leaving the page, so a
 * refusal keeps what was typed; once kept, the page is shown afresh. Without JavaScript it is a plain form.
 */
export default function SignoffForm({ userId, checklistId, itemId, ratingAsked, formAction, savedUrl, idPrefix, labels, start }: Props) {
  const model = useModel(() => new SignoffFormModel(ratingAsked, start));
  const save = model.save.value;
  // Without JavaScript nothing would lift `required` when the verdict changes: only the island sets it.
  const hydrated = useHydrated();
  // A problem is said next to the field it is about; the server's other refusals below the button.
  const problem = save.kind === 'error' && save.problem !== 'server' ? save.problem : null;
  const errorId = (field: string) => `${idPrefix}-${field}-error`;
  const fieldError = (field: string, which: FormProblem) =>
    problem === which && (
      <p role="alert" class="field-error" id={errorId(field)}>
        {labels.problems[which]}
      </p>
    );

  function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    void model.submit(new FormData(event.currentTarget), (form) => actions.decideSignoff(form), () => window.location.assign(savedUrl));
  }

  const hint = `${idPrefix}-hint`;
  return (
    <form class="signoff-form" method="post" action={formAction} onSubmit={submit}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="checklistId" value={checklistId} />
      <input type="hidden" name="itemId" value={itemId} />
      <fieldset class="signoff-form__choices" aria-describedby={problem === 'verdict-required' ? errorId('verdict') : undefined}>
        <legend>{labels.verdict}</legend>
        {VERDICTS.map((verdict) => (
          <label>
            <input type="radio" name="verdict" value={verdict} required checked={model.verdict.value === verdict} onChange={() => (model.verdict.value = verdict)} /> {labels.verdicts[verdict]}
          </label>
        ))}
        {fieldError('verdict', 'verdict-required')}
      </fieldset>
      {ratingAsked && (
        <fieldset class="signoff-form__choices" aria-describedby={problem === 'rating-required' ? errorId('rating') : undefined}>
          <legend>{labels.rating}</legend>
          {RATINGS.map((rating) => (
            <label>
              <input type="radio" name="rating" value={rating} required checked={model.rating.value === rating} onChange={() => (model.rating.value = rating)} /> {rating}
            </label>
          ))}
          {fieldError('rating', 'rating-required')}
        </fieldset>
      )}
      <div class="field">
        <label for={`${idPrefix}-comment`}>{labels.comment}</label>
        <textarea
          id={`${idPrefix}-comment`}
          name="comment"
          rows={3}
          maxLength={2000}
          required={hydrated && model.commentRequired.value}
          aria-invalid={problem === 'comment-required' ? 'true' : undefined}
          aria-describedby={problem === 'comment-required' ? `${errorId('comment')} ${hint}` : hint}
          value={model.comment.value}
          onInput={(event) => (model.comment.value = event.currentTarget.value)}
        />
        <small id={hint}>{labels.commentHint}</small>
        {fieldError('comment', 'comment-required')}
      </div>
      <div>
        <button class="button" type="submit" disabled={model.busy}>
          {model.busy.value ? labels.saving : labels.save}
        </button>
      </div>
      {save.kind === 'error' && save.problem === 'server' && (
        <p role="alert" class="notice notice--error">
          {save.message || labels.failed}
        </p>
      )}
    </form>
  );
}
