import { describe, expect, it } from 'vitest';
import { daysLeft, expiryStage, hasExpired, itemValidMonths, renewalKey, renewalNotices, renewalsOf, validityOf, type Renewal } from '../../src/domain/validity';

// How long a pass holds is a rule about calendar dates, so these tests name their dates: every case is
// a fact about the calendar (month ends, 29 February, midnight in a time zone), not about "today".

const MOSCOW = 'Europe/Moscow';
const YEKATERINBURG = 'Asia/Yekaterinburg';

describe('how long a pass holds, in calendar months', () => {
  it('holds through the same day of the month, and expires at midnight after it in the site’s time zone', () => {
    expect(validityOf('2027-03-15T09:00:00.000Z', 12, MOSCOW)).toEqual({
      validUntil: '2028-03-15',
      expiredOn: '2028-03-16',
      // Midnight in Moscow (UTC+3) is 21:00 UTC the evening before.
      expiresAt: '2028-03-15T21:00:00.000Z',
    });
  });

  it('a pass on 31 January for one month holds through the last day of February, 29 February in a leap year', () => {
    expect(validityOf('2027-01-31T10:00:00.000Z', 1, MOSCOW)).toMatchObject({ validUntil: '2027-02-28', expiredOn: '2027-03-01' });
    expect(validityOf('2028-01-31T10:00:00.000Z', 1, MOSCOW)).toMatchObject({ validUntil: '2028-02-29', expiredOn: '2028-03-01' });
    // Any month's last day is as far as a shorter month goes: 31 August + 1 → 30 September.
    expect(validityOf('2027-08-31T10:00:00.000Z', 1, MOSCOW)).toMatchObject({ validUntil: '2027-09-30', expiredOn: '2027-10-01' });
    expect(validityOf('2027-11-30T10:00:00.000Z', 3, MOSCOW)).toMatchObject({ validUntil: '2028-02-29' });
  });

  it('a pass on 29 February holds to 28 February in a common year and to 29 February four years on', () => {
    expect(validityOf('2028-02-29T10:00:00.000Z', 12, MOSCOW)).toMatchObject({ validUntil: '2029-02-28', expiredOn: '2029-03-01' });
    expect(validityOf('2028-02-29T10:00:00.000Z', 48, MOSCOW)).toMatchObject({ validUntil: '2032-02-29', expiredOn: '2032-03-01' });
    expect(validityOf('2028-02-29T10:00:00.000Z', 1, MOSCOW)).toMatchObject({ validUntil: '2028-03-29' });
  });

  it('a month past December moves into the next year', () => {
    expect(validityOf('2027-12-31T10:00:00.000Z', 2, MOSCOW)).toMatchObject({ validUntil: '2028-02-29', expiredOn: '2028-03-01' });
    expect(validityOf('2027-10-05T10:00:00.000Z', 120, MOSCOW)).toMatchObject({ validUntil: '2037-10-05' });
  });

  it('takes the day of the pass in the site’s time zone: 01:30 on 1 February in Yekaterinburg is still 31 January in UTC', () => {
    const at = '2027-01-31T20:30:00.000Z';
    expect(validityOf(at, 1, YEKATERINBURG)).toEqual({ validUntil: '2027-03-01', expiredOn: '2027-03-02', expiresAt: '2027-03-01T19:00:00.000Z' });
    expect(validityOf(at, 1, 'UTC')).toEqual({ validUntil: '2027-02-28', expiredOn: '2027-03-01', expiresAt: '2027-03-01T00:00:00.000Z' });
  });

  it('expires at the local midnight of its zone when summer time begins that night', () => {
    // Central Europe moves its clocks on 28 March 2027: midnight on the 29th is 22:00 UTC, not 23:00.
    expect(validityOf('2027-02-28T12:00:00.000Z', 1, 'Europe/Berlin')).toMatchObject({ validUntil: '2027-03-28', expiresAt: '2027-03-28T22:00:00.000Z' });
    expect(validityOf('2027-01-28T12:00:00.000Z', 1, 'Europe/Berlin')).toMatchObject({ validUntil: '2027-02-28', expiresAt: '2027-02-28T23:00:00.000Z' });
  });
});

