import { describe, expect, it } from 'vitest';
import { ackState } from '../../src/domain/acknowledgement';
import { monthFiguresOf } from '../../src/domain/motivation';
import { demoPeople, type SeedDoc } from '../../src/server/demo/demo-seed';
import { checkedContent } from './checked-content';

const roles = [
  { id: 'head-of-sales', path: { docs: [] } },
  { id: 'senior-manager', reportsTo: 'head-of-sales', path: { docs: [] } },
  { id: 'sales-trainee', reportsTo: 'senior-manager', path: { docs: ['leads', 'statute'] } },
];
const docs: SeedDoc[] = [
  { id: 'leads', version: '2.1', status: 'active', requiresAck: true, audience: 'all', contentHash: 'h-now', earlier: { version: '1.3', contentHash: 'h-then', replacedOn: new Date('2026-09-01T00:00:00Z') } },
  { id: 'statute', version: '1.0', status: 'active', requiresAck: true, audience: 'all', contentHash: 'h-statute' },
];

describe('the demo company', () => {
  it('has its longest-serving trainee on the earlier major version of a document whose earlier text is kept', () => {
    const data = demoPeople(roles, docs, 'hash', new Date('2026-11-27T12:00:00Z'));
    const trainee1 = data.users.find((u) => u.login === 'trainee1')!;
    const mine = data.acknowledgements.filter((a) => a.userId === trainee1.id);
    const leads = mine.filter((a) => a.docId === 'leads');
    // Hired 85 days before 27 November, on 3 September: after 2.0 took effect, so they read 1.3 on their first day.
    expect(trainee1.hired).toBe('2026-09-03');
    expect(leads.map((a) => [a.version, a.contentHash, a.at])).toEqual([['1.3', 'h-then', '2026-09-03T09:30:00.000Z']]);
    expect(ackState('2.1', leads.map((a) => a.version))).toBe('outdated');
    expect(mine.find((a) => a.docId === 'statute')?.version).toBe('1.0');
  });

  it('dates an earlier confirmation the day before the new major version, when the trainee was there', () => {
    const later = docs.map((d) => (d.earlier ? { ...d, earlier: { ...d.earlier, replacedOn: new Date('2026-10-01T00:00:00Z') } } : d));
    const data = demoPeople(roles, later, 'hash', new Date('2026-11-27T12:00:00Z'));
    const trainee1 = data.users.find((u) => u.login === 'trainee1')!;
    expect(data.acknowledgements.find((a) => a.userId === trainee1.id && a.docId === 'leads')?.at).toBe('2026-09-30T09:30:00.000Z');
  });

  it('keeps the other trainees on current versions', () => {
    const data = demoPeople(roles, docs, 'hash', new Date('2026-11-27T12:00:00Z'));
    const trainee2 = data.users.find((u) => u.login === 'trainee2')!;
    expect(data.acknowledgements.filter((a) => a.userId === trainee2.id).map((a) => [a.docId, a.version])).toEqual([
      ['leads', '2.1'],
      ['statute', '1.0'],
    ]);
  });

  it('gives everyone whose position has a bonus scheme every figure it needs, on the scheme’s scale', () => {
    const schemes = checkedContent('content').motivation;
    const scheme = schemes.find((s) => s.id === 'key-account-scheme')!.data;
    const data = demoPeople(
      roles.map((r) => (r.id === 'sales-trainee' ? { ...r, scheme } : r)),
      docs,
      'hash',
      new Date('2026-11-27T12:00:00Z'),
    );
    const trainee = data.users.find((u) => u.login === 'trainee1')!;
    const mentor = data.users.find((u) => u.login === 'mentor1')!;
    const records = data.kpiRecords.filter((r) => r.userId === trainee.id);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(Object.keys(record.metrics).sort()).toEqual(['retention', 'share']);
      expect(monthFiguresOf(scheme, record).missing).toEqual([]);
      expect(record.metrics.retention).toBeGreaterThanOrEqual(85);
      expect(record.metrics.retention).toBeLessThanOrEqual(100);
    }
    // A position without a scheme carries no other figures.
    expect(data.kpiRecords.filter((r) => r.userId === mentor.id).every((r) => Object.keys(r.metrics).length === 0)).toBe(true);
  });
});
