// npm run audit:verify: checks the audit log's chain with the audit key, and that the log ends with the
// entry the data records as the last one (so a log cut short is found too); names the first broken line.
import { existsSync, readFileSync } from 'node:fs';
import { auditKey, dataFiles } from '../src/server/config';
import { verifyAuditLog } from '../src/server/store/audit';
import { readStoreState } from '../src/server/store/store';

const path = dataFiles.audit();
let key: Buffer;
let head: string | null = null;
try {
  key = auditKey();
  if (existsSync(dataFiles.store())) head = readStoreState(dataFiles.store()).auditHead;
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
if (!existsSync(path) && head === null) {
  console.log(`No audit log at ${path} yet: nothing has been changed.`);
  process.exit(0);
}
const result = verifyAuditLog(existsSync(path) ? readFileSync(path, 'utf8') : '', key, head);
if (result.ok) {
  const unkeyed = result.unkeyed > 0 ? ` (the first ${result.unkeyed + 1} were written before the log had a key and are linked without one)` : '';
  console.log(`Audit log intact: ${result.entries} entries, every link matches and it ends where the data says${unkeyed}.`);
} else {
  console.error(`Audit log broken at line ${result.line}: ${result.reason}.`);
  process.exit(1);
}
