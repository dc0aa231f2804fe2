import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../src/domain/working-days';
import {
  itemDocIds,
  itemStatus,
  mentorNotes,
  outdatedDocs,
  RECENT_COMMENT_DAYS,
  observationsOf,
  passedCount,
  personItemStates,
  queueOf,
  recheckCauses,
  requestRefusal,
  sameDayPass,
  signoffRules,
  verdictProblem,
  waitingRequests,
  type RequestLike,
  type SectionChangesOf,
  type SignoffLike,
} from '../../src/domain/signoffs';
import { compareSections } from '../../src/domain/section-changes';

const versions = (entries: Record<string, string>) => new Map(Object.entries(entries));
const current = versions({ 'lead-handling': '2.0', 'crm-entry': '1.3' });

let n = 0;
const request = (at: string, fields: Partial<RequestLike> = {}): RequestLike => ({
  id: `r${++n}`,
  userId: 't',
  checklistId: 'skills',
  itemId: 'call',
  at,
  ...fields,
});
const verdict = (at: string, fields: Partial<SignoffLike> = {}): SignoffLike => ({
  userId: 't',
  checklistId: 'skills',
  itemId: 'call',
  verdict: 'passed',
  at,
  docVersions: { 'lead-handling': '2.0' },
  requestId: null,
  ...fields,
});

describe('itemStatus: one item’s state from its history', () => {
  it('is "not requested" with no records', () => {
    const status = itemStatus([], [], current);
    expect(status).toMatchObject({ state: 'not-requested', pending: undefined, latest: undefined, history: [], outdated: [] });
  });

  it('is "requested" while a request waits', () => {
    const r = request('2026-05-01T09:00:00.000Z');
    expect(itemStatus([r], [], current)).toMatchObject({ state: 'requested', pending: r });
  });

  it('follows the latest verdict, keeps every one newest first, and closes the request it answered', () => {
    const first = request('2026-05-01T09:00:00.000Z');
    const needsWork = verdict('2026-05-02T09:00:00.000Z', { verdict: 'needs-work', requestId: first.id });
    const second = request('2026-05-03T09:00:00.000Z');
    const pass = verdict('2026-05-04T09:00:00.000Z', { requestId: second.id });

    expect(itemStatus([first], [needsWork], current)).toMatchObject({ state: 'needs-work', pending: undefined, latest: needsWork });
    expect(itemStatus([first, second], [needsWork], current)).toMatchObject({ state: 'requested', pending: second, latest: needsWork });
    const passed = itemStatus([second, first], [pass, needsWork], current);
    expect(passed.state).toBe('passed');
    expect(passed.history).toEqual([pass, needsWork]);
  });

  it('a verdict given without a request still closes an older waiting request', () => {
    const r = request('2026-05-01T09:00:00.000Z');
    expect(itemStatus([r], [verdict('2026-05-02T09:00:00.000Z')], current).state).toBe('passed');
  });

  it('turns a pass into "recheck" when a related document gets a new major version, not a minor one', () => {
    const pass = verdict('2026-05-04T09:00:00.000Z', { docVersions: { 'lead-handling': '1.4', 'crm-entry': '1.0' } });
    const status = itemStatus([], [pass], current);
    expect(status.state).toBe('recheck');
    expect(status.outdated).toEqual(['lead-handling']);
    expect(itemStatus([], [pass], versions({ 'lead-handling': '1.9', 'crm-entry': '1.3' })).state).toBe('passed');
  });

  it('a new request after a recheck waits, and a new pass against the new version holds again', () => {
    const old = verdict('2026-05-04T09:00:00.000Z', { docVersions: { 'lead-handling': '1.4' } });
    const again = request('2026-06-01T09:00:00.000Z');
    expect(itemStatus([again], [old], current).state).toBe('requested');
    const fresh = verdict('2026-06-02T09:00:00.000Z', { requestId: again.id, docVersions: { 'lead-handling': '2.0' } });
    const status = itemStatus([again], [old, fresh], current);
    expect(status.state).toBe('passed');
    expect(status.history).toEqual([fresh, old]);
  });

  it('"needs work" after a recheck is "needs work"; recheck applies to passes only', () => {
    const status = itemStatus([], [verdict('2026-05-04T09:00:00.000Z', { verdict: 'needs-work', docVersions: { 'lead-handling': '1.0' } })], current);
    expect(status).toMatchObject({ state: 'needs-work', outdated: [] });
  });

  it('entries written in the same millisecond keep their order', () => {
    const at = '2026-05-04T09:00:00.000Z';
    const a = verdict(at, { verdict: 'needs-work' });
    const b = verdict(at);
    expect(itemStatus([], [a, b], current).latest).toBe(b);
  });
});

