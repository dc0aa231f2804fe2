import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { THROTTLE_CHANNEL, ensureSchemaLocked } from '../store/pg-schema';
import { keepListening } from '../store/pg-listener';
import { LoginThrottle, type ThrottleEvent, type ThrottleRules } from './login-throttle';

// The sign-in throttle of several servers on one database. Each server keeps its counts in memory
// and answers every attempt from them at once, as one server does; what it counts (an attempt it
// admitted, its outcome, a head's unlock) is written to sb_throttle_events and announced, and the
// other servers apply it as their own. A server that starts reads the events still within the
// throttle's window. Attempts at two servers within the same few milliseconds may each pass before
// hearing of the other: the limits hold to within that.

export interface SharedThrottle {
  throttle: LoginThrottle;
  close(): Promise<void>;
}

export async function openSharedThrottle(url: string, rules: Partial<ThrottleRules> = {}): Promise<SharedThrottle> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', (error) => console.error(`Salesbook: a connection of the sign-in throttle broke (${error.message}); a new one is made when needed.`));
  const client = await pool.connect();
  try {
    await ensureSchemaLocked(client);
  } finally {
    client.release();
  }
  /** Marks this server's events, so that hearing them back applies nothing twice. */
  const origin = randomUUID();
  let lastSeen = '0';
  let writing: Promise<unknown> = Promise.resolve();
  const throttle: LoginThrottle = new LoginThrottle(rules, (event) => {
    // Written in the order they happened here; a failed write is logged and this server still counts it.
    writing = writing.then(async () => {
      try {
        const { rows } = await pool.query<{ id: string }>(`insert into sb_throttle_events (event) values ($1) returning id`, [JSON.stringify({ ...event, origin })]);
        await pool.query(`select pg_notify('${THROTTLE_CHANNEL}', $1)`, [rows[0]!.id]);
      } catch (error) {
        console.error(`Salesbook: a sign-in failure could not be shared with the other servers (${(error as Error).message}); this server still counts it.`);
      }
    });
  });
  const windowMs = throttle.rules.windowMs;
  let reading: Promise<void> | undefined;
  let again = false;
  const catchUp = async (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        const { rows } = await pool.query<{ id: string; event: ThrottleEvent & { origin: string } }>(
          `select id, event from sb_throttle_events where id > $1 and at > now() - $2::interval order by id`,
          [lastSeen, `${windowMs} milliseconds`],
        );
        for (const row of rows) {
          lastSeen = row.id;
          const { origin: from, ...event } = row.event;
          if (from !== origin) throttle.apply(event as ThrottleEvent);
        }
      } while (again);
    })().finally(() => (reading = undefined));
    return reading;
  };
  await catchUp();
  const listening = keepListening(url, THROTTLE_CHANNEL, () => void catchUp().catch(() => undefined), () => void catchUp().catch(() => undefined));
  const prune = setInterval(
    () => void pool.query(`delete from sb_throttle_events where at < now() - $1::interval`, [`${windowMs} milliseconds`]).catch(() => undefined),
    Math.max(60_000, windowMs),
  );
  prune.unref();
  return {
    throttle,
    async close() {
      clearInterval(prune);
      await writing;
      await listening.close();
      await pool.end();
    },
  };
}
