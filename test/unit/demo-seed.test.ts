import { describe, expect, it } from 'vitest';
import { ackState } from '../../src/domain/acknowledgement';
import { monthFiguresOf } from '../../src/domain/motivation';
import { demoPeople, portalStart, type SeedDoc } from '../../src/server/demo/demo-seed';
import { checkedContent } from './checked-content';

// A small company's roles, as the test fixture has them, and the demo company's full set.
const small = [
  { id: 'head-of-sales', path: { docs: [] } },
  { id: 'manager', reportsTo: 'head-of-sales', path: { docs: [] } },
  { id: 'trainee', reportsTo: 'manager', path: { docs: ['leads', 'statute'] } },
];
const full = [
  { id: 'head-of-sales', path: { docs: [] } },
  { id: 'senior-manager', reportsTo: 'head-of-sales', path: { docs: ['statute', 'leads'] } },
  { id: 'account-manager', reportsTo: 'head-of-sales', path: { docs: [] } },
  { id: 'inbound-manager', reportsTo: 'head-of-sales', path: { docs: [] } },
  { id: 'key-account-manager', reportsTo: 'head-of-sales', path: { docs: [] } },
  { id: 'crm-admin', reportsTo: 'head-of-sales', path: { docs: [] } },
  { id: 'sales-trainee', reportsTo: 'senior-manager', path: { docs: ['leads', 'statute'] } },
];
const docs: SeedDoc[] = [
  {
    id: 'leads',
    version: '2.1',
    status: 'active',
    requiresAck: true,
    audience: 'all',
    contentHash: 'h-now',
    effective: new Date('2026-09-01T00:00:00Z'),
    earlier: { version: '1.3', contentHash: 'h-then', replacedOn: new Date('2026-09-01T00:00:00Z') },
  },
  { id: 'statute', version: '1.0', status: 'active', requiresAck: true, audience: 'all', contentHash: 'h-statute', effective: new Date('2026-01-12T00:00:00Z') },
];
const on = (today: string, roles = full) => demoPeople(roles, docs, 'hash', new Date(today));
const user = (data: ReturnType<typeof on>, login: string) => data.users.find((u) => u.login === login)!;

