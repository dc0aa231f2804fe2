import { useModel } from '@preact/signals';
import { actions } from 'astro:actions';
import type { TargetedSubmitEvent } from 'preact';
import type { Verdict } from '../domain/signoffs';
import { SignoffFormModel, type FormProblem } from './signoff-form-model';
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
export default function SignoffForm({ userId, checklistId, itemId, ratingAsked, formAction, savedUrl, idPrefix, labels }: Props) {
  const model = useModel(() => new SignoffFormModel(ratingAsked));
  const save = model.save.value;

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
      <fieldset class="signoff-form__choices">
        <legend>{labels.verdict}</legend>
        {VERDICTS.map((verdict) => (
          <label>
            <input type="radio" name="verdict" value={verdict} required onChange={() => (model.verdict.value = verdict)} /> {labels.verdicts[verdict]}
          </label>
        ))}
      </fieldset>
      {ratingAsked && (
        <fieldset class="signoff-form__choices">
          <legend>{labels.rating}</legend>
          {RATINGS.map((rating) => (
            <label>
              <input type="radio" name="rating" value={rating} required onChange={() => (model.rating.value = rating)} /> {rating}
            </label>
          ))}
        </fieldset>
      )}
      <div class="field">
        <label for={`${idPrefix}-comment`}>{labels.comment}</label>
        <textarea
          id={`${idPrefix}-comment`}
          name="comment"
          rows={3}
          maxLength={2000}
          required={model.commentRequired}
          aria-describedby={hint}
          onInput={(event) => (model.comment.value = event.currentTarget.value)}
        />
        <small id={hint}>{labels.commentHint}</small>
      </div>
      <div>
        <button class="button" type="submit" disabled={model.busy}>
          {model.busy.value ? labels.saving : labels.save}
        </button>
      </div>
      {save.kind === 'error' && (
        <p role="alert" class="notice notice--error">
          {save.problem === 'server' ? save.message || labels.failed : labels.problems[save.problem]}
        </p>
      )}
    </form>
  );
}
