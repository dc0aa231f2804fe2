import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/server/http/login-throttle';
import { HashGate, GateFull } from '../../src/server/http/hash-gate';
import { clientAddressOf, normalizeAddress } from '../../src/server/http/client-address';

const START = Date.UTC(2026, 10, 27, 9);
const A = '203.0.113.7';
const B = '198.51.100.20';

/** An attempt that is admitted and fails; returns the locks it started. */
function fail(throttle: LoginThrottle, login: string, address: string, at: number) {
  expect(throttle.admit(login, address, at), `${login} from ${address} at +${at - START} ms`).toBeUndefined();
  return throttle.recordFailure(login, address, at);
}

describe('sign-in throttle', () => {
  it('gives a login 3 free failures from one address, then waits that double, then a 15-minute lock at 10', () => {
    const throttle = new LoginThrottle();
    let at = START;
    for (let i = 0; i < 3; i++) fail(throttle, 'trainee1', A, at);
    expect(throttle.admit('trainee1', A, at)).toEqual({ kind: 'wait', ms: 1_000 });
    const waits: number[] = [];
    for (let n = 3; n < 9; n++) {
      at += 1_000 * 2 ** (n - 3);
      expect(fail(throttle, 'Trainee1', A, at)).toEqual([]);
      waits.push(throttle.admit('trainee1', A, at)!.ms);
    }
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000]);
    at += 60_000;
    expect(fail(throttle, 'trainee1', A, at)).toEqual([{ scope: 'login', ms: 15 * 60_000 }]);
    expect(throttle.admit('trainee1', A, at + 60_000)).toEqual({ kind: 'locked', ms: 14 * 60_000 });
    expect(throttle.admit('trainee1', A, at + 15 * 60_000)).toBeUndefined();
  });

  it('holds back only the failing address: the same login from another address, and other logins, go on', () => {
    const throttle = new LoginThrottle({ loginFree: 1, loginLock: 2, firstWaitMs: 0 });
    fail(throttle, 'head', A, START);
    expect(fail(throttle, 'head', A, START + 1)).toEqual([{ scope: 'login', ms: 15 * 60_000 }]);
    expect(throttle.admit('head', A, START + 2)?.kind).toBe('locked');
    expect(throttle.admit('head', B, START + 2)).toBeUndefined();
    expect(throttle.admit('mentor1', A, START + 2)).toBeUndefined();
  });

  it('one address trying many logins waits after 10 failures and is locked at 25, whatever the logins; other addresses are not', () => {
    const throttle = new LoginThrottle();
    let at = START;
    for (let i = 0; i < 10; i++) fail(throttle, `made-up-${i}`, A, at);
    expect(throttle.admit('head', A, at)).toEqual({ kind: 'wait', ms: 1_000 });
    at += 1_000;
    fail(throttle, 'made-up-10', A, at);
    expect(throttle.admit('head', A, at)).toEqual({ kind: 'wait', ms: 2_000 });
    expect(throttle.admit('head', B, at)).toBeUndefined();
    const fast = new LoginThrottle({ firstWaitMs: 0 });
    for (let i = 0; i < 24; i++) fail(fast, `made-up-${i}`, A, START + i);
    expect(fail(fast, 'made-up-24', A, START + 24)).toEqual([{ scope: 'address', ms: 15 * 60_000 }]);
    expect(fast.admit('head', A, START + 25)?.kind).toBe('locked');
    expect(fast.admit('head', B, START + 25)).toBeUndefined();
  });

  it('an address that waits out every wait still reaches its lock within the window', () => {
    const throttle = new LoginThrottle();
    let at = START;
    for (let i = 0; ; i++) {
      const refusal = throttle.admit(`made-up-${i}`, A, at);
      if (refusal) {
        expect(refusal.kind).toBe('wait');
        at += refusal.ms;
        continue;
      }
      if (throttle.recordFailure(`made-up-${i}`, A, at).some((lock) => lock.scope === 'address')) break;
    }
    expect(at - START).toBeLessThan(15 * 60_000);
    expect(throttle.admit('head', A, at + 1)?.kind).toBe('locked');
  });

  it('counts attempts sent at once before their passwords are checked', () => {
    const throttle = new LoginThrottle();
    const admitted = Array.from({ length: 10 }, () => throttle.admit('trainee1', A, START)).filter((r) => r === undefined);
    expect(admitted).toHaveLength(3);
  });

  it('a success forgives the login at that address, not the address’s other failures', () => {
    const throttle = new LoginThrottle({ addressFree: 3 });
    fail(throttle, 'x', A, START);
    fail(throttle, 'y', A, START);
    fail(throttle, 'trainee1', A, START);
    expect(throttle.admit('trainee1', A, START + 60_000)).toBeUndefined();
    throttle.recordSuccess('trainee1', A);
    expect(throttle.stateOf('trainee1', START + 60_000)).toEqual({ failures: 0, lockedMs: 0 });
    expect(throttle.admit('z', A, START + 60_000)).toBeUndefined();
    // Three failures before and z's own attempt: the address waits its second step.
    expect(throttle.admit('z', A, START + 60_000)).toEqual({ kind: 'wait', ms: 2_000 });
  });

  it('an attempt withdrawn (never checked) does not count', () => {
    const throttle = new LoginThrottle({ loginFree: 1 });
    expect(throttle.admit('a', A, START)).toBeUndefined();
    throttle.withdraw('a', A);
    expect(throttle.admit('a', A, START)).toBeUndefined();
  });

  it('limits attempts per address before hashing, successes included: a burst, then one a second', () => {
    const throttle = new LoginThrottle({ attemptBurst: 5, attemptEveryMs: 1_000 });
    for (let i = 0; i < 5; i++) {
      expect(throttle.admit(`p${i}`, A, START)).toBeUndefined();
      throttle.recordSuccess(`p${i}`, A);
    }
    expect(throttle.admit('p5', A, START)).toEqual({ kind: 'wait', ms: 1_000 });
    expect(throttle.admit('p5', B, START)).toBeUndefined();
    expect(throttle.admit('p5', A, START + 1_000)).toBeUndefined();
  });

  it('starts of a sign-in with the company account share the address’s budget of attempts', () => {
    const throttle = new LoginThrottle({ attemptBurst: 3, attemptEveryMs: 1_000 });
    expect(throttle.admit('p0', A, START)).toBeUndefined();
    expect(throttle.admitStart(A, START)).toBeUndefined();
    expect(throttle.admitStart(A, START)).toBeUndefined();
    expect(throttle.admitStart(A, START)).toEqual({ kind: 'wait', ms: 1_000 });
    expect(throttle.admitStart(B, START)).toBeUndefined();
    expect(throttle.admitStart(A, START + 1_000)).toBeUndefined();
  });

  it('a head lifts a login’s waits and locks at every address; the state says what there was', () => {
    const throttle = new LoginThrottle({ loginFree: 1, loginLock: 2, firstWaitMs: 0 });
    fail(throttle, 'trainee2', A, START);
    fail(throttle, 'trainee2', A, START);
    fail(throttle, 'trainee2', B, START);
    expect(throttle.stateOf('trainee2', START + 60_000)).toEqual({ failures: 1, lockedMs: 14 * 60_000 });
    expect(throttle.unlock('TRAINEE2', START + 60_000)).toBe(2);
    expect(throttle.stateOf('trainee2', START + 60_000)).toEqual({ failures: 0, lockedMs: 0 });
    expect(throttle.admit('trainee2', A, START + 60_000)).toBeUndefined();
  });
});

