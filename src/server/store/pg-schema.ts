// The tables of the PostgreSQL store. Every collection of the data (a list of records in
// storeDataSchema) has its own table of (pos, body): the records in order, each as jsonb, with the
// rules that PostgreSQL itself holds them to; the other fields of the data are rows of sb_values. The
// tables are derived from the schema's keys at every start, so a collection added to the data gets
// its table without a migration here. What is not derived is numbered in PG_MIGRATIONS, like the data
// file's own migrations, and recorded in sb_schema.
import type pg from 'pg';
import { z } from 'astro/zod';
import { storeDataSchema } from './data';

/** The key every writer of the store takes for its transaction (pg_advisory_xact_lock): one change at a time, across servers. */
export const WRITE_LOCK = 0x5a1e5b00c;
/** The channel a committed change is announced on, with its sequence number. */
export const CHANGES_CHANNEL = 'salesbook_changes';
/** The channel a publication from the browser is announced on: the other servers reload the content folder. */
export const CONTENT_CHANNEL = 'salesbook_content';
/** The channel sign-in failures and unlocks are told on (login-throttle's shared form). */
export const THROTTLE_CHANNEL = 'salesbook_throttle';

type FieldSchema = (typeof storeDataSchema.shape)[keyof typeof storeDataSchema.shape];

/** The data's fields that are lists of records, each with its table: `quizAttempts` → `sb_quiz_attempts`. */
export function collectionTables(): Map<string, string> {
  const tables = new Map<string, string>();
  for (const [key, field] of Object.entries(storeDataSchema.shape as Record<string, FieldSchema>)) {
    const inner = field instanceof z.ZodDefault ? field.unwrap() : field;
    if (inner instanceof z.ZodArray) tables.set(key, `sb_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`);
  }
  return tables;
}

const text = (field: string) => `(body->>'${field}')`;
/** The UTC day of a record's time field. */
const day = (field: string) => `(left(body->>'${field}', 10))`;
/**
 * Fields (or expressions, in parentheses) unique together among the records (that `where` picks).
 * Deferred to the end of the transaction, so that records moving places within one change never clash with themselves.
 */
const unique = (fields: string[], where?: string) =>
  `exclude using btree (${fields.map((f) => `${f.startsWith('(') ? f : text(f)} with =`).join(', ')})${where ? ` where (${where})` : ''} deferrable initially deferred`;

/**
 * The rules of the data that PostgreSQL keeps, by collection: a change breaking one is rolled back
 * and rejected. Collections not named here still get their table, with no rule beyond its shape.
 */
export const COLLECTION_RULES: Record<string, { constraints: string[]; appendOnly?: true }> = {
  users: { constraints: [unique(['id']), unique(['login'])] },
  // One confirmation per person, document and version a day: the same version is confirmed again only
  // once the earlier confirmation has lapsed (a document's validity, in months).
  acknowledgements: { constraints: [unique(['id']), unique(['userId', 'docId', 'version', day('at')])] },
  // One open attempt per person and quiz: an attempt is open until it has been submitted.
  quizAttempts: { constraints: [unique(['id']), unique(['userId', 'quizId'], `${text('submittedAt')} is null`)] },
  quizGrants: { constraints: [unique(['id'])] },
  courseFeedback: { constraints: [unique(['id']), unique(['userId', 'courseId'])] },
  // Verdicts and the requests they answer are only ever added: the history of every checklist item stays whole.
  signoffs: { constraints: [unique(['id'])], appendOnly: true },
  signoffRequests: { constraints: [unique(['id'])], appendOnly: true },
  dialogueRuns: { constraints: [unique(['id'])] },
  notifications: { constraints: [unique(['id'])] },
  outbox: { constraints: [unique(['id'])] },
  contentDrafts: { constraints: [unique(['id'])] },
  // One month of figures per person: an import or a pull replaces the month on record.
  kpiRecords: { constraints: [unique(['userId', 'month'])] },
  // Approved pay is never edited: a correction is the next revision, and an adjustment is undone by an opposite one.
  payStatements: { constraints: [unique(['id']), unique(['userId', 'month', 'revision'])], appendOnly: true },
  payAdjustments: { constraints: [unique(['id'])], appendOnly: true },
  // A CRM user is one person, a figure comes from one place, and an account at a provider opens one person's records.
  crmUserLinks: { constraints: [unique(['crm', 'crmUserId'])] },
  crmFields: { constraints: [unique(['crm', 'kpi'])] },
  identityLinks: { constraints: [unique(['issuer', 'subject']), unique(['userId', 'issuer'])] },
};