describe('the demo company', () => {
  it('has eight people in a small company’s positions, and a third senior, a key-account manager and a CRM administrator where the content has those positions', () => {
    expect(on('2026-11-27T12:00:00Z', small).users.map((u) => [u.login, u.position])).toEqual([
      ['head', 'head-of-sales'],
      ['mentor1', 'manager'],
      ['mentor2', 'manager'],
      ['trainee1', 'trainee'],
      ['trainee2', 'trainee'],
      ['trainee3', 'trainee'],
      ['trainee4', 'trainee'],
      ['trainee5', 'trainee'],
    ]);
    expect(on('2026-11-27T12:00:00Z').users.map((u) => [u.login, u.position])).toEqual([
      ['head', 'head-of-sales'],
      ['mentor1', 'senior-manager'],
      ['mentor2', 'senior-manager'],
      ['mentor3', 'senior-manager'],
      ['kam1', 'key-account-manager'],
      ['crm1', 'crm-admin'],
      ['trainee1', 'sales-trainee'],
      ['trainee2', 'account-manager'],
      ['trainee3', 'inbound-manager'],
      ['trainee4', 'sales-trainee'],
      ['trainee5', 'account-manager'],
    ]);
  });

  it('gives every new hire a mentor and no mentor more than two of them', () => {
    const data = on('2026-11-27T12:00:00Z');
    const mentees = data.users.filter((u) => u.login.startsWith('trainee'));
    expect(mentees.every((u) => u.mentorId !== null)).toBe(true);
    const load = new Map<string, number>();
    for (const u of mentees) load.set(u.mentorId!, (load.get(u.mentorId!) ?? 0) + 1);
    expect([...load.values()].sort()).toEqual([1, 2, 2]);
    expect(user(data, 'trainee3').mentorId).toBe(user(data, 'mentor3').id);
  });

  it('keeps sales figures for those who sell, and none for the CRM administrator', () => {
    const data = on('2026-11-27T12:00:00Z');
    expect(data.kpiRecords.some((r) => r.userId === user(data, 'kam1').id)).toBe(true);
    expect(data.kpiRecords.some((r) => r.userId === user(data, 'crm1').id)).toBe(false);
  });

  it('starts the portal before the latest kept revision, so its earlier version was read while in force', () => {
    // Four months before 27 November is 30 July, before the revision of 1 September: four months it is.
    expect(portalStart(docs, new Date('2026-11-27T12:00:00Z'))).toBe('2026-07-30');
    // In 2028 four months back is long after the revision: a month before it, then.
    expect(portalStart(docs, new Date('2028-02-29T12:00:00Z'))).toBe('2026-08-02');
    expect(portalStart([docs[1]!], new Date('2028-02-29T12:00:00Z'))).toBe('2027-11-01');
  });

  it('has the second senior manager read, on her account’s first day, the version then in force — the earlier one of a document revised since', () => {
    for (const [today, readOn] of [
      ['2026-11-27T12:00:00Z', '2026-07-31'],
      ['2028-02-29T12:00:00Z', '2026-08-03'],
    ] as const) {
      const data = on(today);
      const mentor2 = user(data, 'mentor2');
      expect(mentor2.createdAt.slice(0, 10) < readOn).toBe(true);
      const mine = data.acknowledgements.filter((a) => a.userId === mentor2.id);
      expect(mine.map((a) => [a.docId, a.version, a.contentHash, a.at])).toEqual([
        ['leads', '1.3', 'h-then', `${readOn}T04:30:00.000Z`],
        ['statute', '1.0', 'h-statute', `${readOn}T04:40:00.000Z`],
      ]);
      expect(ackState('2.1', mine.filter((a) => a.docId === 'leads').map((a) => a.version))).toBe('outdated');
    }
  });

  it('has trainees confirm only versions in force: a version that took effect after their first day, the day after it did', () => {
    // Hired 85 days before 18 November, on 25 August: 2.1 took effect on 1 September.
    const early = on('2026-11-18T06:00:00Z');
    const trainee1 = user(early, 'trainee1');
    expect(trainee1.hired).toBe('2026-08-25');
    expect(early.acknowledgements.filter((a) => a.userId === trainee1.id).map((a) => [a.docId, a.version, a.at])).toEqual([
      ['leads', '2.1', '2026-09-02T04:30:00.000Z'],
      ['statute', '1.0', '2026-08-26T04:45:00.000Z'],
    ]);
    // Hired on 3 September, after it: their first day.
    const later = on('2026-11-27T12:00:00Z');
    const trainee1Later = user(later, 'trainee1');
    expect(later.acknowledgements.filter((a) => a.userId === trainee1Later.id).map((a) => [a.docId, a.version, a.at])).toEqual([
      ['leads', '2.1', '2026-09-04T04:30:00.000Z'],
      ['statute', '1.0', '2026-09-04T04:45:00.000Z'],
    ]);
    // Nobody new confirmed an earlier version.
    const newHires = new Set(later.users.filter((u) => u.login.startsWith('trainee')).map((u) => u.id));
    expect(later.acknowledgements.filter((a) => newHires.has(a.userId) && a.version !== docs.find((d) => d.id === a.docId)!.version)).toEqual([]);
  });

  it('gives everyone whose position has a bonus scheme every figure it needs, on the scheme’s scale', () => {
    const schemes = checkedContent('content').motivation;
    const scheme = schemes.find((s) => s.id === 'key-account-scheme')!.data;
    const data = demoPeople(
      full.map((r) => (r.id === 'sales-trainee' ? { ...r, scheme } : r)),
      docs,
      'hash',
      new Date('2026-11-27T12:00:00Z'),
    );
    const trainee = data.users.find((u) => u.login === 'trainee1')!;
    const mentor = data.users.find((u) => u.login === 'mentor1')!;
    const records = data.kpiRecords.filter((r) => r.userId === trainee.id);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(Object.keys(record.metrics).sort()).toEqual(['growth', 'lost']);
      expect(monthFiguresOf(scheme, record).missing).toEqual([]);
      // Clients lost are whole clients within the scale.
      expect(Number.isInteger(record.metrics.lost)).toBe(true);
      expect(record.metrics.lost).toBeGreaterThanOrEqual(0);
      expect(record.metrics.lost).toBeLessThanOrEqual(2);
      expect(record.metrics.growth).toBeGreaterThanOrEqual(0);
    }
    // A position without a scheme carries no other figures.
    expect(data.kpiRecords.filter((r) => r.userId === mentor.id).every((r) => Object.keys(r.metrics).length === 0)).toBe(true);
  });
});
