import { batch, computed, createModel, effect, signal } from '@preact/signals';

/** How the last preview request ended. A refused or unavailable preview leaves the last good one showing, stale. */
export type PreviewState =
  | { kind: 'idle' }
  | { kind: 'shown' }
  /** The server could not render the body: its message says why. */
  | { kind: 'refused'; message: string }
  /** No answer, or one that is not a preview. */
  | { kind: 'unavailable' };

/** What the editor's state needs of the page. */
export interface PreviewPort {
  /** The form's fields, with the body as it stands. */
  readForm(): FormData;
  /** POSTs the form for a preview. */
  send(form: FormData, signal: AbortSignal): Promise<Response>;
  /** Puts the preview's HTML on the page. */
  show(html: string): void;
}

/** How long typing must pause before the preview is refreshed. */
export const PREVIEW_DELAY_MS = 800;

/** The body editor's state apart from CodeMirror: the body against the saved one, and the preview. */
export const EditorModel = createModel((port: PreviewPort, delayMs: number = PREVIEW_DELAY_MS) => {
  const saved = signal('');
  const body = signal('');
  const preview = signal<PreviewState>({ kind: 'idle' });
  const loading = signal(false);
  /** Why the form was not sent, when the browser's check refused the body. */
  const problem = signal<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;

  async function refresh() {
    clearTimeout(timer);
    inFlight?.abort();
    const mine = new AbortController();
    inFlight = mine;
    loading.value = true;
    let next: PreviewState;
    try {
      const response = await port.send(port.readForm(), mine.signal);
      // A redirect is the sign-in page, not a preview.
      if (response.status === 200 && !response.redirected) {
        const html = await response.text();
        if (mine.signal.aborted) return;
        port.show(html);
        next = { kind: 'shown' };
      } else {
        const message = response.status === 400 ? await messageOf(response) : null;
        next = message ? { kind: 'refused', message } : { kind: 'unavailable' };
      }
    } catch {
      next = { kind: 'unavailable' };
    }
    if (mine.signal.aborted) return;
    inFlight = undefined;
    batch(() => {
      loading.value = false;
      preview.value = next;
    });
  }

  // Disposing the model (the island unmounting) stops a pending or running refresh.
  effect(() => () => {
    clearTimeout(timer);
    inFlight?.abort();
  });

  return {
    body,
    preview,
    /** A preview request is running. */
    loading,
    problem,
    /** The body differs from the one last saved. */
    dirty: computed(() => body.value !== saved.value),
    /** The last preview shown no longer matches the body. */
    stale: computed(() => preview.value.kind === 'refused' || preview.value.kind === 'unavailable'),
    /** Starts from the body as saved and the body as it stands (a person may have typed before the island woke up). */
    load(savedBody: string, currentBody: string) {
      saved.value = savedBody;
      body.value = currentBody;
    },
    /** The body changed: a refresh follows once typing pauses. */
    edited(text: string) {
      body.value = text;
      problem.value = null;
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), delayMs);
    },
    /** Refreshes the preview now; a request still running is abandoned. */
    refresh,
  };
});

async function messageOf(response: Response): Promise<string | null> {
  try {
    const answer: unknown = await response.json();
    const message = answer && typeof answer === 'object' && 'message' in answer ? answer.message : null;
    return typeof message === 'string' && message.trim() !== '' ? message : null;
  } catch {
    return null;
  }
}

/** Lowercase, `ё` read as `е`, runs of spaces as one: how titles are matched against what is typed. */
function folded(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** The documents whose title or id holds every word typed, in their order. */
export function filterLinks<T extends { id: string; title: string }>(links: readonly T[], query: string): T[] {
  const words = folded(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...links];
  return links.filter((link) => {
    const haystack = `${folded(link.title)} ${link.id.toLowerCase()}`;
    return words.every((word) => haystack.includes(word));
  });
}
