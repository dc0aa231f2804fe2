import { describe, expect, it } from 'vitest';
import { canonicalPath, homeLanding, isPageNavigation, MY_PATH_HREF, safeNext } from '../../src/domain/paths';
import { matchRoute } from '../../src/domain/routes';

describe('canonical paths', () => {
  it.each([
    ['/docs/', '/docs'],
    ['/%64ocs/', '/docs'],
    ['/%2564ocs/', '/docs'],
    ['/%25252564ocs', '/docs'],
    ['//docs//lead-handling/', '/docs/lead-handling'],
    ['/docs%2Flead-handling', '/docs/lead-handling'],
    ['/%6C%6F%67%69%6E', '/login'],
    ['/', '/'],
  ])('%s is %s', (raw, expected) => {
    expect(canonicalPath(raw)).toBe(expected);
  });

  it.each(['/login/../docs', '/%2e%2e/data', '/docs/%E0%A4%A', '/a\\..\\b'])('%s is refused', (raw) => {
    expect(canonicalPath(raw)).toBeNull();
  });

  // A line break in a path could start a forged line wherever the path is printed.
  it.each(['/docs/x%0D%0ASalesbook: forged', '/docs/x%0A', '/docs/%00', '/docs/a%09b', '/docs/%7F', '/docs/%C2%85', '/docs/x%250D%250A', '/docs/x\r\nforged', '/docs/\u001b[31m', '/docs/\u2028'])(
    '%s, with a control character, is refused',
    (raw) => {
      expect(canonicalPath(raw)).toBeNull();
    },
  );

  it('an encoded public path does not open anything but itself', () => {
    expect(canonicalPath('/login%2F..%2Fdocs')).toBeNull();
    expect(matchRoute(canonicalPath('/login%2Fdocs')!)?.route.access.kind).not.toBe('public');
    expect(matchRoute(canonicalPath('/%6Cogin')!)?.route.pattern).toBe('/login');
  });
});

describe('where to go after signing in', () => {
  it.each([
    ['/docs/crm-entry/?tab=1#x', '/docs/crm-entry/?tab=1#x'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/login', '/'],
    ['', '/'],
    [null, '/'],
  ])('%s → %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe('page navigations', () => {
  it('redirects people opening pages, answers 401 to anything else', () => {
    expect(isPageNavigation('GET', '/docs/crm-entry')).toBe(true);
    expect(isPageNavigation('POST', '/docs/crm-entry')).toBe(false);
    expect(isPageNavigation('GET', '/_actions/acknowledgeDoc')).toBe(false);
    expect(isPageNavigation('GET', '/data/salesbook.json')).toBe(false);
  });

  it('treats the whole search bundle as files, folders included: 401, never a sign-in redirect', () => {
    expect(isPageNavigation('GET', '/pagefind/staff/pagefind.js')).toBe(false);
    expect(isPageNavigation('GET', '/pagefind/heads/fragment')).toBe(false);
    expect(isPageNavigation('GET', '/pagefind')).toBe(false);
    expect(isPageNavigation('GET', '/search')).toBe(true);
    expect(isPageNavigation('GET', '/pagefinder')).toBe(true);
  });
});

describe('where opening / lands', () => {
  it('takes a mentor with requests waiting to their queue, and keeps My path reachable by its own address', () => {
    expect(homeLanding(2, '')).toBe('/mentor/');
    expect(homeLanding(1, '?')).toBe('/mentor/');
    expect(homeLanding(2, new URL(MY_PATH_HREF, 'http://x').search)).toBe('/');
    expect(homeLanding(2, '?password=saved')).toBe('/');
  });

  it('keeps everyone with nothing waiting on My path', () => {
    expect(homeLanding(0, '')).toBe('/');
  });
});
