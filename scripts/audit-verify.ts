// npm run audit:verify: checks the audit log's hash chain and names the first broken line.
import { existsSync, readFileSync } from 'node:fs';
import { dataFiles } from '../src/server/config';
import { verifyAuditLog } from '../src/server/store/audit';

const path = dataFiles.audit();
if (!existsSync(path)) {
  console.log(`No audit log at ${path} yet: nothing has been changed.`);
  process.exit(0);
}
const result = verifyAuditLog(readFileSync(path, 'utf8'));
if (result.ok) {
  console.log(`Audit log intact: ${result.entries} entries, every link matches.`);
} else {
  console.error(`Audit log broken at line ${result.line}: ${result.reason}.`);
  process.exit(1);
}