describe('itemStatus with a term: a pass that expires', () => {
  const MOSCOW = 'Europe/Moscow';
  // Passed on 31 January 2027 at 12:00 in Moscow, for one month: it holds through 28 February.
  const pass = verdict('2027-01-31T09:00:00.000Z');
  const at = (iso: string) => ({ months: 1, now: new Date(iso), timeZone: MOSCOW });

  it('is "passed" through its last day and "expired" from midnight after it, with when it held', () => {
    const holding = itemStatus([], [pass], current, undefined, undefined, at('2027-02-28T20:59:59.000Z'));
    expect(holding).toMatchObject({ state: 'passed', validity: { validUntil: '2027-02-28', expiredOn: '2027-03-01' } });
    const expired = itemStatus([], [pass], current, undefined, undefined, at('2027-02-28T21:00:00.000Z'));
    expect(expired).toMatchObject({ state: 'expired', latest: pass, outdated: [], validity: { validUntil: '2027-02-28' } });
  });

  it('never expires without a term, or when no clock is given', () => {
    expect(itemStatus([], [pass], current, undefined, undefined, { months: undefined, now: new Date('2030-01-01T00:00:00.000Z'), timeZone: MOSCOW })).toMatchObject({ state: 'passed', validity: null });
    expect(itemStatus([], [pass], current)).toMatchObject({ state: 'passed', validity: null });
  });

  it('is told apart from "recheck": a related document with a new major version still makes it a recheck', () => {
    const old = verdict('2027-01-31T09:00:00.000Z', { docVersions: { 'lead-handling': '1.0' } });
    expect(itemStatus([], [old], current, undefined, undefined, at('2027-06-01T00:00:00.000Z')).state).toBe('recheck');
    expect(itemStatus([], [pass], current, undefined, undefined, at('2027-06-01T00:00:00.000Z')).state).toBe('expired');
  });

  it('after it expired a request waits; "needs work" keeps the expired pass on record; a new pass holds from its own day', () => {
    const later = at('2027-03-05T09:00:00.000Z');
    const again = request('2027-03-02T09:00:00.000Z');
    expect(itemStatus([again], [pass], current, undefined, undefined, later)).toMatchObject({ state: 'requested', validity: { validUntil: '2027-02-28' } });
    const notYet = verdict('2027-03-03T09:00:00.000Z', { verdict: 'needs-work', requestId: again.id });
    expect(itemStatus([again], [pass, notYet], current, undefined, undefined, later)).toMatchObject({ state: 'needs-work', validity: { validUntil: '2027-02-28' } });
    const renewed = verdict('2027-03-04T09:00:00.000Z', { requestId: again.id });
    expect(itemStatus([again], [pass, notYet, renewed], current, undefined, undefined, later)).toMatchObject({ state: 'passed', validity: { validUntil: '2027-04-04' } });
  });

  it('is not counted as passed, and each item holds its own months or its checklist’s', () => {
    const checklists = [
      { id: 'skills', validForMonths: 24, items: [{ id: 'call', docs: [], validForMonths: 1 }, { id: 'crm', docs: [] }, { id: 'meeting', docs: [] }] },
      { id: 'forever', items: [{ id: 'call', docs: [] }] },
    ];
    const signoffs = [pass, verdict('2027-01-31T09:00:00.000Z', { itemId: 'crm' }), verdict('2025-01-31T09:00:00.000Z', { itemId: 'meeting' }), verdict('2020-01-31T09:00:00.000Z', { checklistId: 'forever' })];
    const states = personItemStates({ userId: 't', checklists, requests: [], signoffs, currentVersions: current, timeZone: MOSCOW, expiry: { now: new Date('2027-06-01T09:00:00.000Z'), timeZone: MOSCOW } });
    expect(states.map((s) => `${s.checklistId}/${s.item.id}:${s.state}:${s.validity?.validUntil ?? '-'}`)).toEqual([
      'skills/call:expired:2027-02-28',
      'skills/crm:passed:2029-01-31',
      'skills/meeting:expired:2027-01-31',
      'forever/call:passed:-',
    ]);
    expect(passedCount(states)).toEqual({ passed: 2, total: 4 });
  });
});

