import { actions } from 'astro:actions';
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';

export interface Props {
  docId: string;
  version: string;
  /** The form's action URL, so the same form works without JavaScript. */
  formAction: string;
  /** What the reader is asked: to confirm, or to read a new version again. It goes once confirmed. */
  prompt: string;
  labels: {
    button: string;
    saving: string;
    done: string;
    failed: string;
    /** Before the link to the next document to read. */
    next: string;
    /** When nothing is left to confirm, before the link to My path. */
    allDone: string;
    myPath: string;
    /** The header badge's label, with `{count}` for the number left. */
    badge: string;
  };
}

type Next = { href: string; title: string } | null;
type State = { kind: 'idle' } | { kind: 'saving' } | { kind: 'done'; next: Next } | { kind: 'error'; message: string };

/**
 * The header's count of documents to confirm (Base.astro), and every "read again" mark of this page,
 * brought up to date after a confirmation: the server-rendered page after the plain form shows the same.
 */
function showConfirmed(remaining: number, badgeLabel: string) {
  for (const badge of document.querySelectorAll<HTMLElement>('[data-path-count]')) {
    if (remaining === 0) {
      badge.remove();
      continue;
    }
    const label = badgeLabel.replace('{count}', String(remaining));
    badge.title = label;
    badge.querySelector('[aria-hidden="true"]')!.textContent = String(remaining);
    badge.querySelector('.visually-hidden')!.textContent = label;
  }
  for (const mark of document.querySelectorAll('[data-read-again]')) mark.remove();
}

/** "I have read it": posts the confirmation without leaving the page, or as a plain form without JavaScript. */
export default function AckButton({ docId, version, formAction, prompt, labels }: Props) {
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function submit(event: JSX.TargetedSubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setState({ kind: 'saving' });
    const { data, error } = await actions.acknowledgeDoc(new FormData(event.currentTarget));
    if (error || !data) {
      setState({ kind: 'error', message: error?.message || labels.failed });
      return;
    }
    showConfirmed(data.remaining, labels.badge);
    setState({ kind: 'done', next: data.next });
  }

  if (state.kind === 'done') {
    return (
      <>
        <p role="status" class="ack-done">✓ {labels.done}</p>
        {state.next ? (
          <p data-testid="ack-next">{labels.next} <a href={state.next.href}>{state.next.title}</a></p>
        ) : (
          <p data-testid="ack-next">{labels.allDone} <a href="/">{labels.myPath}</a></p>
        )}
      </>
    );
  }
  return (
    <>
      <p>{prompt}</p>
      <form method="post" action={formAction} onSubmit={submit}>
        <input type="hidden" name="docId" value={docId} />
        <input type="hidden" name="version" value={version} />
        <button class="button" type="submit" disabled={state.kind === 'saving'}>
          {state.kind === 'saving' ? labels.saving : labels.button}
        </button>
        {state.kind === 'error' && <p role="alert" class="notice notice--error">{state.message}</p>}
      </form>
    </>
  );
}
