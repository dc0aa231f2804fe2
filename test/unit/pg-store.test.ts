// The PostgreSQL store's own promises: the rules its tables keep whatever a change does, several
// stores (servers) on one database that see each other's changes, the audit log in the database, and
// data of an older version migrated in place.
import { expect, it, vi } from 'vitest';
import pg from 'pg';
import type { Store } from '../../src/server/store/store';
import { CURRENT_SCHEMA_VERSION, type QuizAttempt, type Signoff } from '../../src/server/store/data';
import { verifyAuditLog } from '../../src/server/store/audit';
import { openPgStore } from '../../src/server/store/pg-store';
import { describeOnPostgres, postgresKind, type StorePlace } from '../store-kinds';
import { storedPerson, TEST_AUDIT_KEY } from '../store-files';

type PgPlace = StorePlace & { url: string };
const place = async () => (await postgresKind.place()) as PgPlace;
const person = storedPerson;

async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const at = '2026-05-01T09:00:00.000Z';
const ack = (id: string, userId: string, version = '1.0', when = at) => ({ id, userId, docId: 'crm-entry', version, contentHash: null, at: when });
const attempt = (id: string, submittedAt: string | null): QuizAttempt => ({
  id, userId: 'id-anna', quizId: 'basics-final', kind: 'full', docVersions: {}, seed: 's', startedAt: at, deadline: null,
  questions: [{ id: 'q1' }], answers: {}, submittedAt, late: false, score: submittedAt ? 100 : null, passed: submittedAt ? true : null,
  results: submittedAt ? [{ id: 'q1', points: 1, outcome: 'right' }] : [],
});
const signoff = (id: string, verdict: Signoff['verdict'] = 'passed'): Signoff => ({
  id, userId: 'id-anna', checklistId: 'calls', itemId: 'greeting', verdict, rating: null, comment: '', signedBy: 'id-mentor', at, docVersions: {}, requestId: null,
});

