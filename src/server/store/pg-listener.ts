import pg from 'pg';
import { databaseName } from './pg-store';

/**
 * Listens on a PostgreSQL channel for as long as the server runs: a connection that breaks is made
 * again a second later, and `connected` runs each time it is (up), so that the caller catches up on
 * what was announced while nobody listened.
 */
export function keepListening(url: string, channel: string, heard: (payload: string) => void, connected: () => void): { close(): Promise<void> } {
  let client: pg.Client | undefined;
  let closed = false;
  const where = databaseName(url);
  const again = () => {
    if (!closed) setTimeout(connect, 1000).unref();
  };
  const connect = () => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel) heard(message.payload ?? '');
    });
    next.on('error', (error) => {
      if (closed || client !== next) return;
      console.error(`Salesbook: the connection listening on ${channel} at ${where} broke (${error.message}); connecting again.`);
      client = undefined;
      void next.end().catch(() => undefined);
      again();
    });
    next
      .connect()
      .then(() => next.query(`listen ${channel}`))
      .then(() => {
        if (closed) return void next.end().catch(() => undefined);
        client = next;
        connected();
      })
      .catch(() => {
        void next.end().catch(() => undefined);
        again();
      });
  };
  connect();
  return {
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
}
