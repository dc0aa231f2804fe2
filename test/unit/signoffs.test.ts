import { describe, expect, it } from 'vitest';
import {
  canRequest,
  itemDocIds,
  itemStatus,
  mentorNotes,
  outdatedDocs,
  RECENT_COMMENT_DAYS,
  passedCount,
  personItemStates,
  queueOf,
  verdictProblem,
  waitingRequests,
  type RequestLike,
  type SignoffLike,
} from '../../src/domain/signoffs';

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
    const holding = itemStatus([], [pass], current, at('2027-02-28T20:59:59.000Z'));
    expect(holding).toMatchObject({ state: 'passed', validity: { validUntil: '2027-02-28', expiredOn: '2027-03-01' } });
    const expired = itemStatus([], [pass], current, at('2027-02-28T21:00:00.000Z'));
    expect(expired).toMatchObject({ state: 'expired', latest: pass, outdated: [], validity: { validUntil: '2027-02-28' } });
  });

  it('never expires without a term, or when no clock is given', () => {
    expect(itemStatus([], [pass], current, { months: undefined, now: new Date('2030-01-01T00:00:00.000Z'), timeZone: MOSCOW })).toMatchObject({ state: 'passed', validity: null });
    expect(itemStatus([], [pass], current)).toMatchObject({ state: 'passed', validity: null });
  });

  it('is told apart from "recheck": a related document with a new major version still makes it a recheck', () => {
    const old = verdict('2027-01-31T09:00:00.000Z', { docVersions: { 'lead-handling': '1.0' } });
    expect(itemStatus([], [old], current, at('2027-06-01T00:00:00.000Z')).state).toBe('recheck');
    expect(itemStatus([], [pass], current, at('2027-06-01T00:00:00.000Z')).state).toBe('expired');
  });

  it('after it expired a request waits; "needs work" keeps the expired pass on record; a new pass holds from its own day', () => {
    const later = at('2027-03-05T09:00:00.000Z');
    const again = request('2027-03-02T09:00:00.000Z');
    expect(itemStatus([again], [pass], current, later)).toMatchObject({ state: 'requested', validity: { validUntil: '2027-02-28' } });
    const notYet = verdict('2027-03-03T09:00:00.000Z', { verdict: 'needs-work', requestId: again.id });
    expect(itemStatus([again], [pass, notYet], current, later)).toMatchObject({ state: 'needs-work', validity: { validUntil: '2027-02-28' } });
    const renewed = verdict('2027-03-04T09:00:00.000Z', { requestId: again.id });
    expect(itemStatus([again], [pass, notYet, renewed], current, later)).toMatchObject({ state: 'passed', validity: { validUntil: '2027-04-04' } });
  });

  it('is not counted as passed, and each item holds its own months or its checklist’s', () => {
    const checklists = [
      { id: 'skills', validForMonths: 24, items: [{ id: 'call', docs: [], validForMonths: 1 }, { id: 'crm', docs: [] }, { id: 'meeting', docs: [] }] },
      { id: 'forever', items: [{ id: 'call', docs: [] }] },
    ];
    const signoffs = [pass, verdict('2027-01-31T09:00:00.000Z', { itemId: 'crm' }), verdict('2025-01-31T09:00:00.000Z', { itemId: 'meeting' }), verdict('2020-01-31T09:00:00.000Z', { checklistId: 'forever' })];
    const states = personItemStates({ userId: 't', checklists, requests: [], signoffs, currentVersions: current, expiry: { now: new Date('2027-06-01T09:00:00.000Z'), timeZone: MOSCOW } });
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

describe('canRequest', () => {
  it.each([
    ['not-requested', true],
    ['needs-work', true],
    ['recheck', true],
    ['expired', true],
    ['requested', false],
    ['passed', false],
  ] as const)('%s → %s', (state, expected) => {
    expect(canRequest(state)).toBe(expected);
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
    });
    expect(states.map((s) => [s.checklistId, s.item.id, s.state])).toEqual([
      ['skills', 'call', 'passed'],
      ['skills', 'crm', 'not-requested'],
      ['more', 'call', 'requested'],
    ]);
    expect(passedCount(states)).toEqual({ passed: 1, total: 3 });
  });

  it('ignores records of items the content no longer has', () => {
    const states = personItemStates({ userId: 't', checklists, requests: [], signoffs: [verdict('2026-05-02T09:00:00.000Z', { itemId: 'removed' })], currentVersions: current });
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
    });
    const notes = mentorNotes(states, now);
    expect(notes.map((n) => [n.item.id, n.state, n.latest.comment])).toEqual([
      ['crm', 'passed', 'Карточка заполнена аккуратно.'],
      ['meet', 'passed', 'Хорошая встреча.'],
      ['call', 'needs-work', 'Не назвал дату следующего шага.'],
    ]);
  });

  it('is empty with nothing judged', () => {
    const states = personItemStates({ userId: 't', checklists: [{ id: 'skills', items }], requests: [], signoffs: [], currentVersions: current });
    expect(mentorNotes(states, now)).toEqual([]);
  });
});
