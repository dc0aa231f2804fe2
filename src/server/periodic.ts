// A job the server does now and then in the background (queueing digests, reporting late items,
// sending the outbox): every `everyMs` from its start, one run at a time. A run asked for while one is
// under way is that run, and stopping waits for it. The timer never keeps the process alive.

export class Periodic<T> {
  readonly #run: () => Promise<T>;
  readonly #everyMs: number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<T> | undefined;

  /** `run` must not throw: it says what went wrong itself and returns. */
  constructor(run: () => Promise<T>, everyMs: number) {
    this.#run = run;
    this.#everyMs = everyMs;
  }

  /** Runs every `everyMs` until stopped; at once too, unless `runNow` is false. */
  start(runNow = true): void {
    if (runNow) void this.runDue();
    this.#timer ??= setInterval(() => void this.runDue(), this.#everyMs);
    this.#timer.unref();
  }

  /** Stops running, after the run under way. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** Runs the job now, or joins the run under way. */
  runDue(): Promise<T> {
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }
}
