import { batch, computed, signal } from '@preact/signals';
import { parseNumberAnswer } from '../domain/quiz-grading';
import type { AttemptForBrowser, GradeForBrowser, StartForBrowser } from '../domain/quiz-presentation';
import type { BrowserStanding } from '../domain/quiz-rules';
import type { BrowserAnswer } from '../schemas/quiz-answer';

// The state of the quiz island, apart from its view: what the person sees and what they may do.
// The server decides everything that counts; this only keeps the screen in step with it.

/** An action's answer as Astro's client gives it. */
export type Outcome<T> = { data: T; error?: undefined } | { data?: undefined; error: { message: string; code?: string } };

/** The code of the server's refusal of a submission with unanswered questions that was not confirmed. */
export const UNANSWERED_CODE = 'PRECONDITION_REQUIRED';

/** The three calls the island makes; Astro actions in the browser, fakes in tests. */
export interface QuizApi {
  start(): Promise<Outcome<StartForBrowser>>;
  save(attemptId: string, answers: (BrowserAnswer | null)[]): Promise<Outcome<unknown>>;
  /** `confirmUnanswered`: the person saw how many questions have no answer and sends anyway. */
  submit(attemptId: string, answers: (BrowserAnswer | null)[], confirmUnanswered: boolean): Promise<Outcome<GradeForBrowser>>;
}

export interface QuizModelOptions {
  /** A monotonic clock in milliseconds. */
  now?: () => number;
  /** How long after the last change the answers are saved. */
  saveDelayMs?: number;
  /** The message when the server cannot be reached. */
  networkError?: string;
}

/** Seconds as a clock reads: 4:05, 1:02:03. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** An auto-submission starts this long before the server's deadline, so it arrives in time. */
const AUTO_SUBMIT_LEAD_S = 1;

