import { describe, expect, it } from 'vitest';
import { ackState, inReadingOrder, outstandingDocs, requiredDocs, type AckDoc } from '../../src/domain/acknowledgement';
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
      { docId: 'a', version: '1.0' },
      { docId: 'b', version: '1.0' },
    ];
    expect(outstandingDocs(required, acks).map(({ doc, state }) => [doc.id, state])).toEqual([
      ['a', 'outdated'],
      ['c', 'unconfirmed'],
    ]);
  });
});
