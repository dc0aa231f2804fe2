import * as clock from '../clock';

/**
 * How sign-in attempts are held back. Failures are counted per login from one client address and
 * per address; a few are free, then each further one makes the next attempt wait twice as long, and
 * only many of them lock. A lock holds one login at one address, or one address: never a login
 * everywhere, so a stranger cannot lock a head out of the portal.
 */
export interface ThrottleRules {
  /** Failures older than this are forgotten; a lock lasts as long. */
  windowMs: number;
  /** One login from one address: failures without a wait, and the count that locks. */
  loginFree: number;
  loginLock: number;
  /** One address, whatever the logins: failures without a wait, and the count that locks. */
  addressFree: number;
  addressLock: number;
  /** The first wait, doubled with each further failure up to `maxWaitMs`. */
  firstWaitMs: number;
  maxWaitMs: number;
  /** Attempts one address may make before any password is hashed: a burst, then one per `attemptEveryMs`. */
  attemptBurst: number;
  attemptEveryMs: number;
}

export const DEFAULT_RULES: ThrottleRules = {
  windowMs: 15 * 60_000,
  loginFree: 3,
  loginLock: 10,
  addressFree: 10,
  addressLock: 25,
  firstWaitMs: 1_000,
  maxWaitMs: 60_000,
  attemptBurst: 60,
  attemptEveryMs: 1_000,
};

/** Why an attempt is refused before its password is checked, and for how long. */
export type Refusal = { kind: 'locked' | 'wait'; ms: number };

/** A lock that a failure has just started, for the audit log. */
export type LockStarted = { scope: 'login' | 'address'; ms: number };

/** Where a login stands, for the people pages: failures still counted, and a lock at any address. */
export interface LoginThrottleState {
  failures: number;
  lockedMs: number;
}

interface Failures {
  times: number[];
  lockedUntil: number;
}

/**
 * What changed a throttle's counts, told to the other servers on one database (pg-login-throttle.ts),
 * which apply it as their own: an admitted attempt, its outcome, a head's unlock.
 */
