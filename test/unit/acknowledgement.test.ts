import { describe, expect, it } from 'vitest';
import { ackStanding, ackState, inReadingOrder, outstandingDocs, requiredDocs, type AckDoc } from '../../src/domain/acknowledgement';
import { compareVersions, isMajorChange, parseVersion } from '../../src/domain/versions';

describe('versions', () => {
  it('orders numerically: 2.10 comes after 2.9', () => {
    expect(['2.10', '1.0', '2.9', '10.0', '2.1'].sort(compareVersions)).toEqual(['1.0', '2.1', '2.9', '2.10', '10.0']);
  });
  it('knows a major change from a minor one', () => {
    expect(isMajorChange('1.4', '2.0')).toBe(true);
    expect(isMajorChange('2.0', '2.7')).toBe(false);
  });
  it('refuses text that is not a version', () => {
    expect(() => parseVersion('v2')).toThrow('"v2" is not a version like "2.1"');
  });
});

describe('acknowledgement state', () => {
  it('is unconfirmed with no confirmation', () => {
    expect(ackState('1.0', [])).toBe('unconfirmed');
  });
  it('stays confirmed across a new minor version', () => {
    expect(ackState('1.3', ['1.0'])).toBe('confirmed');
  });
  it('asks again after a new major version', () => {
    expect(ackState('2.0', ['1.0', '1.3'])).toBe('outdated');
  });
  it('compares the latest confirmation by number, not by text', () => {
    expect(ackState('10.0', ['9.0', '10.0'])).toBe('confirmed');
  });
  it('never asks again when the site turns re-acknowledgement off', () => {
    expect(ackState('3.0', ['1.0'], false)).toBe('confirmed');
  });
});

const doc = (id: string, fields: Partial<AckDoc> = {}): AckDoc => ({ id, version: '1.0', status: 'active', requiresAck: true, audience: 'all', ...fields });

describe('required documents', () => {
  const docs = [
    doc('for-all'),
    doc('for-managers', { audience: ['manager'] }),
    doc('for-trainees', { audience: ['trainee'] }),
    doc('no-ack', { requiresAck: false }),
    doc('on-path', { requiresAck: false, audience: ['head'] }),
    doc('draft', { status: 'draft' }),
    doc('archived', { status: 'archived' }),
  ];

  it('asks a position for active documents addressed to it and the documents on its path', () => {
    expect(requiredDocs(docs, 'trainee', ['on-path', 'archived']).map((d) => d.id)).toEqual(['for-all', 'for-trainees', 'on-path']);
  });

  it('are read in the path’s order, whatever order they come in, and the rest as they came after them', () => {
    const order = (position: string, path: string[]) => inReadingOrder(requiredDocs(docs, position, path), path).map((d) => d.id);
    expect(order('trainee', ['on-path', 'archived'])).toEqual(['on-path', 'for-all', 'for-trainees']);
    expect(order('trainee', ['for-trainees', 'no-ack', 'for-all'])).toEqual(['for-trainees', 'no-ack', 'for-all']);
    expect(order('manager', ['no-ack'])).toEqual(['no-ack', 'for-all', 'for-managers']);
  });

  it('lists what is left, saying which are new versions to read again', () => {
    const required = [doc('a', { version: '2.0' }), doc('b', { version: '1.1' }), doc('c')];
    const acks = [
      { docId: 'a', version: '1.0', at: '2026-03-02T09:00:00.000Z' },
      { docId: 'b', version: '1.0', at: '2026-03-02T09:00:00.000Z' },
    ];
    expect(outstandingDocs(required, acks).map(({ doc, state }) => [doc.id, state])).toEqual([
      ['a', 'outdated'],
      ['c', 'unconfirmed'],
    ]);
  });
});

describe('a confirmation with a term (validForMonths)', () => {
  const MOSCOW = 'Europe/Moscow';
  const policy = { version: '2.1', validForMonths: 12 };
  const at = (iso: string) => ({ now: new Date(iso), timeZone: MOSCOW });
  // Confirmed on 15 March 2027, 11:00 in Moscow: it holds through 15 March 2028.
  const confirmations = [
    { version: '1.0', at: '2025-01-10T08:00:00.000Z' },
    { version: '2.0', at: '2027-03-15T08:00:00.000Z' },
  ];

  it('holds its months from the latest confirmation of the current major version, then is "expired"', () => {
    expect(ackStanding(policy, confirmations, true, at('2028-03-15T20:59:00.000Z'))).toMatchObject({ state: 'confirmed', validity: { validUntil: '2028-03-15' } });
    expect(ackStanding(policy, confirmations, true, at('2028-03-15T21:00:00.000Z'))).toMatchObject({ state: 'expired', validity: { validUntil: '2028-03-15', expiredOn: '2028-03-16' } });
    // Confirming again renews it from the new day.
    const renewed = [...confirmations, { version: '2.1', at: '2028-03-20T08:00:00.000Z' }];
    expect(ackStanding(policy, renewed, true, at('2028-04-01T09:00:00.000Z'))).toMatchObject({ state: 'confirmed', validity: { validUntil: '2029-03-20' } });
  });

  it('leaves the other states as they were, and never expires without a term or a clock', () => {
    expect(ackStanding({ version: '3.0', validForMonths: 12 }, confirmations, true, at('2027-04-01T00:00:00.000Z'))).toEqual({ state: 'outdated', validity: null });
    expect(ackStanding(policy, [], true, at('2027-04-01T00:00:00.000Z'))).toEqual({ state: 'unconfirmed', validity: null });
    expect(ackStanding({ version: '2.1' }, confirmations, true, at('2035-01-01T00:00:00.000Z'))).toEqual({ state: 'confirmed', validity: null });
    expect(ackStanding(policy, confirmations)).toEqual({ state: 'confirmed', validity: null });
    // Without confirming again on major versions, any confirmation counts, the latest first.
    expect(ackStanding({ version: '3.0', validForMonths: 12 }, confirmations, false, at('2027-04-01T00:00:00.000Z'))).toMatchObject({ state: 'confirmed', validity: { validUntil: '2028-03-15' } });
  });

  it('puts an expired document back among those to confirm, with the reason', () => {
    const required = [doc('personal-data', { version: '2.1', validForMonths: 12 }), doc('b', { version: '1.0' })];
    const acks = [
      { docId: 'personal-data', version: '2.0', at: '2027-03-15T08:00:00.000Z' },
      { docId: 'b', version: '1.0', at: '2020-01-01T08:00:00.000Z' },
    ];
    expect(outstandingDocs(required, acks, true, at('2028-01-01T00:00:00.000Z'))).toEqual([]);
    expect(outstandingDocs(required, acks, true, at('2028-04-01T00:00:00.000Z'))).toEqual([
      { doc: required[0], state: 'expired', validity: expect.objectContaining({ expiredOn: '2028-03-16' }) },
    ]);
  });
});
