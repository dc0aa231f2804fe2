// npm run audit:verify: checks the audit log's chain with the audit key, and that the log ends with the
// entry the data records as the last one (so a log cut short is found too); names the first broken line.
import { existsSync, readFileSync } from 'node:fs';
import { auditKey, databaseUrl, dataFiles } from '../src/server/config';
import { databaseAudit } from '../src/server/store/pg-move';
import { databaseName } from '../src/server/store/pg-store';
import { verifyAuditLog } from '../src/server/store/audit';
import { readStoreState } from '../src/server/store/store';

// With SALESBOOK_DATABASE_URL set, the log is the database's sb_audit table.
const url = databaseUrl();
const path = url ? `sb_audit in ${databaseName(url)}` : dataFiles.audit();
let key: Buffer;
let head: string | null = null;
let text = '';
try {
  key = auditKey();
  if (url) {
    const audit = await databaseAudit(url);
    head = audit.head;
    text = audit.lines.length > 0 ? `${audit.lines.join('\n')}\n` : '';
  } else {
    if (existsSync(dataFiles.store())) head = readStoreState(dataFiles.store()).auditHead;
    if (existsSync(path)) text = readFileSync(path, 'utf8');
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
if (text === '' && head === null) {
  console.log(`No audit log at ${path} yet: nothing has been changed.`);
  process.exit(0);
}
const result = verifyAuditLog(text, key, head);
if (result.ok) {
  const unkeyed = result.unkeyed > 0 ? ` (the first ${result.unkeyed + 1} were written before the log had a key and are linked without one)` : '';
  console.log(`Audit log intact: ${result.entries} entries, every link matches and it ends where the data says${unkeyed}.`);
} else {
  console.error(`Audit log broken at line ${result.line}: ${result.reason}.`);
  process.exit(1);
}
