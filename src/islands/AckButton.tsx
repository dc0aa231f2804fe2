import { actions } from 'astro:actions';
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';

export interface Props {
  docId: string;
  version: string;
  /** The form's action URL, so the same form works without JavaScript. */
  formAction: string;
  labels: { button: string; saving: string; done: string; failed: string };
}

type State = { kind: 'idle' } | { kind: 'saving' } | { kind: 'done' } | { kind: 'error'; message: string };

/** "I have read it": posts the confirmation without leaving the page, or as a plain form without JavaScript. */
export default function AckButton({ docId, version, formAction, labels }: Props) {
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function submit(event: JSX.TargetedSubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setState({ kind: 'saving' });
    const { error } = await actions.acknowledgeDoc(new FormData(event.currentTarget));
    setState(error ? { kind: 'error', message: error.message || labels.failed } : { kind: 'done' });
  }

  if (state.kind === 'done') {
    return <p role="status" class="ack-done">✓ {labels.done}</p>;
  }
  return (
    <form method="post" action={formAction} onSubmit={submit}>
      <input type="hidden" name="docId" value={docId} />
      <input type="hidden" name="version" value={version} />
      <button class="button" type="submit" disabled={state.kind === 'saving'}>
        {state.kind === 'saving' ? labels.saving : labels.button}
      </button>
      {state.kind === 'error' && <p role="alert" class="notice notice--error">{state.message}</p>}
    </form>
  );
}
