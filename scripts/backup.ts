// npm run backup: writes the data into the backups folder now. Safe while the server runs: the latest
// changes are in the journal beside the data file, so the backup is the file with its journal replayed,
// read without the lock and read again if the server rewrites the file meanwhile, then validated.
// With SALESBOOK_DATABASE_URL set, the data is in PostgreSQL: this says how to back it up with pg_dump.
import { existsSync } from 'node:fs';
import * as clock from '../src/server/clock';
import { databaseUrl, dataFiles } from '../src/server/config';
import { pgDumpAdvice } from '../src/server/store/pg-move';
import { makeBackup } from '../src/server/store/backups';
import { readStoreState } from '../src/server/store/store';

const url = databaseUrl();
if (url) {
  console.error(`${pgDumpAdvice(url)}\nNo backup was made by this command.`);
  process.exit(1);
}
if (!existsSync(dataFiles.store())) {
  console.error(`There is no data file at ${dataFiles.store()} to back up.`);
  process.exit(1);
}
let text: string;
try {
  text = JSON.stringify(readStoreState(dataFiles.store()));
} catch (error) {
  console.error(`${(error as Error).message}\nNothing was backed up.`);
  process.exit(1);
}
try {
  console.log(`Backup written: ${await makeBackup(dataFiles.store(), dataFiles.backups(), 'manual', clock.now(), text)}`);
} catch (error) {
  // Written under a temporary name and renamed only once whole, so a failure leaves no backup at all.
  console.error(`Could not write the backup into ${dataFiles.backups()}: ${(error as Error).message}. No backup was made and nothing half-written was left; free some space (or fix the folder) and run npm run backup again.`);
  process.exit(1);
}
