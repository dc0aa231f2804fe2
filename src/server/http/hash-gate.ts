/** Too many password checks are waiting already: the request is answered 429 at once. */
export class GateFull extends Error {
  constructor() {
    super('Salesbook: too many password checks are waiting.');
  }
}

/**
 * Runs at most `running` password hashes at once and lets at most `waiting` more queue. scrypt runs
 * on Node's thread pool, which file reads and writes share: a flood of sign-ins left unbounded would
 * hold every thread and make pages wait for their session files.
 */
export class HashGate {
  readonly running: number;
  readonly waiting: number;
  #active = 0;
  #queue: (() => void)[] = [];

  constructor(running: number, waiting: number) {
    this.running = running;
    this.waiting = waiting;
  }

  /** Runs `task` when a place is free; throws GateFull when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.running) {
      if (this.#queue.length >= this.waiting) throw new GateFull();
      await new Promise<void>((resolve) => this.#queue.push(resolve));
    } else {
      this.#active++;
    }
    try {
      return await task();
    } finally {
      const next = this.#queue.shift();
      // The place passes straight to the next in line, so a newcomer cannot overtake the queue.
      if (next) next();
      else this.#active--;
    }
  }
}