/**
 * Numbered migrations of the tables that are not derived from the data's schema: `PG_MIGRATIONS[n]`
 * brings the database from version n - 1 to n. Each runs once, inside the start's transaction.
 */
export const PG_MIGRATIONS: Record<number, string> = {
  1: `
    -- The data's fields that are not collections, one row each; and "writes", the last change's number.
    create table sb_values (key text primary key, value jsonb not null);
    -- Every change, as the steps the JSON store's journal writes: what other servers catch up on.
    create table sb_changes (seq bigint primary key, version int not null, ops json not null, at timestamptz not null default now());
    -- The audit log, one line per entry, chained like audit.jsonl; only ever added to.
    create table sb_audit (seq bigserial primary key, line text not null, at timestamptz not null default now());
    create function sb_refuse_change() returns trigger language plpgsql as $$
    begin
      -- A data migration or a move rewrites whole tables, and says so for its own transaction only.
      if current_setting('salesbook.rewrite', true) = 'on' then
        if tg_op = 'DELETE' then return old; end if;
        return new;
      end if;
      raise exception 'Salesbook: % keeps what it was given; rows are never changed or removed', tg_table_name using errcode = 'restrict_violation';
    end $$;
    create trigger sb_audit_append_only before update or delete on sb_audit for each row execute function sb_refuse_change();
    create trigger sb_audit_no_truncate before truncate on sb_audit execute function sb_refuse_change();
    -- Signed-in sessions, by a hash of their id, so that any server answers any request.
    create table sb_sessions (key text primary key, value text not null, touched timestamptz not null default now());
    create index sb_sessions_touched on sb_sessions (touched);
    -- Sign-in failures, kept as long as the throttle counts them, for servers that start meanwhile.
    create table sb_throttle_events (id bigserial primary key, at timestamptz not null default now(), event jsonb not null);
  `,
};

/** Creates what is missing: the numbered migrations not yet run, and a table for every collection. Runs under the write lock. */
export async function ensureSchema(client: pg.PoolClient | pg.Client): Promise<void> {
  await client.query('create table if not exists sb_schema (version int not null)');
  const { rows } = await client.query<{ version: number }>('select max(version) as version from sb_schema');
  const done = rows[0]?.version ?? 0;
  const last = Math.max(...Object.keys(PG_MIGRATIONS).map(Number));
  if (done > last) {
    throw new Error(`Salesbook cannot start: the database was set up by a newer Salesbook (tables version ${done}; this one knows up to ${last}). Upgrade Salesbook.`);
  }
  for (let version = done + 1; version <= last; version++) {
    await client.query(PG_MIGRATIONS[version]!);
    await client.query('insert into sb_schema (version) values ($1)', [version]);
  }
  const { rows: existing } = await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = current_schema()`);
  const have = new Set(existing.map((r) => r.name));
  for (const [key, table] of collectionTables()) {
    if (have.has(table)) continue;
    const rules = COLLECTION_RULES[key];
    const constraints = (rules?.constraints ?? []).map((rule, i) => `, constraint ${table}_rule_${i + 1} ${rule}`).join('');
    await client.query(`create table ${table} (pos int primary key check (pos >= 0), body jsonb not null check (jsonb_typeof(body) = 'object')${constraints})`);
    if (rules?.appendOnly) {
      await client.query(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function sb_refuse_change()`);
      await client.query(`create trigger ${table}_no_truncate before truncate on ${table} execute function sb_refuse_change()`);
    }
  }
}

/** Takes the write lock in an open transaction and brings the tables up to date. */
export async function ensureSchemaLocked(client: pg.PoolClient | pg.Client): Promise<void> {
  await client.query('begin');
  try {
    await client.query('select pg_advisory_xact_lock($1)', [WRITE_LOCK]);
    await ensureSchema(client);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}
