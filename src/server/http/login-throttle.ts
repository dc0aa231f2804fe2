import * as clock from '../clock';

/** Failed sign-ins per login: 10 within 15 minutes block that login for 15 minutes. Kept in memory. */
export class LoginThrottle {
  #failures = new Map<string, number[]>();
  #blockedUntil = new Map<string, number>();
  readonly limit: number;
  readonly windowMs: number;

  constructor(limit = 10, windowMs = 15 * 60_000) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Milliseconds until the login may try again; 0 when it may try now. */
  blockedFor(login: string, now = clock.nowMs()): number {
    const until = this.#blockedUntil.get(login.toLowerCase()) ?? 0;
    return Math.max(0, until - now);
  }

  recordFailure(login: string, now = clock.nowMs()): void {
    const key = login.toLowerCase();
    const recent = (this.#failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    recent.push(now);
    this.#failures.set(key, recent);
    if (recent.length >= this.limit) {
      this.#blockedUntil.set(key, now + this.windowMs);
      this.#failures.delete(key);
    }
    if (this.#failures.size > 10_000) this.#forgetOld(now);
  }

  recordSuccess(login: string): void {
    this.#failures.delete(login.toLowerCase());
  }

  #forgetOld(now: number) {
    for (const [key, times] of this.#failures) if (times.every((t) => now - t >= this.windowMs)) this.#failures.delete(key);
    for (const [key, until] of this.#blockedUntil) if (until <= now) this.#blockedUntil.delete(key);
  }
}
