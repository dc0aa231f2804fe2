// What several servers on one database share besides the data: sessions, the sign-in throttle, the
// one server that sends, and the word that another server published into the shared content folder.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import pg from 'pg';
import { servedContent } from '../../src/content-store/library';
import { shareContentChanges } from '../../src/server/content-sync';
import { databaseSessions } from '../../src/server/http/session-driver';
import { openSharedThrottle } from '../../src/server/http/pg-login-throttle';
import { whileLeading } from '../../src/server/store/pg-leader';
import { CONTENT_CHANNEL } from '../../src/server/store/pg-schema';
import { freshDatabase } from '../pg-cluster';
import { describeOnPostgres, testPostgres } from '../store-kinds';
import { tempDir } from '../temp';

const database = () => freshDatabase((testPostgres() as { url: string }).url);
const closing: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closing.length) await closing.pop()!();
});

async function eventually(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what} did not happen within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeOnPostgres('sessions in the database', () => {
  it('a session written by one server is read by another, under a hash of its id, until removed', async () => {
    const url = await database();
    const one = databaseSessions(url);
    const two = databaseSessions(url);
    closing.push(() => one.close(), () => two.close());
    expect(await two.getItem('session-1')).toBeNull();
    await one.setItem('session-1', { userId: 'u1' });
    expect(JSON.parse((await two.getItem('session-1'))!)).toEqual({ userId: 'u1' });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const keys = (await client.query<{ key: string }>('select key from sb_sessions')).rows.map((r) => r.key);
    await client.end();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    await two.removeItem('session-1');
    expect(await one.getItem('session-1')).toBeNull();
  });

  it('a session idle past the limit is over', async () => {
    const url = await database();
    const sessions = databaseSessions(url, 200);
    closing.push(() => sessions.close());
    await sessions.setItem('s', 'kept');
    expect(await sessions.getItem('s')).toBe('kept');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await sessions.getItem('s')).toBeNull();
  });
});

describeOnPostgres('the sign-in throttle of several servers', () => {
  it('failures at one server hold the login back at the other, and a head’s unlock at one lifts it at both', async () => {
    const url = await database();
    const one = await openSharedThrottle(url);
    const two = await openSharedThrottle(url);
    closing.push(() => one.close(), () => two.close());
    // Ten failures a minute apart, each after the wait the one before set: the tenth locks the login at that address.
    const start = Date.now();
    for (let i = 0; i < 10; i++) {
      expect(one.throttle.admit('anna', '10.0.0.1', start + i * 61_000)).toBeUndefined();
      one.throttle.recordFailure('anna', '10.0.0.1', start + i * 61_000);
    }
    const now = start + 9 * 61_000;
    expect(one.throttle.admit('anna', '10.0.0.1', now)).toMatchObject({ kind: 'locked' });
    await eventually(() => two.throttle.stateOf('anna', now).lockedMs > 0, 'the lock reaching the other server');
    expect(two.throttle.admit('anna', '10.0.0.1', now)).toMatchObject({ kind: 'locked' });
    // A server started now reads the failures still counted.
    const three = await openSharedThrottle(url);
    closing.push(() => three.close());
    expect(three.throttle.admit('anna', '10.0.0.1', now)).toMatchObject({ kind: 'locked' });
    expect(two.throttle.unlock('anna', now)).toBe(1);
    await eventually(() => one.throttle.stateOf('anna', now).lockedMs === 0, 'the unlock reaching the first server');
    expect(one.throttle.stateOf('anna', now)).toEqual({ failures: 0, lockedMs: 0 });
    // From another address the login is free again at once; the address's own failures still count.
    expect(one.throttle.admit('anna', '10.0.0.2', now)).toBeUndefined();
  });
});

describeOnPostgres('the one server that sends', () => {
  it('runs on one server at a time, and another takes over when it stops', async () => {
    const url = await database();
    const running = new Set<string>();
    const lead = (name: string) =>
      whileLeading(url, 4242, 'test sending', () => void running.add(name), async () => void running.delete(name), 50);
    const one = lead('one');
    await eventually(() => running.size === 1, 'the first server leading');
    const two = lead('two');
    closing.push(() => two.close());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...running]).toEqual(['one']);
    await one.close();
    await eventually(() => running.has('two'), 'the second server taking over');
    expect([...running]).toEqual(['two']);
  });
});

describeOnPostgres('a publication on another server', () => {
  it('makes this server read the shared content folder again and serve what was published', async () => {
    const folder = tempDir('salesbook-shared-content-');
    cpSync(resolve('test/fixtures/content'), folder, { recursive: true });
    const before = process.env.SALESBOOK_CONTENT;
    process.env.SALESBOOK_CONTENT = folder;
    closing.push(async () => (before === undefined ? delete process.env.SALESBOOK_CONTENT : (process.env.SALESBOOK_CONTENT = before)));
    const served = servedContent();
    const url = await database();
    const sync = shareContentChanges(url);
    closing.push(() => sync.close());
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Another server wrote a document into the shared folder, which this one's watcher does not follow here.
    const file = join(folder, 'docs', 'lead-handling.mdx');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nНовый абзац от другого сервера.\n`);
    expect(servedContent().digest).toBe(served.digest);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`select pg_notify('${CONTENT_CHANNEL}', $1)`, [JSON.stringify({ origin: 'another-server', files: 1 })]);
    await client.end();
    await eventually(() => servedContent().digest !== served.digest, 'the new content being served');
  });
});
