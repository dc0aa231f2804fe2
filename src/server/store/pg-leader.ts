import pg from 'pg';
import { databaseName } from './pg-store';

/** The session lock of the one server that sends from the outbox and reads the Telegram bot's updates. */
export const SENDER_LOCK = 0x5a1e5b5e4d;

/**
 * Runs `start` on one server of those on the database at a time: the one holding a session-level
 * advisory lock on a connection of its own. The others try again every `retryMs`; when the holder
 * stops or its connection breaks, PostgreSQL releases the lock and another server takes over. A
 * holder whose connection breaks runs `stop` at once, so two servers overlap at most for the moment
 * it takes PostgreSQL to see the connection gone.
 */
export function whileLeading(url: string, key: number, what: string, start: () => void, stop: () => Promise<void>, retryMs = 10_000): { close(): Promise<void> } {
  let client: pg.Client | undefined;
  let leading = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const where = databaseName(url);
  const later = () => {
    if (!closed) timer = setTimeout(tryToLead, retryMs);
    timer?.unref();
  };
  const lose = async (why: string) => {
    if (!leading) return;
    leading = false;
    console.error(`Salesbook: this server stops ${what} (${why}); another server on ${where} takes over.`);
    await stop().catch(() => undefined);
  };
  const tryToLead = () => {
    const next = new pg.Client({ connectionString: url });
    next.on('error', (error) => {
      if (client !== next) return;
      client = undefined;
      void next.end().catch(() => undefined);
      void lose(`its connection to the database broke: ${error.message}`).then(later);
    });
    next
      .connect()
      .then(() => next.query<{ held: boolean }>('select pg_try_advisory_lock($1) as held', [key]))
      .then(async ({ rows }) => {
        if (closed || !rows[0]?.held) {
          await next.end().catch(() => undefined);
          return later();
        }
        client = next;
        leading = true;
        start();
      })
      .catch(async () => {
        await next.end().catch(() => undefined);
        later();
      });
  };
  tryToLead();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await lose('it stops');
      await client?.end().catch(() => undefined);
    },
  };
}
