import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/server/http/login-throttle';

describe('sign-in throttle', () => {
  it('blocks a login after 10 failures within 15 minutes, for 15 minutes, without touching other logins', () => {
    const throttle = new LoginThrottle();
    const start = Date.UTC(2026, 10, 27, 9);
    for (let i = 0; i < 9; i++) throttle.recordFailure('Trainee1', start + i * 60_000);
    expect(throttle.blockedFor('trainee1', start + 9 * 60_000)).toBe(0);
    throttle.recordFailure('trainee1', start + 9 * 60_000);
    expect(throttle.blockedFor('trainee1', start + 9 * 60_000)).toBe(15 * 60_000);
    expect(throttle.blockedFor('trainee2', start + 9 * 60_000)).toBe(0);
    expect(throttle.blockedFor('trainee1', start + 24 * 60_000 - 1)).toBe(1);
    expect(throttle.blockedFor('trainee1', start + 24 * 60_000)).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const throttle = new LoginThrottle();
    const start = 0;
    for (let i = 0; i < 9; i++) throttle.recordFailure('a', start);
    throttle.recordFailure('a', start + 15 * 60_000);
    expect(throttle.blockedFor('a', start + 15 * 60_000)).toBe(0);
  });

  it('a success clears the count', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 9; i++) throttle.recordFailure('a', 1000);
    throttle.recordSuccess('a');
    throttle.recordFailure('a', 2000);
    expect(throttle.blockedFor('a', 2000)).toBe(0);
  });
});