describe('outdatedDocs and itemDocIds', () => {
  it('ignores documents the verdict did not record and documents that no longer exist', () => {
    expect(outdatedDocs({ 'lead-handling': '1.0', gone: '1.0' }, current)).toEqual(['lead-handling']);
    expect(outdatedDocs({}, current)).toEqual([]);
  });

  it('reads a document id from a link to a section, once per document', () => {
    expect(itemDocIds({ id: 'x', docs: ['key-accounts#план', 'crm-entry', 'key-accounts#обзор'] })).toEqual(['key-accounts', 'crm-entry']);
  });
});

describe('requestRefusal by state, with nothing to wait for', () => {
  const anyTime = { today: '2026-05-10', timeZone: 'Europe/Moscow', retryAfterDays: 0, calendar: workingCalendar() };
  const observations = { done: 1, required: 2, lastDay: '2026-05-04' };
  it.each([
    ['not-requested', null],
    ['needs-work', null],
    ['recheck', null],
    ['partly-observed', null],
    ['expired', null],
    ['requested', 'already-requested'],
    ['passed', 'already-passed'],
  ] as const)('%s → %s', (state, expected) => {
    const latest = verdict('2026-05-04T09:00:00.000Z', { verdict: state === 'needs-work' ? 'needs-work' : 'passed' });
    expect(requestRefusal({ state, latest, observations }, anyTime)?.reason ?? null).toBe(expected);
  });
});

describe('verdictProblem', () => {
  it('asks for a comment on "needs work", blank or not', () => {
    expect(verdictProblem({ verdict: 'needs-work', comment: '   ' }, false)).toBe('comment-required');
    expect(verdictProblem({ verdict: 'needs-work', comment: 'Не назвал срок' }, false)).toBeNull();
    expect(verdictProblem({ verdict: 'passed' }, false)).toBeNull();
  });

  it('asks for a whole rating from 1 to 5 where the checklist wants one', () => {
    for (const rating of [undefined, null, 0, 6, 2.5]) expect(verdictProblem({ verdict: 'passed', rating }, true)).toBe('rating-required');
    expect(verdictProblem({ verdict: 'passed', rating: 5 }, true)).toBeNull();
    expect(verdictProblem({ verdict: 'needs-work', rating: 2, comment: 'Ещё раз' }, true)).toBeNull();
  });
});

describe('personItemStates: every item of a person’s checklists', () => {
  const checklists = [
    { id: 'skills', items: [{ id: 'call', docs: ['lead-handling#сроки'] }, { id: 'crm', docs: [] }] },
    { id: 'more', items: [{ id: 'call', docs: [] }] },
  ];

  it('lists items in order, each with its own records only', () => {
    const states = personItemStates({
      userId: 't',
      checklists,
      requests: [request('2026-05-01T09:00:00.000Z', { checklistId: 'more' }), request('2026-05-01T09:00:00.000Z', { userId: 'other', itemId: 'crm' })],
      signoffs: [verdict('2026-05-02T09:00:00.000Z'), verdict('2026-05-02T09:00:00.000Z', { userId: 'other', itemId: 'crm' })],
      currentVersions: current,
      timeZone: 'Europe/Moscow',
    });
    expect(states.map((s) => [s.checklistId, s.item.id, s.state])).toEqual([
      ['skills', 'call', 'passed'],
      ['skills', 'crm', 'not-requested'],
      ['more', 'call', 'requested'],
    ]);
    expect(passedCount(states)).toEqual({ passed: 1, total: 3 });
  });

  it('ignores records of items the content no longer has', () => {
    const states = personItemStates({ userId: 't', checklists, requests: [], signoffs: [verdict('2026-05-02T09:00:00.000Z', { itemId: 'removed' })], currentVersions: current, timeZone: 'Europe/Moscow' });
    expect(states.every((s) => s.state === 'not-requested')).toBe(true);
  });
});

