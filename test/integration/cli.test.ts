import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp';
import { openStore, readStoreState } from '../../src/server/store/store';
import { insertPerson } from '../../src/server/records/users';
import { TEST_AUDIT_KEY } from '../store-files';
import * as clock from '../../src/server/clock';
import { monthOf } from '../clock';

const tsx = resolve('node_modules/tsx/dist/cli.mjs');

function run(script: string, args: string[], data: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [tsx, `scripts/${script}.ts`, ...args], {
    env: { ...process.env, SALESBOOK_DATA: data, SALESBOOK_CONTENT: resolve('test/fixtures/content'), SALESBOOK_AUDIT_KEY: TEST_AUDIT_KEY.toString(), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

const users = (data: string) => readStoreState(join(data, 'salesbook.json')).users;

describe('npm run users', () => {
  it('adds the first head and prints a temporary password that must be changed', () => {
    const data = tempDir('salesbook-cli-');
    const added = run('users', ['add', '--login', 'Ivanova', '--name', 'Анна Иванова', '--role', 'head', '--position', 'head-of-sales'], data);
    expect(added.status).toBe(0);
    expect(added.out).toMatch(/Added Анна Иванова \(ivanova\)\. Temporary password: [a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}/);
    expect(users(data)).toMatchObject([{ login: 'ivanova', mustChangePassword: true }]);
    expect(run('users', ['list'], data).out).toContain('ivanova');
    const again = run('users', ['add', '--login', 'ivanova', '--name', 'X', '--role', 'head', '--position', 'head-of-sales'], data);
    expect(again.status).toBe(1);
    expect(again.err).toContain('that login already exists');
    const badPosition = run('users', ['add', '--login', 'x1', '--name', 'X', '--role', 'employee', '--position', 'ceo'], data);
    expect(badPosition.err).toContain('--position «ceo» is not a role of the org structure: head-of-sales, manager, trainee.');
  });

  it('refuses a mistyped option or a missing value with the usage, and writes nothing', () => {
    const data = tempDir('salesbook-cli-');
    run('users', ['add', '--login', 'head', '--name', 'Руководитель', '--role', 'head', '--position', 'head-of-sales'], data);
    const before = readFileSync(join(data, 'salesbook.json'), 'utf8');
    const typo = run('users', ['add', '--login', 'x1', '--nmae', 'X', '--role', 'employee', '--position', 'trainee'], data);
    expect(typo.status).toBe(1);
    expect(typo.err).toContain("Unknown option '--nmae'");
    expect(typo.err).toContain('npm run users -- list');
    const missing = run('users', ['disable', '--login'], data);
    expect(missing.status).toBe(1);
    expect(missing.err).toContain("Option '--login <value>' argument missing");
    expect(readFileSync(join(data, 'salesbook.json'), 'utf8')).toBe(before);
    expect(users(data).map((u) => u.login)).toEqual(['head']);
  });

  it('imports a CSV: a dry run by default, nothing written while any line is bad, everyone with --apply', () => {
    const data = tempDir('salesbook-cli-');
    run('users', ['add', '--login', 'head', '--name', 'Руководитель', '--role', 'head', '--position', 'head-of-sales'], data);
    const file = join(data, 'people.csv');
    writeFileSync(file, 'login,name,role,position,mentor,hired\norlov,Дмитрий Орлов,mentor,manager,head,2026-06-01\nsmirnov,Алексей Смирнов,employee,trainee,orlov,2026-11-01\nbad,,employee,trainee,,2026-13-45\n');
    const bad = run('users', ['import', file, '--apply'], data);
    expect(bad.status).toBe(1);
    expect(bad.err).toContain('The file has 1 bad line(s); nothing was written:');
    expect(bad.err).toContain('line 4: name is empty; hired «2026-13-45» must be a date like 2026-03-01');
    expect(users(data).map((u) => u.login)).toEqual(['head']);

    writeFileSync(file, readFileSync(file, 'utf8').replace(/bad,.*\n/, ''));
    const dry = run('users', ['import', file], data);
    expect(dry.status).toBe(0);
    expect(dry.out).toContain('All 2 line(s) are valid. This was a dry run');
    expect(users(data).map((u) => u.login)).toEqual(['head']);

    // What the store would refuse is refused by the check, so an import can never stop the next start;
    // and data is shown with its control characters escaped, never sent to the terminal as they are.
    writeFileSync(file, `login,name,role,position,mentor,hired\nlong,${'Я'.repeat(300)},employee,trainee,,2026-10-01\nfeb,Февраль,employee,trainee,,2026-02-31\nesc,Эскейп,employee,trainee,,\u001b[2J\n`);
    const refused = run('users', ['import', file, '--apply'], data);
    expect(refused.status).toBe(1);
    expect(refused.err).toContain('line 2: name has 300 characters; at most 120 fit');
    expect(refused.err).toContain('line 3: hired «2026-02-31» must be a date like 2026-03-01');
    expect(refused.err).toContain('line 4: hired «\\u{1b}[2J» must be a date');
    expect(refused.err).not.toContain('\u001b');
    expect(users(data).map((u) => u.login)).toEqual(['head']);
    const longName = run('users', ['add', '--login', 'long', '--name', 'Я'.repeat(121), '--role', 'employee', '--position', 'trainee', '--hired', '2026-02-31'], data);
    expect(longName.status).toBe(1);
    expect(longName.err).toContain('--hired «2026-02-31» must be a date like 2026-03-01.');

    writeFileSync(file, 'login,name,role,position,mentor,hired\norlov,Дмитрий Орлов,mentor,manager,head,2026-06-01\nsmirnov,Алексей Смирнов,employee,trainee,orlov,2026-11-01\n');
    const applied = run('users', ['import', file, '--apply'], data);
    expect(applied.status).toBe(0);
    const people = users(data);
    expect(people.map((u) => u.login)).toEqual(['head', 'orlov', 'smirnov']);
    expect(people[2]!.mentorId).toBe(people[1]!.id);
    expect(people[1]!.mentorId).toBe(people[0]!.id);
  });
});

describe('npm run backup, restore and audit:verify', () => {
  it('backs up, restores a chosen backup, and verifies the audit chain', () => {
    const data = tempDir('salesbook-cli-');
    run('users', ['add', '--login', 'head', '--name', 'Руководитель', '--role', 'head', '--position', 'head-of-sales'], data);
    const backup = run('backup', [], data);
    expect(backup.status).toBe(0);
    const name = /manual-[^\s/]+\.json/.exec(backup.out)![0];
    run('users', ['add', '--login', 'later', '--name', 'Позже', '--role', 'employee', '--position', 'trainee'], data);
    expect(users(data).map((u) => u.login)).toEqual(['head', 'later']);
    expect(run('restore', [], data).out).toContain(name);
    const restored = run('restore', [name], data);
    expect(restored.status).toBe(0);
    expect(users(data).map((u) => u.login)).toEqual(['head']);
    expect(run('restore', ['no-such.json'], data).err).toContain('There is no backup named «no-such.json»');
    // A backup that holds no Salesbook data is refused, and the data stays as it is.
    writeFileSync(join(data, 'backups', 'manual-0000-empty.json'), '{}');
    const before = readFileSync(join(data, 'salesbook.json'));
    const empty = run('restore', ['manual-0000-empty.json'], data);
    expect(empty.status).toBe(1);
    expect(empty.err).toContain('Backup manual-0000-empty.json is not valid Salesbook data (holds no data version');
    expect(readFileSync(join(data, 'salesbook.json')).equals(before)).toBe(true);

    expect(run('audit-verify', [], data).out).toContain('Audit log intact: 2 entries, every link matches and it ends where the data says.');
    const audit = join(data, 'audit.jsonl');
    const intact = readFileSync(audit, 'utf8');
    writeFileSync(audit, intact.replace('"head"', '"hacked"'));
    const broken = run('audit-verify', [], data);
    expect(broken.status).toBe(1);
    expect(broken.err).toContain('Audit log broken at line 2');
    // Its last entry cut off: every link left matches, but the log no longer ends where the data says.
    writeFileSync(audit, `${intact.trim().split('\n')[0]}\n`);
    const cut = run('audit-verify', [], data);
    expect(cut.status).toBe(1);
    expect(cut.err).toContain('Audit log broken at line 2: the log ends before the last entry the data records');
    // Without the key, nothing is verified, and the tools say how to set one.
    const keyless = run('audit-verify', [], data, { SALESBOOK_AUDIT_KEY: '' });
    expect(keyless.status).toBe(1);
    expect(keyless.err).toContain('there is no key for the audit log. Set SALESBOOK_AUDIT_KEY');
  });

  it('backs up the changes still in the journal of a running store, and a restore removes the journal', async () => {
    const data = tempDir('salesbook-cli-');
    const path = join(data, 'salesbook.json');
    const store = await openStore({ path, lockPath: join(data, 'salesbook.json.lock'), backupsDir: join(data, 'backups'), auditKey: TEST_AUDIT_KEY });
    const add = (login: string) => store.mutate((d) => void insertPerson(d, { login, name: login, appRole: 'employee', position: 'trainee', mentorId: null, hired: '2026-01-01' }, 'scrypt$1$1$1$a$b', true));
    try {
      await add('anna');
      const backup = run('backup', [], data);
      expect(backup.status).toBe(0);
      const name = /manual-[^\s/]+\.json/.exec(backup.out)![0];
      expect(JSON.parse(readFileSync(join(data, 'backups', name), 'utf8')).users.map((u: { login: string }) => u.login)).toEqual(['anna']);
      await add('boris');
      // The folder as a kill -9 would leave it: the data file and a journal the restore must not replay.
      expect(run('restore', [name], data).err).toContain('Stop the server before restoring.');
      const crashed = tempDir('salesbook-cli-');
      cpSync(data, crashed, { recursive: true, filter: (file) => !file.endsWith('.lock') });
      expect(existsSync(join(crashed, 'salesbook.json.journal'))).toBe(true);
      const restored = run('restore', [name], crashed);
      expect(restored.status, restored.err).toBe(0);
      expect(existsSync(join(crashed, 'salesbook.json.journal'))).toBe(false);
      expect(users(crashed).map((u) => u.login)).toEqual(['anna']);
      // What was there before the restore, journal included, is kept as a backup.
      const kept = /kept as backups\/(manual-[^\s/]+\.json)/.exec(restored.out)![1]!;
      expect(JSON.parse(readFileSync(join(crashed, 'backups', kept), 'utf8')).users.map((u: { login: string }) => u.login)).toEqual(['anna', 'boris']);
    } finally {
      await store.close();
    }
  });

  it('on a full disk, leaves no backup (not even an empty one) and says so without a stack trace', () => {
    const data = tempDir('salesbook-cli-');
    run('users', ['add', '--login', 'head', '--name', 'Руководитель', '--role', 'head', '--position', 'head-of-sales'], data);
    // The disk fills up while the backup is written: a write to a backup file stores half its bytes, then fails.
    const preload = join(data, 'full-disk.mjs');
    writeFileSync(
      preload,
      `import fs from 'node:fs';\nimport { syncBuiltinESMExports } from 'node:module';\n` +
        `const open = fs.promises.open;\n` +
        `fs.promises.open = async (path, ...rest) => {\n` +
        `  const handle = await open(path, ...rest);\n` +
        `  if (String(path).includes('backup')) handle.writeFile = async (data) => { await handle.write(Buffer.from(data).subarray(0, 10)); throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); };\n` +
        `  return handle;\n};\nsyncBuiltinESMExports();\n`,
    );
    const full = run('backup', [], data, { NODE_OPTIONS: `--import=${preload}` });
    expect(full.status).toBe(1);
    expect(full.err).toContain(`Could not write the backup into ${join(data, 'backups')}: ENOSPC: no space left on device, write. No backup was made`);
    expect(full.err).not.toMatch(/^\s+at /m);
    expect(readdirSync(join(data, 'backups')).filter((name) => name.startsWith('manual-') || name.endsWith('.tmp'))).toEqual([]);
    // Two backups within the same second (or millisecond) are two files.
    const first = /manual-[^\s/]+\.json/.exec(run('backup', [], data).out)![0];
    const second = /manual-[^\s/]+\.json/.exec(run('backup', [], data).out)![0];
    expect(first).not.toBe(second);
    expect(readdirSync(join(data, 'backups')).filter((name) => name.startsWith('manual-')).sort()).toEqual([first, second].sort());
  });
});

describe('npm run kpi', () => {
  it('checks the schemes’ figures too, names whom a figure is missing for, and writes them with --apply', () => {
    const data = tempDir('salesbook-cli-');
    run('users', ['add', '--login', 'head', '--name', 'Руководитель', '--role', 'head', '--position', 'head-of-sales'], data);
    // A manager's position has the fixture's bonus scheme, which uses receivables paid on time.
    run('users', ['add', '--login', 'manager1', '--name', 'Менеджер', '--role', 'employee', '--position', 'manager'], data);
    const month = monthOf(clock.now(), -1);
    const file = join(data, 'figures.csv');
    writeFileSync(file, `login;month;revenue;margin;deals;leads;plan;receivables\nmanager1;${month};1 000 000;250 000;3;12;200 000;\n`);
    const missing = run('kpi', ['import', file, '--apply'], data);
    expect(missing.status).toBe(1);
    expect(missing.err).toContain('line 2: manager1 has no “Дебиторка, оплаченная в срок” (receivables): their bonus scheme cannot be computed without it; fill in the column receivables');
    expect(readStoreState(join(data, 'salesbook.json')).kpiRecords).toEqual([]);

    writeFileSync(file, `login;month;revenue;margin;deals;leads;plan;receivables\nmanager1;${month};1 000 000;250 000;3;12;200 000;"92,5"\n`);
    const applied = run('kpi', ['import', file, '--apply'], data);
    expect(applied.status, applied.err).toBe(0);
    expect(readStoreState(join(data, 'salesbook.json')).kpiRecords).toMatchObject([{ month, margin: 250_000, metrics: { receivables: 92.5 }, source: 'figures.csv' }]);
  });
});