export type ThrottleEvent =
  | { kind: 'admit' | 'failure' | 'success' | 'withdraw'; login: string; address: string; now: number }
  | { kind: 'unlock'; login: string; now: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Sign-in failures and attempts, kept in memory: for one process, or for each of several servers on
 * one database, which tell each other what they counted (pg-login-throttle.ts).
 */
export class LoginThrottle {
  readonly rules: ThrottleRules;
  /** Keyed by address and login. */
  #pairs = new Map<string, Failures & { login: string }>();
  #addresses = new Map<string, Failures>();
  #buckets = new Map<string, Bucket>();

  /** Told of every change to the counts made here; never of those applied from elsewhere. */
  #onEvent: ((event: ThrottleEvent) => void) | undefined;

  constructor(rules: Partial<ThrottleRules> = {}, onEvent?: (event: ThrottleEvent) => void) {
    this.rules = { ...DEFAULT_RULES, ...rules };
    this.#onEvent = onEvent;
  }

  /** Applies what another server's throttle did, as it did it: an attempt it admitted counts here too. */
  apply(event: ThrottleEvent): void {
    if (event.kind === 'admit') {
      this.#takeAttempt(event.address, event.now);
      this.#count(this.#pairs, keyOf(event.address, event.login), event.now, { login: event.login.toLowerCase() });
      this.#count(this.#addresses, event.address, event.now, {});
    } else if (event.kind === 'failure') this.#recordFailure(event.login, event.address, event.now);
    else if (event.kind === 'success') this.#recordSuccess(event.login, event.address);
    else if (event.kind === 'withdraw') this.#withdraw(event.login, event.address);
    else this.#unlock(event.login, event.now);
  }

  /**
   * Whether `login` may try from `address` now. An admitted attempt counts as a failure until
   * `recordSuccess` says otherwise, so attempts sent at once are held back like attempts in a row.
   */
  admit(login: string, address: string, now = clock.nowMs()): Refusal | undefined {
    const pairKey = keyOf(address, login);
    const pair = this.#pairs.get(pairKey);
    const byAddress = this.#addresses.get(address);
    const refusal =
      this.#refusal(pair, this.rules.loginFree, now) ??
      this.#refusal(byAddress, this.rules.addressFree, now) ??
      this.#takeAttempt(address, now);
    if (refusal) return refusal;
    this.#count(this.#pairs, pairKey, now, { login: login.toLowerCase() });
    this.#count(this.#addresses, address, now, {});
    this.#onEvent?.({ kind: 'admit', login, address, now });
    if (this.#pairs.size + this.#addresses.size + this.#buckets.size > 30_000) this.#forgetOld(now);
    return undefined;
  }

  /**
   * Whether `address` may start a sign-in with the company's account now: the same per-address budget
   * as password attempts (a burst, then one a second), so that nobody fills the session folder.
   */
  admitStart(address: string, now = clock.nowMs()): Refusal | undefined {
    return this.#takeAttempt(address, now);
  }

  /** The admitted attempt failed: starts a lock when the count has reached one, and says which. */
  recordFailure(login: string, address: string, now = clock.nowMs()): LockStarted[] {
    this.#onEvent?.({ kind: 'failure', login, address, now });
    return this.#recordFailure(login, address, now);
  }

  #recordFailure(login: string, address: string, now: number): LockStarted[] {
    const started: LockStarted[] = [];
    const pair = this.#pairs.get(keyOf(address, login));
    if (pair && lockWhenDue(pair, this.rules.loginLock, this.rules.windowMs, now)) started.push({ scope: 'login', ms: this.rules.windowMs });
    const byAddress = this.#addresses.get(address);
    if (byAddress && lockWhenDue(byAddress, this.rules.addressLock, this.rules.windowMs, now)) started.push({ scope: 'address', ms: this.rules.windowMs });
    return started;
  }

  /** The admitted attempt succeeded: the login's failures at this address are forgiven, the address keeps its others. */
  recordSuccess(login: string, address: string): void {
    this.#onEvent?.({ kind: 'success', login, address, now: clock.nowMs() });
    this.#recordSuccess(login, address);
  }

  #recordSuccess(login: string, address: string): void {
    this.#pairs.delete(keyOf(address, login));
    this.#addresses.get(address)?.times.pop();
  }

  /** The admitted attempt was never checked (the server was too busy): it does not count. */
  withdraw(login: string, address: string): void {
    this.#onEvent?.({ kind: 'withdraw', login, address, now: clock.nowMs() });
    this.#withdraw(login, address);
  }

  #withdraw(login: string, address: string): void {
    this.#pairs.get(keyOf(address, login))?.times.pop();
    this.#addresses.get(address)?.times.pop();
  }

  /** A head lifts every wait and lock on a login, at every address; returns at how many addresses it had any. */
  unlock(login: string, now = clock.nowMs()): number {
    this.#onEvent?.({ kind: 'unlock', login, now });
    return this.#unlock(login, now);
  }

  #unlock(login: string, now: number): number {
    let held = 0;
    for (const [key, pair] of this.#pairs) {
      if (pair.login !== login.toLowerCase()) continue;
      if (pair.lockedUntil > now || pair.times.some((t) => now - t < this.rules.windowMs)) held++;
      this.#pairs.delete(key);
    }
    return held;
  }

  stateOf(login: string, now = clock.nowMs()): LoginThrottleState {
    let failures = 0;
    let lockedMs = 0;
    for (const pair of this.#pairs.values()) {
      if (pair.login !== login.toLowerCase()) continue;
      failures += pair.times.filter((t) => now - t < this.rules.windowMs).length;
      lockedMs = Math.max(lockedMs, pair.lockedUntil - now);
    }
    return { failures, lockedMs };
  }

  #refusal(entry: Failures | undefined, free: number, now: number): Refusal | undefined {
    if (!entry) return undefined;
    if (entry.lockedUntil > now) return { kind: 'locked', ms: entry.lockedUntil - now };
    const recent = entry.times.filter((t) => now - t < this.rules.windowMs);
    if (recent.length < free) return undefined;
    const wait = Math.min(this.rules.firstWaitMs * 2 ** (recent.length - free), this.rules.maxWaitMs);
    const until = recent.at(-1)! + wait;
    return until > now ? { kind: 'wait', ms: until - now } : undefined;
  }

  #takeAttempt(address: string, now: number): Refusal | undefined {
    const { attemptBurst, attemptEveryMs } = this.rules;
    const bucket = this.#buckets.get(address) ?? { tokens: attemptBurst, at: now };
    const tokens = Math.min(attemptBurst, bucket.tokens + Math.max(0, now - bucket.at) / attemptEveryMs);
    if (tokens < 1) return { kind: 'wait', ms: Math.ceil((1 - tokens) * attemptEveryMs) };
    this.#buckets.set(address, { tokens: tokens - 1, at: now });
    return undefined;
  }

  #count<T extends Failures>(map: Map<string, T>, key: string, now: number, extra: Omit<T, keyof Failures>) {
    const entry = map.get(key);
    const times = (entry?.times ?? []).filter((t) => now - t < this.rules.windowMs);
    times.push(now);
    map.set(key, { ...extra, lockedUntil: 0, ...entry, times } as T);
  }

  #forgetOld(now: number) {
    const stale = (entry: Failures) => entry.lockedUntil <= now && entry.times.every((t) => now - t >= this.rules.windowMs);
    for (const [key, entry] of this.#pairs) if (stale(entry)) this.#pairs.delete(key);
    for (const [key, entry] of this.#addresses) if (stale(entry)) this.#addresses.delete(key);
    for (const [key, bucket] of this.#buckets) if (now - bucket.at >= this.rules.attemptBurst * this.rules.attemptEveryMs) this.#buckets.delete(key);
  }
}

const keyOf = (address: string, login: string) => `${address} ${login.toLowerCase()}`;

/** Locks `entry` when its recent failures reached `limit`; the failures are then spent. */
function lockWhenDue(entry: Failures, limit: number, windowMs: number, now: number): boolean {
  if (entry.lockedUntil > now) return false;
  const recent = entry.times.filter((t) => now - t < windowMs);
  if (recent.length < limit) return false;
  entry.lockedUntil = now + windowMs;
  entry.times = [];
  return true;
}
