import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { reloadContent } from '../content-store/library';
import { CONTENT_CHANNEL } from './store/pg-schema';
import { keepListening } from './store/pg-listener';

// Publishing from the browser on one of several servers. The servers share one content folder (the
// same disk, or a network share every server mounts): a publication writes its files there and the
// server that wrote them serves them at once. The others learn of it from an announcement on the
// database and read the folder again, as their watcher would for a file edited by hand; a network
// share often tells no watcher of another machine's writes, so the announcement is what makes every
// server serve the new version within a moment. A server that was not listening reads the folder
// again when it is back.

let announce: ((files: readonly string[]) => void) | undefined;

/** Tells the other servers on the database that files of the content folder changed; nothing without a database. */
export function announceContentChange(files: readonly string[]): void {
  announce?.(files);
}

/** Reads the content folder again when another server announces a change to it, and logs what it found. */
export function shareContentChanges(url: string): { close(): Promise<void> } {
  const origin = randomUUID();
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => undefined);
  const reload = (why: string) => {
    const { changed, problems } = reloadContent();
    if (problems.length > 0) console.warn(`Salesbook: ${why}, but the content folder does not pass the check (${problems.length} problem(s)); the content served stays as it was.`);
    else if (changed) console.log(`Salesbook: ${why}; the new content is served.`);
  };
  announce = (files) => {
    void pool.query(`select pg_notify('${CONTENT_CHANNEL}', $1)`, [JSON.stringify({ origin, files: files.length })]).catch((error: Error) => {
      console.error(`Salesbook: the other servers could not be told of a publication (${error.message}); they serve it once their watcher or a restart reads the folder.`);
    });
  };
  const listening = keepListening(
    url,
    CONTENT_CHANNEL,
    (payload) => {
      let from: unknown;
      try {
        from = (JSON.parse(payload) as { origin?: unknown }).origin;
      } catch {
        from = undefined;
      }
      if (from !== origin) reload('another server published content');
    },
    () => reload('listening for other servers’ publications again'),
  );
  return {
    async close() {
      announce = undefined;
      await listening.close();
      await pool.end();
    },
  };
}
