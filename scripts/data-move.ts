// npm run data:move -- --to postgres://user:password@host:5432/salesbook
//     copies the data folder (SALESBOOK_DATA, or --from FOLDER) into an empty PostgreSQL database
// npm run data:move -- --from postgres://… --to FOLDER
//     copies a database into a data folder that holds no data yet
// Either way the target is read back and compared with what was read, and the audit chain is verified
// with the audit key (SALESBOOK_AUDIT_KEY or SALESBOOK_AUDIT_KEY_FILE). The data folder is locked
// meanwhile: stop the server on it first.
import { resolve } from 'node:path';
import { auditKey, dataDir } from '../src/server/config';
import { databaseName } from '../src/server/store/pg-store';
import { moveDatabaseToFolder, moveFolderToDatabase, type MoveReport } from '../src/server/store/pg-move';
import { fail, parseArgs } from './cli/context';

const USAGE = [
  'Usage:',
  '  npm run data:move -- --to postgres://user:password@host:5432/salesbook [--from FOLDER]',
  '  npm run data:move -- --from postgres://user:password@host:5432/salesbook --to FOLDER',
].join('\n');

const isDatabase = (value: string) => /^postgres(ql)?:\/\//.test(value);
const { options } = parseArgs(process.argv.slice(2), { strings: ['from', 'to'] }, USAGE);
const to = options.get('to');
const from = options.get('from');
if (typeof to !== 'string') fail(`Say where the data goes with --to.\n${USAGE}`);

function print(report: MoveReport, where: string) {
  const counts = Object.entries(report.counts)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${key} ${n}`)
    .join(', ');
  console.log(`Moved into ${where} and checked: every record read back the same (${counts || 'no records'}); audit log: ${report.auditEntries} entries, chain intact.`);
}

try {
  const key = auditKey();
  if (isDatabase(to)) {
    if (typeof from === 'string' && isDatabase(from)) fail(`Both ends are databases: copy a database with pg_dump and pg_restore.\n${USAGE}`);
    const folder = resolve(typeof from === 'string' ? from : dataDir());
    print(await moveFolderToDatabase(folder, to, key), databaseName(to));
    console.log('Set SALESBOOK_DATABASE_URL to this database on every server and start them; the data folder is no longer used for the data.');
  } else {
    if (typeof from !== 'string' || !isDatabase(from)) fail(`--to a folder takes the data --from a database.\n${USAGE}`);
    const folder = resolve(to);
    print(await moveDatabaseToFolder(from, folder, key), folder);
    console.log(`Start Salesbook with SALESBOOK_DATA=${folder} and without SALESBOOK_DATABASE_URL to use it.`);
  }
} catch (error) {
  fail(`Nothing was moved: ${(error as Error).message}.`);
}