/** Waits until `store` has caught up to `generation` (its announcement may take a moment). */
async function caughtUp(store: Store, generation: number): Promise<void> {
  const until = Date.now() + 5000;
  while (store.generation < generation) {
    if (Date.now() > until) throw new Error(`the store stayed at generation ${store.generation}, not ${generation}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeOnPostgres('the rules the tables keep', () => {
  it('refuses a second confirmation of the same version by the same person on one day, and changes nothing', async () => {
    const db = await place();
    const store = await db.open();
    await store.mutate((d) => void d.acknowledgements.push(ack('a1', 'id-anna')));
    await expect(store.mutate((d) => void d.acknowledgements.push(ack('a2', 'id-anna')))).rejects.toThrow(/refused the change .*sb_acknowledgements_rule_2/);
    expect(await store.read((d) => d.acknowledgements.map((a) => a.id))).toEqual(['a1']);
    expect(store.generation).toBe(1);
    // Another version, or another person, is a confirmation of its own; so is the same version
    // confirmed again once the earlier confirmation lapsed, months later.
    await store.mutate((d) => void d.acknowledgements.push(ack('a3', 'id-anna', '1.1'), ack('a4', 'id-boris'), ack('a5', 'id-anna', '1.0', '2026-11-02T09:00:00.000Z')));
    expect((await db.durable()).acknowledgements.map((a) => a.id)).toEqual(['a1', 'a3', 'a4', 'a5']);
  });

  it('keeps one open attempt per person and quiz; a submitted one makes room for the next', async () => {
    const db = await place();
    const store = await db.open();
    await store.mutate((d) => void d.quizAttempts.push(attempt('t1', null)));
    await expect(store.mutate((d) => void d.quizAttempts.push(attempt('t2', null)))).rejects.toThrow(/sb_quiz_attempts_rule_2/);
    await store.mutate((d) => {
      d.quizAttempts[0] = attempt('t1', at);
      d.quizAttempts.push(attempt('t2', null));
    });
    expect((await db.durable()).quizAttempts.map((a) => [a.id, a.submittedAt])).toEqual([['t1', at], ['t2', null]]);
  });

  it('never changes or removes a verdict, nor a line of the audit log', async () => {
    const db = await place();
    const store = await db.open();
    await store.mutate((d) => void d.signoffs.push(signoff('s1', 'needs-work')), () => ({ actor: 'id-mentor', action: 'signoff.record', subject: 'user:id-anna', details: {} }));
    await expect(store.mutate((d) => void (d.signoffs[0] = signoff('s1', 'passed')))).rejects.toThrow(/never changed or removed/);
    await expect(store.mutate((d) => void (d.signoffs = []))).rejects.toThrow(/never changed or removed/);
    expect(await store.read((d) => d.signoffs.map((s) => s.verdict))).toEqual(['needs-work']);
    await store.mutate((d) => void d.signoffs.push(signoff('s2', 'passed')));
    expect((await db.durable()).signoffs.map((s) => s.id)).toEqual(['s1', 's2']);
    await expect(sql(db.url, `update sb_audit set line = 'x'`)).rejects.toThrow(/never changed or removed/);
    await expect(sql(db.url, `delete from sb_audit`)).rejects.toThrow(/never changed or removed/);
    await expect(sql(db.url, `truncate sb_audit`)).rejects.toThrow(/never changed or removed/);
    await expect(sql(db.url, `delete from sb_signoffs`)).rejects.toThrow(/never changed or removed/);
  });
});

describeOnPostgres('the rules of figures, pay and company accounts', () => {
  const kpi = (month: string, margin: number) => ({ userId: 'id-anna', month, revenue: 1_000_000, margin, deals: 2, leads: 8, plan: 200_000, metrics: {}, source: 'month.csv', importedAt: at });
  const adjustment = (id: string, amount: number) => ({ id, userId: 'id-anna', month: '2026-04', amount, reason: 'Премия за тендер', by: 'id-head', at });
  const link = (userId: string, subject: string) => ({ userId, issuer: 'https://id.example.ru/realms/sales', subject, linkedAt: at });

  it('keeps one month of figures per person: a second record of the month is refused, replacing it is not', async () => {
    const db = await place();
    const store = await db.open();
    await store.mutate((d) => void d.kpiRecords.push(kpi('2026-04', 250_000)));
    await expect(store.mutate((d) => void d.kpiRecords.push(kpi('2026-04', 260_000)))).rejects.toThrow(/sb_kpi_records_rule_1/);
    await store.mutate((d) => void (d.kpiRecords[0] = kpi('2026-04', 260_000)));
    expect((await db.durable()).kpiRecords.map((r) => r.margin)).toEqual([260_000]);
  });

  it('never changes or removes a pay adjustment: a wrong one is undone by an opposite one', async () => {
    const db = await place();
    const store = await db.open();
    await store.mutate((d) => void d.payAdjustments.push(adjustment('p1', 5_000)));
    await expect(store.mutate((d) => void (d.payAdjustments[0] = adjustment('p1', 500)))).rejects.toThrow(/never changed or removed/);
    await expect(store.mutate((d) => void (d.payAdjustments = []))).rejects.toThrow(/never changed or removed/);
    await store.mutate((d) => void d.payAdjustments.push(adjustment('p2', -5_000)));
    expect((await db.durable()).payAdjustments.map((a) => a.amount)).toEqual([5_000, -5_000]);
  });

  it('lets an account at the provider open one person’s records, and a person have one account there', async () => {
    const db = await place();
    const store = await db.open();
    await store.mutate((d) => void d.identityLinks.push(link('id-anna', 'sub-1')));
    await expect(store.mutate((d) => void d.identityLinks.push(link('id-boris', 'sub-1')))).rejects.toThrow(/sb_identity_links_rule_1/);
    await expect(store.mutate((d) => void d.identityLinks.push(link('id-anna', 'sub-2')))).rejects.toThrow(/sb_identity_links_rule_2/);
    // Unlinked by a head, the person links their account made anew.
    await store.mutate((d) => void (d.identityLinks = []));
    await store.mutate((d) => void d.identityLinks.push(link('id-anna', 'sub-2')));
    expect((await db.durable()).identityLinks.map((l) => l.subject)).toEqual(['sub-2']);
  });
});

describeOnPostgres('several stores on one database', () => {
  it('each sees the changes of the others, and its generation follows the database’s change numbers', async () => {
    const db = await place();
    const one = await db.open();
    const two = await db.open();
    await one.mutate((d) => void d.users.push(person('anna')));
    await caughtUp(two, 1);
    expect(await two.read((d) => d.users.map((u) => u.login))).toEqual(['anna']);
    await two.mutate((d) => void d.users.push(person('boris')));
    await caughtUp(one, 2);
    expect(await one.read((d) => d.users.map((u) => u.login))).toEqual(['anna', 'boris']);
    expect([one.generation, two.generation]).toEqual([2, 2]);
  });

  it('a store whose listening connection is cut says so, connects again and catches up', async () => {
    const db = await place();
    const one = await db.open();
    const two = await db.open();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const cut = await sql<{ done: boolean }>(db.url, `select pg_terminate_backend(pid) as done from pg_stat_activity where datname = current_database() and query like 'listen %'`);
      expect(cut.length).toBe(2);
      await one.mutate((d) => void d.users.push(person('anna')));
      await caughtUp(two, 1);
      expect(await two.read((d) => d.users.map((u) => u.login))).toEqual(['anna']);
      expect(errors.mock.calls.some(([message]) => String(message).includes("the connection that hears other servers' changes"))).toBe(true);
    } finally {
      errors.mockRestore();
    }
  });

  it('checks every change against the latest data, whichever store made the one before', async () => {
    const db = await place();
    const stores = [await db.open(), await db.open(), await db.open()];
    // Each adds "same" only when no store has added it yet, then one person of its own.
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        stores[i % 3]!.mutate((d) => {
          if (!d.users.some((u) => u.login === 'same')) d.users.push(person('same'));
          d.users.push(person(`p${i}`));
        }),
      ),
    );
    const durable = await db.durable();
    expect(durable.users).toHaveLength(31);
    expect(durable.users.filter((u) => u.login === 'same')).toHaveLength(1);
    for (const store of stores) await caughtUp(store, 30);
    for (const store of stores) expect(await store.read((d) => d)).toEqual(durable);
  });

  it('chains the audit entries of every store into one log that verifies', async () => {
    const db = await place();
    const one = await db.open();
    const two = await db.open();
    for (let i = 0; i < 6; i++) {
      await (i % 2 ? two : one).record({ actor: `id-${i}`, action: 'user.sign-in', subject: `user:id-${i}`, details: {} });
    }
    const lines = (await sql<{ line: string }>(db.url, 'select line from sb_audit order by seq')).map((r) => r.line);
    expect(lines).toHaveLength(6);
    const head = (await db.durable()).auditHead;
    expect(verifyAuditLog(`${lines.join('\n')}\n`, TEST_AUDIT_KEY, head)).toMatchObject({ ok: true, entries: 6 });
  });

  it('keeps only the latest changes; a store further behind loads the tables anew, and goes on', async () => {
    const db = await place();
    const one = await db.open({ keepChanges: 3 });
    const behind = await openPgStore({ url: db.url, auditKey: TEST_AUDIT_KEY, keepChanges: 3, listen: false });
    for (let i = 0; i < 10; i++) await one.mutate((d) => void d.users.push(person(`p${i}`)));
    const kept = await sql<{ seq: string }>(db.url, 'select seq from sb_changes order by seq');
    expect(kept.map((r) => Number(r.seq))).toEqual([7, 8, 9, 10]);
    expect(behind.generation).toBe(0);
    await behind.mutate((d) => void d.users.push(person('late')));
    expect(behind.generation).toBe(11);
    expect(await behind.read((d) => d)).toEqual(await db.durable());
    expect((await db.durable()).users.map((u) => u.login)).toEqual([...Array.from({ length: 10 }, (_, i) => `p${i}`), 'late']);
    await behind.close();
  });

  it('a store stops changing data that a newer Salesbook has taken over, and says so', async () => {
    const db = await place();
    const store = await db.open();
    await store.mutate((d) => void d.users.push(person('anna')));
    await sql(db.url, `insert into sb_changes (seq, version, ops) values (2, $1, '[]')`, [CURRENT_SCHEMA_VERSION + 1]);
    await expect(store.mutate((d) => void d.users.push(person('boris')))).rejects.toThrow(/written by another Salesbook; this one .* takes no more changes/);
    expect((await db.durable()).users).toHaveLength(1);
  });
});

describeOnPostgres('starting on a database', () => {
  it('migrates data of an older version in place, and tells the other servers', async () => {
    const db = await place();
    const store = await db.open();
    await store.mutate((d) => void d.users.push(person('anna')));
    await store.close();
    // As version 4 kept an attempt: no kind, no documents' versions.
    const { kind: _kind, docVersions: _versions, ...old } = attempt('t1', at);
    await sql(db.url, `update sb_values set value = '4' where key = 'schemaVersion'`);
    await sql(db.url, `insert into sb_quiz_attempts (pos, body) values (0, $1)`, [JSON.stringify(old)]);
    const upgraded = await db.open();
    expect(await upgraded.read((d) => d.quizAttempts.map((a) => [a.kind, a.docVersions]))).toEqual([['full', null]]);
    expect(await upgraded.read((d) => d.users.map((u) => u.login))).toEqual(['anna']);
    expect((await sql<{ value: number }>(db.url, `select value from sb_values where key = 'schemaVersion'`))[0]!.value).toBe(CURRENT_SCHEMA_VERSION);
    expect(await sql(db.url, 'select seq, version from sb_changes order by seq')).toEqual([
      { seq: '1', version: CURRENT_SCHEMA_VERSION },
      { seq: '2', version: CURRENT_SCHEMA_VERSION },
    ]);
  });

  it('refuses data written by a newer Salesbook and leaves it as it is', async () => {
    const db = await place();
    await (await db.open()).close();
    await sql(db.url, `update sb_values set value = '99' where key = 'schemaVersion'`);
    await expect(db.open()).rejects.toThrow(/newer Salesbook \(data version 99/);
    expect((await sql<{ value: number }>(db.url, `select value from sb_values where key = 'schemaVersion'`))[0]!.value).toBe(99);
  });

  it('gives a collection without a table (one a newer data version added) its table, with its rules', async () => {
    const db = await place();
    await (await db.open()).close();
    await sql(db.url, 'drop table sb_course_feedback');
    const store = await db.open();
    const feedback = (id: string) => ({ id, userId: 'id-anna', courseId: 'basics', rating: 5, comment: null, at });
    await store.mutate((d) => void d.courseFeedback.push(feedback('f1')));
    await expect(store.mutate((d) => void d.courseFeedback.push(feedback('f2')))).rejects.toThrow(/sb_course_feedback_rule_2/);
    expect((await db.durable()).courseFeedback.map((f) => f.id)).toEqual(['f1']);
  });

  it('refuses tables set up by a newer Salesbook', async () => {
    const db = await place();
    await (await db.open()).close();
    await sql(db.url, 'insert into sb_schema (version) values (99)');
    await expect(db.open()).rejects.toThrow(/set up by a newer Salesbook \(tables version 99; this one knows up to 1\)/);
  });

  it('refuses a database it cannot reach, naming it without its password', async () => {
    const db = await place();
    const wrong = new URL(db.url);
    wrong.password = 'secret-password';
    wrong.port = '1';
    const error = await openPgStore({ url: wrong.toString(), auditKey: TEST_AUDIT_KEY }).catch((e: Error) => e);
    expect(String(error)).toMatch(/cannot be reached/);
    expect(String(error)).not.toContain('secret-password');
  });
});