describe('client address', () => {
  const headers = new Headers({ 'x-forwarded-for': '10.9.9.9, 192.0.2.44' });

  it('is the socket’s unless a proxy is trusted, then the entry that proxy added (the last)', () => {
    expect(clientAddressOf(headers, '127.0.0.1', false)).toBe('127.0.0.1');
    expect(clientAddressOf(headers, '127.0.0.1', true)).toBe('192.0.2.44');
    expect(clientAddressOf(new Headers(), '127.0.0.1', true)).toBe('127.0.0.1');
  });

  it('counts IPv6 by /64 and a mapped IPv4 address as itself', () => {
    expect(normalizeAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeAddress('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(normalizeAddress('2001:DB8:0000:0001:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64');
    expect(normalizeAddress('::1')).toBe('0:0:0:0::/64');
  });
});

describe('hash gate', () => {
  it('runs at most so many at once, queues so many more and refuses the rest at once, in order', async () => {
    const gate = new HashGate(1, 2);
    const order: number[] = [];
    let release!: () => void;
    const first = gate.run(() => new Promise<void>((resolve) => (release = resolve)).then(() => order.push(1)));
    const second = gate.run(async () => order.push(2));
    const third = gate.run(async () => order.push(3));
    await expect(gate.run(async () => order.push(4))).rejects.toBeInstanceOf(GateFull);
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second, third]);
    expect(order).toEqual([1, 2, 3]);
    await expect(gate.run(async () => 'free again')).resolves.toBe('free again');
  });
});
