import type { CrmFailure } from '../../domain/crm';

// Requests to a CRM's REST API with Node's fetch: at the CRM's pace, each with a timeout, tried again
// after a wait when the CRM says too many requests came, and never an address or a token in an error.
// A Bitrix24 webhook's address holds its secret, so every text that leaves here is masked.

/** How a connector treats its CRM. */
export interface Pace {
  /** The least time between the starts of two requests. */
  intervalMs: number;
  /** The waits before each try again after a rate-limit answer: as many tries again as waits. */
  backoffMs: readonly number[];
  /** The longest a request may take. */
  timeoutMs: number;
}

/** A request to a CRM that did not give an answer to use. The message is for the log; pages say it from `failure` and `detail`. */
export class CrmError extends Error {
  constructor(
    readonly failure: CrmFailure,
    /** What went wrong in the CRM's or the network's own words, masked and short. */
    readonly detail: string,
    crm: string,
  ) {
    super(`${crm}: ${SENTENCES[failure]} (${detail})`);
  }
}

const SENTENCES: Record<CrmFailure, string> = {
  unreachable: 'could not be reached',
  timeout: 'did not answer in time',
  refused: 'refused the credentials',
  rateLimited: 'kept answering that too many requests came',
  answer: 'gave an answer Salesbook cannot use',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class CrmRequests {
  readonly #name: string;
  readonly #pace: Pace;
  readonly #secrets: string[];
  #next = 0;

  /** `secrets`: every text that must never appear in an error (the webhook's address and its key, a token). */
  constructor(name: string, pace: Pace, secrets: readonly string[]) {
    this.#name = name;
    this.#pace = pace;
    // The longest first, so that a secret inside another is masked with it.
    this.#secrets = secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  }

  /** `text` with every secret replaced by "***", cut to 300 characters. */
  mask(text: string): string {
    let masked = text;
    for (const secret of this.#secrets) masked = masked.split(secret).join('***');
    return masked.slice(0, 300);
  }

  /** An error about this CRM, with its detail masked. */
  error(failure: CrmFailure, detail: string): CrmError {
    return new CrmError(failure, this.mask(detail), this.#name);
  }

  /**
   * Waits for this request's turn: at least `intervalMs` after the last request started and after its
   * answer came, so that requests reach the CRM that far apart however long the network takes.
   */
  async #turn(): Promise<void> {
    const now = Date.now();
    const start = Math.max(now, this.#next);
    this.#next = start + this.#pace.intervalMs;
    if (start > now) await sleep(start - now);
  }

  #answered(): void {
    this.#next = Math.max(this.#next, Date.now() + this.#pace.intervalMs);
  }

  /**
   * Sends a request and reads its JSON answer (undefined for an empty one), trying again after a wait
   * while `rateLimited` says the CRM refused it for coming too fast. Any other status is the caller's to read.
   */
  async send(url: string, init: RequestInit, rateLimited: (status: number, body: unknown) => boolean): Promise<{ status: number; body: unknown }> {
    for (let attempt = 0; ; attempt++) {
      await this.#turn();
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.#pace.timeoutMs) });
        text = await response.text();
      } catch (error) {
        this.#answered();
        if ((error as Error).name === 'TimeoutError') throw this.error('timeout', `${this.#pace.timeoutMs / 1000} s`);
        // The cause says what failed (ECONNREFUSED, ENOTFOUND) without the address, which holds a secret.
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw this.error('unreachable', cause?.code ?? cause?.message ?? (error as Error).name);
      }
      this.#answered();
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        throw this.error('answer', `HTTP ${response.status}, not JSON`);
      }
      if (!rateLimited(response.status, body)) return { status: response.status, body };
      const wait = this.#pace.backoffMs[attempt];
      if (wait === undefined) throw this.error('rateLimited', `HTTP ${response.status} after ${attempt + 1} tries`);
      // A CRM that says how long to wait is waited for, up to a minute.
      const asked = Number(response.headers.get('retry-after'));
      await sleep(Math.max(wait, Number.isFinite(asked) ? Math.min(asked, 60) * 1000 : 0));
    }
  }
}
