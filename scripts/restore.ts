// npm run restore            lists the backups
// npm run restore -- NAME    checks backup NAME and makes it the data file (the server must be stopped)
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { dataFiles } from '../src/server/config';
import { listBackups, makeBackup } from '../src/server/store/backups';
import { storeDataSchema } from '../src/server/store/data';
import { writeFileDurably } from '../src/server/store/durable-json-file';
import { acquireLock } from '../src/server/store/lock';
import { migrate } from '../src/server/store/migrations';

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
  const parsed = JSON.parse(readFileSync(chosen.path, 'utf8'));
  data = storeDataSchema.parse(migrate(parsed).data);
} catch (error) {
  console.error(`Backup ${chosen.name} is not valid Salesbook data (${(error as Error).message.split('\n')[0]}); nothing was restored.`);
  process.exit(1);
}
let release: () => void;
try {
  release = acquireLock(dataFiles.lock());
} catch (error) {
  console.error(`${(error as Error).message}\nStop the server before restoring.`);
  process.exit(1);
}
if (existsSync(dataFiles.store())) {
  const kept = await makeBackup(dataFiles.store(), dataFiles.backups(), 'manual');
  console.log(`The current data file was kept as ${join('backups', basename(kept))}.`);
}
await writeFileDurably(dataFiles.store(), JSON.stringify(data));
release();
console.log(`Restored ${chosen.name} into ${dataFiles.store()}.`);
