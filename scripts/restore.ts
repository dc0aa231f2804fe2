// npm run restore            lists the backups
// npm run restore -- NAME    checks backup NAME and makes it the data file (the server must be stopped)
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as clock from '../src/server/clock';
import { auditKey, databaseUrl, dataFiles } from '../src/server/config';
import { pgDumpAdvice } from '../src/server/store/pg-move';
import { listBackups, makeBackup } from '../src/server/store/backups';
import { auditHeadOf } from '../src/server/store/audit';
import { storeDataSchema, type StoreData } from '../src/server/store/data';
import { syncFolder, writeFileDurably } from '../src/server/store/durable-json-file';
import { journalPaths } from '../src/server/store/journal';
import { acquireLock } from '../src/server/store/lock';
import { migrate } from '../src/server/store/migrations';
import { parseDataText, readStoreState } from '../src/server/store/store';

const url = databaseUrl();
if (url) {
  console.error(`${pgDumpAdvice(url)}\nNothing was restored by this command.`);
  process.exit(1);
}
const name = process.argv[2];
const backups = await listBackups(dataFiles.backups());
if (!name) {
  if (backups.length === 0) console.log(`No backups in ${dataFiles.backups()}.`);
  else {
    console.log(`Backups in ${dataFiles.backups()}, newest first:`);
    for (const b of backups) console.log(`  ${b.name}\t${(b.size / 1024).toFixed(1)} KiB\t${b.modified.toISOString()}`);
    console.log('Restore one with: npm run restore -- NAME');
  }
  process.exit(0);
}

const chosen = backups.find((b) => b.name === basename(name));
if (!chosen) {
  console.error(`There is no backup named «${name}». Run npm run restore to list them.`);
  process.exit(1);
}
let data: unknown;
try {
  const parsed = parseDataText(readFileSync(chosen.path, 'utf8'));
  if (typeof parsed === 'string') throw new Error(parsed);
  data = storeDataSchema.parse(migrate(parsed).data);
} catch (error) {
  console.error(`Backup ${chosen.name} is not valid Salesbook data (${(error as Error).message.split('\n')[0]}); nothing was restored.`);
  process.exit(1);
}
let key: Buffer;
try {
  key = auditKey();
} catch (error) {
  console.error(`${(error as Error).message}\nNothing was restored.`);
  process.exit(1);
}
let release: () => void;
try {
  release = acquireLock(dataFiles.lock());
} catch (error) {
  console.error(`${(error as Error).message}\nStop the server before restoring.`);
  process.exit(1);
}
const journals = journalPaths(dataFiles.store());
if (existsSync(dataFiles.store())) {
  // Keep the data as it is now: the file with its journal replayed, or when that cannot be read
  // (perhaps why a backup is being restored), the file and its journals as they are.
  let current: string | undefined;
  try {
    current = JSON.stringify(readStoreState(dataFiles.store()));
  } catch (error) {
    console.log(`${(error as Error).message.split('\n')[0]}\nThe current files are kept as they are.`);
  }
  const kept = await makeBackup(dataFiles.store(), dataFiles.backups(), 'manual', clock.now(), current);
  if (current === undefined) {
    for (const journal of [journals.current, journals.old]) if (existsSync(journal)) copyFileSync(journal, kept + journal.slice(dataFiles.store().length));
  }
  console.log(`The current data was kept as ${join('backups', basename(kept))}.`);
}
// The journals hold changes to the data being replaced: replayed onto the restored file, they would
// mix two histories. They go first, and durably: the data as it was is kept in the backup above, so a
// crash before the restored file is in place leaves an earlier whole state and a restore to run again,
// never the restored file with someone else's changes on top.
for (const journal of [journals.current, journals.old]) rmSync(journal, { force: true });
await syncFolder(dataFiles.store());
// The audit log is not restored: it goes on from its own last entry, which the restored data now records.
await writeFileDurably(dataFiles.store(), JSON.stringify({ ...(data as StoreData), auditHead: auditHeadOf(dataFiles.audit(), key) }));
release();
console.log(`Restored ${chosen.name} into ${dataFiles.store()}.`);
