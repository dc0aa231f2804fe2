// Loaded into the server with --import: while the file `fail-writes` in the data folder exists, every
// write to a file fails the way the system would, with the error its content names (ENOSPC for a
// full disk, EROFS for a read-only folder, whose message carries the file's path).
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';

const switchFile = join(process.env.SALESBOOK_DATA, 'fail-writes');
const failure = () => (existsSync(switchFile) ? readFileSync(switchFile, 'utf8').trim() : '');

function systemError(code, syscall, path) {
  const text = { ENOSPC: 'no space left on device', EROFS: 'read-only file system' }[code];
  const error = new Error(`${code}: ${text}, ${syscall}${path ? ` '${path}'` : ''}`);
  return Object.assign(error, { code, syscall, ...(path ? { path } : {}) });
}

const open = fs.open;
fs.open = async function (path, flags, ...rest) {
  if (failure() === 'EROFS' && /[wa+]/.test(String(flags ?? 'r'))) throw systemError('EROFS', 'open', String(path));
  return open.call(this, path, flags, ...rest);
};
syncBuiltinESMExports();

const probe = await open(process.execPath, 'r');
const FileHandle = Object.getPrototypeOf(probe);
await probe.close();
for (const method of ['write', 'writeFile', 'appendFile']) {
  const original = FileHandle[method];
  FileHandle[method] = function (...args) {
    if (failure() === 'ENOSPC') return Promise.reject(systemError('ENOSPC', 'write'));
    return original.apply(this, args);
  };
}