describe('queues follow the person’s current mentor', () => {
  const older = request('2026-05-01T09:00:00.000Z', { userId: 'a' });
  const newer = request('2026-05-03T09:00:00.000Z', { userId: 'b' });
  const off = request('2026-04-01T09:00:00.000Z', { userId: 'c' });
  const people = [
    { id: 'a', mentorId: 'm1', disabled: false },
    { id: 'b', mentorId: 'm1', disabled: false },
    { id: 'c', mentorId: 'm1', disabled: true },
  ];

  it('lists a mentor’s waiting requests oldest first, leaving out disabled people', () => {
    expect(queueOf([newer, off, older], people, 'm1').map((row) => row.request)).toEqual([older, newer]);
    expect(queueOf([newer, older], people, 'm2')).toEqual([]);
  });

  it('moves a request to the new mentor when the person is reassigned', () => {
    const reassigned = people.map((p) => (p.id === 'a' ? { ...p, mentorId: 'm2' } : p));
    expect(queueOf([newer, older], reassigned, 'm1').map((row) => row.request)).toEqual([newer]);
    expect(queueOf([newer, older], reassigned, 'm2').map((row) => row.request)).toEqual([older]);
  });

  it('leaves out requests of people it does not know', () => {
    expect(waitingRequests([request('2026-05-01T09:00:00.000Z', { userId: 'ghost' })], people)).toEqual([]);
  });
});