export function createQuizModel(initial: { standing: BrowserStanding; attempt: AttemptForBrowser | null }, api: QuizApi, options: QuizModelOptions = {}) {
  const clock = options.now ?? (() => performance.now());
  const saveDelayMs = options.saveDelayMs ?? 800;
  const networkError = options.networkError ?? 'Network error';

  const standing = signal(initial.standing);
  const attempt = signal<AttemptForBrowser | null>(initial.attempt);
  const answers = signal<(BrowserAnswer | null)[]>(initial.attempt?.answers ?? []);
  const result = signal<GradeForBrowser | null>(null);
  const busy = signal<'start' | 'submit' | null>(null);
  const error = signal<string | null>(null);
  const saveFailed = signal(false);
  /** While the person is asked to confirm sending with questions unanswered: how many; null otherwise. */
  const confirming = signal<number | null>(null);
  /** False until the view is hydrated: controls rendered on the server stay disabled until they work. */
  const ready = signal(false);
  const now = signal(clock());
  const deadlineAt = signal(deadlineFrom(initial.attempt));
  const retryAt = signal(retryFrom(initial.standing));

  function deadlineFrom(open: AttemptForBrowser | null): number | null {
    return open?.secondsLeft == null ? null : clock() + open.secondsLeft * 1000;
  }
  function retryFrom(s: BrowserStanding): number | null {
    return s.secondsToRetry === null ? null : clock() + s.secondsToRetry * 1000;
  }

  const phase = computed(() => (attempt.value ? 'taking' : result.value ? 'result' : 'idle'));
  const secondsLeft = computed(() => (deadlineAt.value === null ? null : Math.max(0, Math.ceil((deadlineAt.value - now.value) / 1000))));
  const secondsToRetry = computed(() => (retryAt.value === null ? null : Math.max(0, Math.ceil((retryAt.value - now.value) / 1000))));
  const answeredCount = computed(() => answers.value.filter((a) => a !== null).length);
  const unansweredCount = computed(() => (attempt.value ? attempt.value.questions.length - answeredCount.value : 0));
  const invalidNumbers = computed(() =>
    answers.value.flatMap((a, i) => (a?.type === 'number' && parseNumberAnswer(a.text) === null ? [i] : [])),
  );
  const canSubmit = computed(() => phase.value === 'taking' && busy.value === null && invalidNumbers.value.length === 0 && ready.value);
  const canStart = computed(() => ready.value && busy.value === null && phase.value !== 'taking' && (standing.value.kind === 'available' || standing.value.kind === 'recheck'));

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const cancelSave = () => {
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = undefined;
  };

  async function call<T>(request: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    try {
      return await request();
    } catch {
      return { error: { message: networkError } };
    }
  }

  async function start() {
    if (!canStart.value) return;
    busy.value = 'start';
    error.value = null;
    const { data, error: failed } = await call(() => api.start());
    batch(() => {
      busy.value = null;
      if (failed) {
        error.value = failed.message;
        return;
      }
      result.value = null;
      attempt.value = data.attempt;
      answers.value = data.attempt.answers;
      deadlineAt.value = deadlineFrom(data.attempt);
      standing.value = data.standing;
      saveFailed.value = false;
      confirming.value = null;
    });
  }

  async function save() {
    saveTimer = undefined;
    const open = attempt.value;
    if (!open || busy.value === 'submit' || invalidNumbers.value.length > 0) return;
    const { error: failed } = await call(() => api.save(open.id, answers.value));
    saveFailed.value = Boolean(failed);
  }

  function setAnswer(index: number, answer: BrowserAnswer | null) {
    if (phase.value !== 'taking') return;
    const next = [...answers.value];
    next[index] = answer;
    answers.value = next;
    confirming.value = null;
    cancelSave();
    saveTimer = setTimeout(() => void save(), saveDelayMs);
  }

  /** The order the learner sees an order question in: their arrangement, or as shown. */
  function orderOf(index: number): number[] {
    const answer = answers.value[index];
    if (answer?.type === 'order') return answer.order;
    const question = attempt.value?.questions[index];
    return question?.type === 'order' ? question.items.map((_, i) => i) : [];
  }

  /**
   * Sends the answers for grading. With questions unanswered it first asks (`confirming`), unless
   * `confirmed` (the person said so, or the time ran out); the server asks the same of any client.
   */
  async function submit(confirmed = false) {
    const open = attempt.value;
    if (!open || busy.value !== null) return;
    if (!confirmed && unansweredCount.value > 0) {
      confirming.value = unansweredCount.value;
      return;
    }
    cancelSave();
    busy.value = 'submit';
    error.value = null;
    confirming.value = null;
    const { data, error: failed } = await call(() => api.submit(open.id, answers.value, confirmed));
    batch(() => {
      busy.value = null;
      if (failed?.code === UNANSWERED_CODE) {
        confirming.value = Math.max(1, unansweredCount.value);
        return;
      }
      if (failed) {
        error.value = failed.message;
        return;
      }
      result.value = data;
      attempt.value = null;
      deadlineAt.value = null;
      standing.value = data.standing;
      retryAt.value = retryFrom(data.standing);
    });
  }

  /** Called every second by the view: moves the clocks, submits when time is up, lifts a finished cooldown. */
  function tick() {
    now.value = clock();
    if (phase.value === 'taking' && secondsLeft.value !== null && secondsLeft.value <= AUTO_SUBMIT_LEAD_S && busy.value === null) {
      // Time is up: what is answered goes, without asking.
      void submit(true);
    }
    if (standing.value.kind === 'cooldown' && secondsToRetry.value === 0) {
      standing.value = { ...standing.value, kind: 'available', secondsToRetry: null };
      retryAt.value = null;
    }
  }

  return {
    standing,
    attempt,
    answers,
    result,
    busy,
    error,
    saveFailed,
    confirming,
    ready,
    phase,
    secondsLeft,
    secondsToRetry,
    answeredCount,
    unansweredCount,
    invalidNumbers,
    canSubmit,
    canStart,
    start,
    submit,
    /** Sends with the unanswered questions as they are, after the person confirmed it. */
    confirmSubmit: () => submit(true),
    /** Back to the questions without sending. */
    cancelConfirm: () => {
      confirming.value = null;
    },
    tick,
    orderOf,
    choose: (index: number, choice: number) => setAnswer(index, { type: 'single', choice }),
    toggle(index: number, choice: number) {
      const current = answers.value[index];
      const chosen = new Set(current?.type === 'multiple' ? current.choices : []);
      if (chosen.has(choice)) chosen.delete(choice);
      else chosen.add(choice);
      setAnswer(index, chosen.size ? { type: 'multiple', choices: [...chosen].sort((a, b) => a - b) } : null);
    },
    setTruth: (index: number, value: boolean) => setAnswer(index, { type: 'truefalse', value }),
    /** Moves the item at `position` one place up (-1) or down (+1). */
    move(index: number, position: number, delta: -1 | 1) {
      const order = [...orderOf(index)];
      const target = position + delta;
      if (target < 0 || target >= order.length) return;
      [order[position], order[target]] = [order[target]!, order[position]!];
      setAnswer(index, { type: 'order', order });
    },
    setNumber: (index: number, text: string) => setAnswer(index, text.trim() === '' ? null : { type: 'number', text }),
  };
}

export type QuizModel = ReturnType<typeof createQuizModel>;
