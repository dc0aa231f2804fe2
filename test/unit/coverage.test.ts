import { describe, expect, it } from 'vitest';
import { outstandingDocs, requiredDocs } from '../../src/domain/acknowledgement';
import {
  byReviewUrgency,
  docAudience,
  docCoverage,
  healthTotals,
  majorSince,
  owedDocs,
  standingOf,
  type AudiencePerson,
  type DatedDoc,
  type HealthRow,
} from '../../src/domain/coverage';
import { daysBetween } from '../../src/domain/calendar';
import { isReviewOverdue } from '../../src/domain/review';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const person = (id: string, position: string, fields: Partial<AudiencePerson> = {}): AudiencePerson => ({ id, position, hired: '2026-01-15', disabled: false, ...fields });
const doc = (id: string, fields: Partial<DatedDoc> = {}): DatedDoc => ({
  id,
  version: '2.0',
  status: 'active',
  requiresAck: true,
  audience: ['manager', 'trainee'],
  effective: day('2026-09-01'),
  changes: [],
  ...fields,
});
const ack = (userId: string, docId: string, version: string, at = '2026-10-01T09:00:00.000Z') => ({ userId, docId, version, at });

const people = [
  person('anna', 'manager'),
  person('boris', 'trainee'),
  person('vera', 'trainee'),
  person('gleb', 'head-of-sales'),
  person('gone', 'manager', { disabled: true }),
];
const paths = (position: string) => (position === 'head-of-sales' ? ['on-head-path'] : []);

describe('who a document asks to confirm it', () => {
  it('is its audience when it requires confirmation, plus the positions whose path holds it; never a disabled account', () => {
    expect(docAudience(doc('leads'), people, paths).map((p) => p.id)).toEqual(['anna', 'boris', 'vera']);
    expect(docAudience(doc('on-head-path', { requiresAck: false }), people, paths).map((p) => p.id)).toEqual(['gleb']);
    expect(docAudience(doc('all', { audience: 'all' }), people, paths).map((p) => p.id)).toEqual(['anna', 'boris', 'vera', 'gleb']);
    expect(docAudience(doc('optional', { requiresAck: false }), people, paths)).toEqual([]);
  });

  it('does not depend on status, so an archived document still has a sheet of who read it', () => {
    expect(docAudience(doc('old', { status: 'archived' }), people, paths)).toHaveLength(3);
  });
});

describe('a person’s standing with a document', () => {
  it('takes the highest version confirmed, by number', () => {
    const acks = [ack('anna', 'leads', '1.10', '2026-03-01T09:00:00.000Z'), ack('anna', 'leads', '1.9', '2026-05-01T09:00:00.000Z'), ack('anna', 'other', '3.0')];
    expect(standingOf(doc('leads'), acks)).toEqual({ state: 'outdated', latest: { version: '1.10', at: '2026-03-01T09:00:00.000Z' } });
  });
  it('is unconfirmed with no confirmation, and has no latest version', () => {
    expect(standingOf(doc('leads'), [])).toEqual({ state: 'unconfirmed' });
  });
});

describe('coverage of a document', () => {
  const acks = [ack('anna', 'leads', '2.0'), ack('boris', 'leads', '1.3'), ack('gleb', 'leads', '2.0'), ack('anna', 'other', '2.0')];

  it('counts the audience by where each person stands; confirmations from outside the audience do not count', () => {
    const audience = docAudience(doc('leads'), people, paths);
    expect(docCoverage(doc('leads'), audience, acks)).toEqual({ audience: 3, confirmed: 1, outdated: 1, expired: 0, unconfirmed: 1, share: 1 / 3 });
  });

  it('counts a minor version as still confirmed', () => {
    expect(docCoverage(doc('leads', { version: '2.4' }), [{ id: 'anna' }], acks).confirmed).toBe(1);
  });

  it('has no share when nobody is asked', () => {
    expect(docCoverage(doc('leads'), [], acks).share).toBeNull();
  });
});

describe('review dates', () => {
  it('are overdue from the day after the review date, by calendar day', () => {
    expect(isReviewOverdue(day('2026-06-01'), new Date('2026-06-01T23:59:00Z'))).toBe(false);
    expect(isReviewOverdue(day('2026-06-01'), new Date('2026-06-02T00:01:00Z'))).toBe(true);
    expect(daysBetween(day('2026-06-01'), day('2026-11-27'))).toBe(179);
  });

  const row = (title: string, status: HealthRow['status'], reviewBy: string, coverage = { audience: 4, confirmed: 2, outdated: 1, expired: 0, unconfirmed: 1, share: 0.5 }): HealthRow => ({
    title,
    status,
    reviewBy: day(reviewBy),
    coverage,
  });
  const today = day('2026-11-27');
  const rows = [
    row('Архивный', 'archived', '2025-01-01'),
    row('Свежий', 'active', '2027-09-01', { audience: 3, confirmed: 3, outdated: 0, expired: 0, unconfirmed: 0, share: 1 }),
    row('Черновик', 'draft', '2026-01-01'),
    row('Просрочен давно', 'active', '2026-01-10'),
    row('Просрочен вчера', 'active', '2026-11-26', { audience: 4, confirmed: 1, outdated: 1, expired: 1, unconfirmed: 1, share: 0.25 }),
    row('Скоро', 'active', '2026-12-01'),
  ];

  it('put overdue active documents first on the health page, then by review date; drafts and archived last', () => {
    expect([...rows].sort(byReviewUrgency(today)).map((r) => r.title)).toEqual(['Просрочен давно', 'Просрочен вчера', 'Скоро', 'Свежий', 'Черновик', 'Архивный']);
  });

  it('give the totals: coverage over active documents only', () => {
    expect(healthTotals(rows, today)).toEqual({
      active: 4,
      drafts: 1,
      archived: 1,
      overdue: 2,
      asked: 15,
      confirmed: 8,
      outdated: 3,
      expired: 1,
      unconfirmed: 3,
      incomplete: 3,
      share: 8 / 15,
    });
  });
});

