import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { AuditLog, verifyAuditLog } from '../../src/server/store/audit';

async function logWith(count: number) {
  const path = join(tempDir('salesbook-audit-'), 'audit.jsonl');
  const log = new AuditLog(path);
  await Promise.all(Array.from({ length: count }, (_, i) => log.append({ actor: 'u1', action: 'doc.acknowledge', subject: `doc:d${i}`, details: { version: '1.0' } })));
  return path;
}

describe('the audit log', () => {
  it('chains every entry to the one before, even when appended concurrently', async () => {
    const path = await logWith(20);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(20);
    expect(JSON.parse(lines[0]!).prev).toBe('0'.repeat(64));
    expect(verifyAuditLog(readFileSync(path, 'utf8'))).toEqual({ ok: true, entries: 20 });
  });

  it('continues the chain after a restart', async () => {
    const path = await logWith(3);
    await new AuditLog(path).append({ actor: 'u2', action: 'user.add', subject: 'user:x', details: {} });
    expect(verifyAuditLog(readFileSync(path, 'utf8'))).toEqual({ ok: true, entries: 4 });
  });

  it('names the first line after an edit', async () => {
    const path = await logWith(5);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    lines[2] = lines[2]!.replace('doc:d', 'doc:x');
    writeFileSync(path, `${lines.join('\n')}\n`);
    expect(verifyAuditLog(readFileSync(path, 'utf8'))).toEqual({
      ok: false,
      line: 4,
      reason: 'its link to the previous line does not match: a line before it was changed, removed or inserted',
    });
  });

  it('names the line after a deletion', async () => {
    const path = await logWith(5);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    lines.splice(1, 1);
    expect(verifyAuditLog(`${lines.join('\n')}\n`)).toMatchObject({ ok: false, line: 2 });
  });

  it('refuses to record passwords, hashes or session ids', async () => {
    const log = new AuditLog(join(tempDir('salesbook-audit-'), 'audit.jsonl'));
    expect(() => log.append({ actor: 'u', action: 'x', subject: 'y', details: { passwordHash: 'scrypt$…' } })).toThrow('never records "passwordHash"');
    expect(() => log.append({ actor: 'u', action: 'x', subject: 'y', details: { sessionId: 'abc' } })).toThrow();
  });
});