describe('mentorNotes: what a person reads from their mentor on My path', () => {
  const now = new Date('2026-06-20T09:00:00.000Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const items = [{ id: 'call', docs: [] }, { id: 'crm', docs: [] }, { id: 'meet', docs: [] }, { id: 'quiet', docs: [] }, { id: 'again', docs: [] }, { id: 'old', docs: [] }];
  const judged = (itemId: string, at: string, fields: Partial<SignoffLike & { comment: string }> = {}) => ({ ...verdict(at, { itemId, docVersions: {} }), comment: '', ...fields });

  it('shows every "needs work", and a comment on a pass while it is new, newest first', () => {
    const states = personItemStates({
      userId: 't',
      checklists: [{ id: 'skills', items }],
      requests: [request(daysAgo(1), { itemId: 'again' })],
      signoffs: [
        judged('call', daysAgo(40), { verdict: 'needs-work', comment: 'Не назвал дату следующего шага.' }),
        judged('crm', daysAgo(2), { comment: 'Карточка заполнена аккуратно.' }),
        judged('meet', daysAgo(RECENT_COMMENT_DAYS - 1), { comment: 'Хорошая встреча.' }),
        // A pass without a comment says nothing new; an old comment is no longer news.
        judged('quiet', daysAgo(1)),
        judged('old', daysAgo(RECENT_COMMENT_DAYS + 1), { comment: 'Давнее замечание.' }),
        // Asked again after "needs work": the mentor has it, so it is no longer waiting on the person.
        judged('again', daysAgo(3), { verdict: 'needs-work', comment: 'Повтори скрипт.' }),
      ],
      currentVersions: current,
      timeZone: 'Europe/Moscow',
    });
    const notes = mentorNotes(states, now);
    expect(notes.map((n) => [n.item.id, n.state, n.latest.comment])).toEqual([
      ['crm', 'passed', 'Карточка заполнена аккуратно.'],
      ['meet', 'passed', 'Хорошая встреча.'],
      ['call', 'needs-work', 'Не назвал дату следующего шага.'],
    ]);
  });

  it('is empty with nothing judged', () => {
    const states = personItemStates({ userId: 't', checklists: [{ id: 'skills', items }], requests: [], signoffs: [], currentVersions: current, timeZone: 'Europe/Moscow' });
    expect(mentorNotes(states, now)).toEqual([]);
  });
});

describe('observations on different days', () => {
  const moscow = (required: number) => ({ required, timeZone: 'Europe/Moscow' });

  it('an item needing two observations is "partly observed" after one pass, and passed after a pass on another day', () => {
    const first = verdict('2026-05-04T09:00:00.000Z');
    const partly = itemStatus([], [first], current, moscow(2));
    expect(partly).toMatchObject({ state: 'partly-observed', observations: { done: 1, required: 2, lastDay: '2026-05-04' } });
    const second = verdict('2026-05-05T09:00:00.000Z');
    expect(itemStatus([], [first, second], current, moscow(2))).toMatchObject({ state: 'passed', observations: { done: 2, required: 2, lastDay: '2026-05-05' } });
    // One observation is the default, as before the setting existed.
    expect(itemStatus([], [first], current).state).toBe('passed');
  });

  it('two passes on the same day count once', () => {
    const status = itemStatus([], [verdict('2026-05-04T07:00:00.000Z'), verdict('2026-05-04T15:00:00.000Z')], current, moscow(2));
    expect(status).toMatchObject({ state: 'partly-observed', observations: { done: 1 } });
  });

  it('counts days in the site’s time zone: 23:30 and 00:30 in Moscow are two days though one day in UTC', () => {
    const lateEvening = verdict('2026-05-04T20:30:00.000Z'); // 23:30 in Moscow, 4 May
    const afterMidnight = verdict('2026-05-04T21:30:00.000Z'); // 00:30 in Moscow, 5 May
    expect(itemStatus([], [lateEvening, afterMidnight], current, moscow(2))).toMatchObject({ state: 'passed', observations: { done: 2, lastDay: '2026-05-05' } });
    expect(itemStatus([], [lateEvening, afterMidnight], current, { required: 2, timeZone: 'UTC' }).state).toBe('partly-observed');
    // Yekaterinburg is two hours further east: 00:30 there is still the evening before in Moscow.
    const yekaterinburg = [verdict('2026-05-04T18:30:00.000Z'), verdict('2026-05-04T19:30:00.000Z')];
    expect(itemStatus([], yekaterinburg, current, { required: 2, timeZone: 'Asia/Yekaterinburg' }).state).toBe('passed');
    expect(itemStatus([], yekaterinburg, current, moscow(2)).state).toBe('partly-observed');
  });

  it('"needs work" starts the count again: only passes after the latest one count', () => {
    const history = [
      verdict('2026-05-04T09:00:00.000Z'),
      verdict('2026-05-05T09:00:00.000Z', { verdict: 'needs-work' }),
      verdict('2026-05-06T09:00:00.000Z'),
    ];
    expect(observationsOf(history, moscow(2))).toEqual({ done: 1, required: 2, lastDay: '2026-05-06' });
    expect(itemStatus([], history, current, moscow(2)).state).toBe('partly-observed');
    expect(itemStatus([], history.slice(0, 2), current, moscow(2))).toMatchObject({ state: 'needs-work', observations: { done: 0, lastDay: null } });
    expect(itemStatus([], [...history, verdict('2026-05-07T09:00:00.000Z')], current, moscow(2)).state).toBe('passed');
  });

  it('a request for the next observation waits as any request does', () => {
    const pass = verdict('2026-05-04T09:00:00.000Z');
    const next = request('2026-05-05T09:00:00.000Z');
    expect(itemStatus([next], [pass], current, moscow(2))).toMatchObject({ state: 'requested', pending: next, observations: { done: 1 } });
  });

  it('a pass with all its observations may still need a recheck; one new pass confirms it', () => {
    const old = [verdict('2026-05-04T09:00:00.000Z', { docVersions: { 'lead-handling': '1.4' } }), verdict('2026-05-05T09:00:00.000Z', { docVersions: { 'lead-handling': '1.4' } })];
    expect(itemStatus([], old, current, moscow(2)).state).toBe('recheck');
    expect(itemStatus([], [...old, verdict('2026-06-01T09:00:00.000Z')], current, moscow(2)).state).toBe('passed');
  });

  it('the item’s own settings win over its checklist’s, and both fall back to one observation and no wait', () => {
    expect(signoffRules({ observations: 2, retryAfterDays: 2 }, {})).toEqual({ observations: 2, retryAfterDays: 2 });
    expect(signoffRules({ observations: 2, retryAfterDays: 2 }, { observations: 1, retryAfterDays: 0 })).toEqual({ observations: 1, retryAfterDays: 0 });
    expect(signoffRules({}, {})).toEqual({ observations: 1, retryAfterDays: 0 });
  });

  it('personItemStates applies each item’s settings', () => {
    const states = personItemStates({
      userId: 't',
      checklists: [{ id: 'skills', observations: 2, items: [{ id: 'call', docs: [] }, { id: 'crm', docs: [], observations: 1 }] }],
      requests: [],
      signoffs: [verdict('2026-05-04T09:00:00.000Z'), verdict('2026-05-04T09:00:00.000Z', { itemId: 'crm' })],
      currentVersions: current,
      timeZone: 'Europe/Moscow',
    });
    expect(states.map((s) => [s.item.id, s.state, s.rules.observations])).toEqual([
      ['call', 'partly-observed', 2],
      ['crm', 'passed', 1],
    ]);
    // Coverage and progress count full passes only.
    expect(passedCount(states)).toEqual({ passed: 1, total: 2 });
  });
});

describe('requestRefusal: when a person may ask', () => {
  const calendar = workingCalendar();
  const context = (today: string, retryAfterDays = 2) => ({ today, timeZone: 'Europe/Moscow', retryAfterDays, calendar });
  const needsWork = (at: string) => itemStatus([], [verdict(at, { verdict: 'needs-work' })], current, { required: 2, timeZone: 'Europe/Moscow' });

  it('refuses while a request waits or a pass holds', () => {
    expect(requestRefusal(itemStatus([request('2026-05-04T09:00:00.000Z')], [], current), context('2026-05-04'))).toEqual({ reason: 'already-requested' });
    expect(requestRefusal(itemStatus([], [verdict('2026-05-04T09:00:00.000Z')], current), context('2026-05-04'))).toEqual({ reason: 'already-passed' });
    expect(requestRefusal(itemStatus([], [], current), context('2026-05-04'))).toBeNull();
  });

  it('after "needs work" on a Friday, waits over the weekend: two working days is Tuesday', () => {
    const status = needsWork('2025-12-05T12:00:00+03:00');
    expect(requestRefusal(status, context('2025-12-05'))).toEqual({ reason: 'retry-wait', from: '2025-12-09' });
    expect(requestRefusal(status, context('2025-12-08'))).toEqual({ reason: 'retry-wait', from: '2025-12-09' });
    expect(requestRefusal(status, context('2025-12-09'))).toBeNull();
  });

  it('does not count a public holiday: "needs work" on Friday 20 February 2026, Defender’s Day on Monday, asks again from Wednesday', () => {
    const status = needsWork('2026-02-20T12:00:00+03:00');
    expect(requestRefusal(status, context('2026-02-24'))).toEqual({ reason: 'retry-wait', from: '2026-02-25' });
    expect(requestRefusal(status, context('2026-02-25'))).toBeNull();
  });

  it('counts from the verdict’s day in the site’s time zone, over the New Year holidays', () => {
    // 22:00 UTC on 30 December is 01:00 on 31 December in Moscow, a day off; then 1–11 January.
    const status = needsWork('2025-12-30T22:00:00.000Z');
    expect(requestRefusal(status, context('2026-01-12'))).toEqual({ reason: 'retry-wait', from: '2026-01-13' });
  });

  it('with no wait set, asks again at once', () => {
    expect(requestRefusal(needsWork('2025-12-05T12:00:00+03:00'), context('2025-12-05', 0))).toBeNull();
  });

  it('asks for the next observation from the day after the last pass, in the site’s time zone', () => {
    // 23:30 on 4 May in Moscow: the next observation may be asked for from 5 May, half an hour later.
    const status = itemStatus([], [verdict('2026-05-04T20:30:00.000Z')], current, { required: 2, timeZone: 'Europe/Moscow' });
    expect(requestRefusal(status, context('2026-05-04'))).toEqual({ reason: 'same-day', from: '2026-05-05' });
    expect(requestRefusal(status, context('2026-05-05'))).toBeNull();
  });
});

describe('sameDayPass: a mentor’s pass counts once a day', () => {
  it('holds back a pass on the day of the last counted one while more are needed', () => {
    expect(sameDayPass({ done: 1, required: 2, lastDay: '2026-05-04' }, '2026-05-04')).toBe('2026-05-05');
    expect(sameDayPass({ done: 1, required: 2, lastDay: '2026-05-04' }, '2026-05-05')).toBeNull();
    // Nothing counted yet, or the pass already holds: nothing to hold back.
    expect(sameDayPass({ done: 0, required: 2, lastDay: null }, '2026-05-04')).toBeNull();
    expect(sameDayPass({ done: 2, required: 2, lastDay: '2026-05-04' }, '2026-05-04')).toBeNull();
    expect(sameDayPass({ done: 1, required: 1, lastDay: '2026-05-04' }, '2026-05-04')).toBeNull();
  });
});

describe('section-level recheck: an item tied to sections is reopened by those sections alone', () => {
  const V1 = '## Сроки ответа\n\nОтвет за 30 минут.\n\n### Ночью\n\nДо 10:00.\n\n## Что записать в CRM\n\nИсточник и потребность.\n\n## Скидки\n\nДо 3 %.';
  const V2 = '## Что записать в CRM\n\nИсточник, потребность, бюджет.\n\n## Сроки ответа\n\nОтвет за 30 минут.\n\n### Ночью\n\nДо 10:00.\n\n## Скидки менеджера\n\nДо 3 %.';
  const now = versions({ 'lead-handling': '2.0', 'crm-entry': '1.3' });
  // Only lead-handling 1.4 is kept: the comparison of crm-entry cannot be made.
  const kept: SectionChangesOf = (docId, version) => (docId === 'lead-handling' && version === '1.4' ? compareSections(V1, V2) : undefined);
  const judged = { 'lead-handling': '1.4' };
  const status = (docs: string[], docVersions: Record<string, string> = judged) =>
    itemStatus([], [verdict('2026-05-04T09:00:00.000Z', { docVersions })], now, undefined, { links: docs, sectionChanges: kept });

  it('a pass on a section that only moved holds; one on a section that changed goes to recheck, naming it', () => {
    expect(status(['lead-handling#сроки-ответа']).state).toBe('passed');
    expect(status(['lead-handling#ночью']).state).toBe('passed');
    const crm = status(['lead-handling#что-записать-в-crm']);
    expect(crm.state).toBe('recheck');
    expect(crm.recheck).toEqual([{ docId: 'lead-handling', version: '2.0', section: { anchor: 'что-записать-в-crm', title: 'Что записать в CRM', change: 'changed' } }]);
    expect(crm.outdated).toEqual(['lead-handling']);
  });

  it('a renamed section reopens the item, by its new name and its old one', () => {
    const renamed = status(['lead-handling#скидки-менеджера']);
    expect(renamed.state).toBe('recheck');
    expect(renamed.recheck[0]!.section).toEqual({ anchor: 'скидки-менеджера', title: 'Скидки менеджера', change: 'renamed', formerTitle: 'Скидки' });
  });

  it('several sections: each that changed is named once; unchanged ones are not', () => {
    const causes = recheckCauses(['lead-handling#сроки-ответа', 'lead-handling#что-записать-в-crm', 'lead-handling#что-записать-в-crm'], judged, now, kept);
    expect(causes.map((c) => c.section?.anchor)).toEqual(['что-записать-в-crm']);
  });

  it('an item that links the whole document is reopened by any new major version, as before', () => {
    expect(status(['lead-handling']).recheck).toEqual([{ docId: 'lead-handling', version: '2.0' }]);
    expect(status(['lead-handling', 'lead-handling#сроки-ответа']).state).toBe('recheck');
  });

  it('without the judged version’s text, a new major version reopens a section link too', () => {
    const crm = status(['crm-entry#поля'], { 'crm-entry': '0.9' });
    expect(crm.state).toBe('recheck');
    expect(crm.recheck).toEqual([{ docId: 'crm-entry', version: '1.3' }]);
  });

  it('a minor version reopens nothing, whatever changed', () => {
    const minor: SectionChangesOf = () => compareSections(V1, V2);
    const pass = verdict('2026-05-04T09:00:00.000Z', { docVersions: { 'lead-handling': '2.0' } });
    expect(itemStatus([], [pass], versions({ 'lead-handling': '2.3' }), undefined, { links: ['lead-handling#что-записать-в-crm'], sectionChanges: minor }).state).toBe('passed');
  });

  it('personItemStates applies it to each item by that item’s own links', () => {
    const items = personItemStates({
      userId: 't',
      checklists: [{ id: 'skills', items: [{ id: 'call', docs: ['lead-handling#сроки-ответа'] }, { id: 'crm', docs: ['lead-handling#что-записать-в-crm'] }] }],
      requests: [],
      signoffs: [verdict('2026-05-04T09:00:00.000Z', { docVersions: judged }), verdict('2026-05-04T09:00:00.000Z', { itemId: 'crm', docVersions: judged })],
      currentVersions: now,
      timeZone: 'UTC',
      sectionChanges: kept,
    });
    expect(items.map((i) => [i.item.id, i.state])).toEqual([
      ['call', 'passed'],
      ['crm', 'recheck'],
    ]);
  });
});