describe('what a person still owes, and since when', () => {
  it('dates a document from the start of its current major version, read from the change log', () => {
    const leads = doc('leads', {
      version: '2.2',
      effective: day('2026-10-15'),
      changes: [
        { version: '2.2', date: day('2026-10-15') },
        { version: '2.0', date: day('2026-09-01') },
        { version: '1.0', date: day('2026-01-10') },
      ],
    });
    expect(majorSince(leads)).toEqual(day('2026-09-01'));
    expect(majorSince(doc('no-log', { effective: day('2026-05-05') }))).toEqual(day('2026-05-05'));
  });

  it('lists the longest-owed first; nothing is owed from before the person was hired', () => {
    const required = [
      doc('newer', { version: '1.0', effective: day('2026-11-01') }),
      doc('older', { version: '3.0', effective: day('2025-06-01') }),
      doc('read', { version: '1.1', effective: day('2026-02-01') }),
      doc('outdated', { version: '2.0', effective: day('2026-10-01') }),
    ];
    const acks = [ack('x', 'read', '1.0'), ack('x', 'outdated', '1.4')];
    const owed = owedDocs(required, acks, '2026-03-01');
    expect(owed.map((o) => [o.doc.id, o.state, o.since.toISOString().slice(0, 10)])).toEqual([
      ['older', 'unconfirmed', '2026-03-01'],
      ['outdated', 'outdated', '2026-10-01'],
      ['newer', 'unconfirmed', '2026-11-01'],
    ]);
    // For someone whose path began later (a new position, say), nothing is owed from before that day.
    expect(owedDocs(required, acks, '2026-10-15').map((o) => [o.doc.id, o.since.toISOString().slice(0, 10)])).toEqual([
      ['older', '2026-10-15'],
      ['outdated', '2026-10-15'],
      ['newer', '2026-11-01'],
    ]);
  });
});

describe('archiving a document', () => {
  it('stops asking for confirmations of it', () => {
    const active = doc('leads');
    const archived = { ...active, status: 'archived' as const };
    expect(requiredDocs([active], 'trainee', ['leads'])).toHaveLength(1);
    expect(requiredDocs([archived], 'trainee', ['leads'])).toEqual([]);
    expect(outstandingDocs(requiredDocs([archived], 'trainee', ['leads']), [])).toEqual([]);
    expect(owedDocs(requiredDocs([archived], 'trainee', ['leads']), [], '2026-01-01')).toEqual([]);
  });
});

describe('confirmations with a term (validForMonths)', () => {
  const clock = (iso: string) => ({ now: new Date(iso), timeZone: 'Europe/Moscow' });
  const policy = doc('personal-data', { version: '1.1', validForMonths: 12, effective: day('2026-02-01') });

  it('count an expired confirmation apart, never as confirmed, and say until when it held', () => {
    const acks = [ack('anna', 'personal-data', '1.1', '2026-03-10T08:00:00.000Z'), ack('boris', 'personal-data', '1.1', '2026-09-10T08:00:00.000Z')];
    const audience = [{ id: 'anna' }, { id: 'boris' }, { id: 'vera' }];
    expect(docCoverage(policy, audience, acks, true, clock('2027-04-01T09:00:00.000Z'))).toEqual({ audience: 3, confirmed: 1, outdated: 0, expired: 1, unconfirmed: 1, share: 1 / 3 });
    expect(docCoverage(policy, audience, acks)).toMatchObject({ confirmed: 2, expired: 0 });
    expect(standingOf(policy, acks.filter((a) => a.userId === 'anna'), true, clock('2027-04-01T09:00:00.000Z'))).toEqual({
      state: 'expired',
      latest: { version: '1.1', at: '2026-03-10T08:00:00.000Z' },
      validity: { validUntil: '2027-03-10', expiredOn: '2027-03-11', expiresAt: '2027-03-10T21:00:00.000Z' },
    });
  });

  it('owe an expired document again from the day it expired', () => {
    const acks = [ack('x', 'personal-data', '1.1', '2026-03-10T08:00:00.000Z')];
    expect(owedDocs([policy], acks, '2026-01-15', true, clock('2027-02-01T09:00:00.000Z'))).toEqual([]);
    const owed = owedDocs([policy], acks, '2026-01-15', true, clock('2027-04-01T09:00:00.000Z'));
    expect(owed.map((o) => [o.doc.id, o.state, o.since.toISOString().slice(0, 10)])).toEqual([['personal-data', 'expired', '2027-03-11']]);
  });
});
