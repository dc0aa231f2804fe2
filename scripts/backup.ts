// npm run backup: copies the data file into the backups folder now. Safe while the server runs:
// the server replaces the file atomically, so a copy is always a whole file.
import { existsSync } from 'node:fs';
import { dataFiles } from '../src/server/config';
import { makeBackup } from '../src/server/store/backups';

if (!existsSync(dataFiles.store())) {
  console.error(`There is no data file at ${dataFiles.store()} to back up.`);
  process.exit(1);
}
console.log(`Backup written: ${await makeBackup(dataFiles.store(), dataFiles.backups(), 'manual')}`);