describe('where a pass stands at a moment', () => {
  const validity = validityOf('2027-01-31T20:30:00.000Z', 1, YEKATERINBURG);
  const at = (iso: string) => ({ now: new Date(iso), timeZone: YEKATERINBURG });

  it('holds until its last moment and has expired from the next', () => {
    expect(hasExpired(validity, new Date('2027-03-01T18:59:59.999Z'))).toBe(false);
    expect(hasExpired(validity, new Date('2027-03-01T19:00:00.000Z'))).toBe(true);
  });

  it('counts the days left by the site’s calendar: 1 on its last day, 0 once expired', () => {
    expect(daysLeft(validity, at('2027-03-01T18:00:00.000Z'))).toBe(1);
    expect(daysLeft(validity, at('2027-03-01T19:00:00.000Z'))).toBe(0);
    expect(daysLeft(validity, at('2027-02-01T05:00:00.000Z'))).toBe(29);
  });

  it('expires soon within the notice days, not before', () => {
    expect(expiryStage(validity, at('2027-02-01T05:00:00.000Z'), 28)).toBe('valid');
    expect(expiryStage(validity, at('2027-02-01T05:00:00.000Z'), 29)).toBe('soon');
    expect(expiryStage(validity, at('2027-03-01T19:00:00.000Z'), 29)).toBe('expired');
  });
});

describe('the months an item’s pass holds', () => {
  it('are the item’s own, else its checklist’s, else for good', () => {
    expect(itemValidMonths({ validForMonths: 6 }, { validForMonths: 24 })).toBe(6);
    expect(itemValidMonths({}, { validForMonths: 24 })).toBe(24);
    expect(itemValidMonths({}, {})).toBeUndefined();
  });
});

describe('what a person has to renew', () => {
  const clock = { now: new Date('2027-06-10T06:00:00.000Z'), timeZone: MOSCOW };
  const expired = validityOf('2026-06-01T09:00:00.000Z', 12, MOSCOW);
  const soon = validityOf('2026-06-20T09:00:00.000Z', 12, MOSCOW);
  const later = validityOf('2026-12-20T09:00:00.000Z', 12, MOSCOW);

  it('lists the expired first, then what expires within the notice days, soonest first; nothing without a term', () => {
    const renewals = renewalsOf(
      {
        skills: [
          { checklistId: 'trainee-skills', item: { id: 'call' }, state: 'passed', validity: soon },
          { checklistId: 'trainee-skills', item: { id: 'crm' }, state: 'expired', validity: expired },
          { checklistId: 'trainee-skills', item: { id: 'meeting' }, state: 'passed', validity: null },
        ],
        quizzes: [{ id: 'final', validity: later }],
        docs: [{ id: 'personal-data', state: 'confirmed', validity: soon }],
      },
      clock,
      30,
    );
    expect(renewals.map((r) => [r.kind, r.id, r.stage, r.validUntil])).toEqual([
      ['skill', 'trainee-skills/crm', 'expired', '2027-06-01'],
      ['skill', 'trainee-skills/call', 'soon', '2027-06-20'],
      ['doc', 'personal-data', 'soon', '2027-06-20'],
    ]);
  });

  it('keeps an expired pass until a new one, whatever happened since; warns of one expiring only while it is a plain pass', () => {
    const renewals = renewalsOf(
      {
        skills: [
          { checklistId: 'c', item: { id: 'asked-again' }, state: 'requested', validity: expired },
          { checklistId: 'c', item: { id: 'rechecked' }, state: 'recheck', validity: soon },
        ],
        quizzes: [],
        docs: [{ id: 'outdated', state: 'outdated', validity: null }],
      },
      clock,
      30,
    );
    expect(renewals.map((r) => `${r.id}:${r.stage}`)).toEqual(['c/asked-again:expired']);
  });

  it('tells each stage of each pass once, and a new pass afresh', () => {
    const renewal = (stage: Renewal['stage'], validUntil = '2027-06-20'): Renewal => ({ kind: 'skill', id: 'c/call', validUntil, expiredOn: '', stage });
    const told = new Set([renewalKey('t1', renewal('soon'))]);
    const due = renewalNotices([{ userId: 't1', renewals: [renewal('soon'), renewal('expired'), renewal('soon', '2028-06-20')] }, { userId: 't2', renewals: [renewal('soon')] }], told);
    expect(due.map(({ userId, renewal: r }) => `${userId}:${r.stage}:${r.validUntil}`)).toEqual(['t1:expired:2027-06-20', 't1:soon:2028-06-20', 't2:soon:2027-06-20']);
  });
});
