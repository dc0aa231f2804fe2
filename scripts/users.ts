// npm run users -- add|list|disable|enable|set-password|import …   (the server must be stopped)
import { readFileSync } from 'node:fs';
import * as clock from '../src/server/clock';
import { checkPeopleFile } from '../src/domain/people-import';
import { hashPassword, temporaryPassword } from '../src/server/http/passwords';
import { insertPerson, listPeople, PeopleError, personByLogin, replaceUser, setDisabled, setPasswordHash } from '../src/server/records/users';
import { isCalendarDay, personNameProblem } from '../src/schemas/person';
import { InvalidChangeError } from '../src/server/store/store';
import { fail, openForCli, parseArgs, positions, printable } from './cli/context';

const usage = `Salesbook people, from the command line (stop the server first):
  npm run users -- list
  npm run users -- add --login LOGIN --name "Имя Фамилия" --role employee|mentor|head --position ROLE-ID [--mentor LOGIN] [--hired YYYY-MM-DD]
  npm run users -- disable --login LOGIN        (and enable)
  npm run users -- set-password --login LOGIN   (prints a temporary password, to be changed at the next sign-in)
  npm run users -- import people.csv [--apply]  (columns login,name,role,position,mentor,hired; a dry run unless --apply)`;

const peopleMessages: Record<PeopleError['code'], string> = {
  'login-taken': 'that login already exists',
  'no-mentor': 'the mentor must be an existing, active mentor or head',
  'mentor-self': 'nobody can be their own mentor',
  'not-found': 'there is no person with that login',
  'last-head': 'this is the last active head; add another head first',
};

async function main() {
  const { words, options } = parseArgs(process.argv.slice(2), { strings: ['login', 'name', 'role', 'position', 'hired', 'mentor'], flags: ['apply', 'help'] }, usage);
  const command = words[0];
  const option = (name: string) => {
    const value = options.get(name);
    return typeof value === 'string' ? value.trim() : undefined;
  };
  if (!command || command === 'help' || options.has('help')) {
    console.log(usage);
    return;
  }
  if (!['list', 'add', 'disable', 'enable', 'set-password', 'import'].includes(command)) fail(`Unknown command «${printable(command)}».\n${usage}`);

  // Check the file before opening the store, so a bad file never touches the data.
  const importText = command === 'import' ? readImportFile(words[1]) : undefined;

  const { store } = await openForCli();
  try {
    if (command === 'list') {
      for (const p of await listPeople(store)) {
        console.log(printable([p.login.padEnd(16), p.appRole.padEnd(8), p.position.padEnd(22), p.disabled ? 'disabled' : 'active', p.name].join(' ')));
      }
    } else if (command === 'add') {
      const login = option('login');
      const name = option('name');
      const role = option('role');
      const position = option('position');
      if (!login || !name || !role || !position) fail(`add needs --login, --name, --role and --position.\n${usage}`);
      if (!['employee', 'mentor', 'head'].includes(role)) fail(`--role must be employee, mentor or head, not «${printable(role)}».`);
      if (!/^[a-z0-9._-]{2,40}$/i.test(login)) fail(`--login «${printable(login)}» must be 2–40 Latin letters, digits, dots, hyphens or underscores.`);
      const known = positions();
      if (!known.includes(position)) fail(`--position «${printable(position)}» is not a role of the org structure: ${known.join(', ')}.`);
      const hired = option('hired') ?? clock.todayIso();
      if (!isCalendarDay(hired)) fail(`--hired «${printable(hired)}» must be a date like 2026-03-01.`);
      const nameProblem = personNameProblem(name);
      if (nameProblem) fail(`--name ${nameProblem}.`);
      const mentorLogin = option('mentor');
      const mentor = mentorLogin ? await personByLogin(store, mentorLogin) : undefined;
      if (mentorLogin && !mentor) fail(`--mentor «${printable(mentorLogin)}»: there is no such person.`);
      const password = temporaryPassword();
      const hash = await hashPassword(password);
      const person = await store.mutate(
        (data) => insertPerson(data, { login, name, appRole: role as 'employee', position, mentorId: mentor?.id ?? null, hired }, hash, true),
        (added) => ({ actor: 'cli', action: 'user.add', subject: `user:${added.id}`, details: { login: added.login, appRole: added.appRole, position } }),
      );
      console.log(`Added ${printable(person.name)} (${person.login}). Temporary password: ${password}\nIt must be changed at the first sign-in.`);
    } else if (command === 'disable' || command === 'enable') {
      const person = await personByLogin(store, option('login') ?? '');
      if (!person) fail(`There is no person with the login «${printable(option('login') ?? '')}».`);
      await setDisabled(store, person.id, command === 'disable', () => ({ actor: 'cli', action: `user.${command}`, subject: `user:${person.id}`, details: {} }));
      console.log(`${person.login} is ${command === 'disable' ? 'disabled' : 'enabled'}.`);
    } else if (command === 'set-password') {
      const person = await personByLogin(store, option('login') ?? '');
      if (!person) fail(`There is no person with the login «${printable(option('login') ?? '')}».`);
      const password = temporaryPassword();
      await setPasswordHash(store, person.id, await hashPassword(password), true, () => ({ actor: 'cli', action: 'user.resetPassword', subject: `user:${person.id}`, details: {} }));
      console.log(`Temporary password for ${person.login}: ${password}\nIt must be changed at the next sign-in.`);
    } else if (command === 'import') {
      await importPeople(importText!, options.has('apply'), store);
    }
  } catch (error) {
    if (error instanceof PeopleError) fail(peopleMessages[error.code]);
    if (error instanceof InvalidChangeError) fail(printable(error.message));
    throw error;
  } finally {
    await store.close();
  }
}

function readImportFile(file: string | undefined): string {
  if (!file) fail(`import needs a CSV file.\n${usage}`);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    fail(printable(`Cannot read ${file}: ${(error as Error).message}`));
  }
}

async function importPeople(text: string, apply: boolean, store: Awaited<ReturnType<typeof openForCli>>['store']) {
  const existing = await store.read((data) => data.users.map((u) => ({ login: u.login, appRole: u.appRole, disabled: u.disabled })));
  const { rows, problems } = checkPeopleFile(text, existing, positions());
  if (problems.length > 0) {
    console.error(`The file has ${problems.length} bad line(s); nothing was written:`);
    for (const p of problems) console.error(`  line ${p.line}: ${printable(p.message)}`);
    process.exitCode = 1;
    return;
  }
  if (!apply) {
    console.log(`All ${rows.length} line(s) are valid. This was a dry run: add --apply to create these people.`);
    for (const row of rows) console.log(printable(`  line ${row.line}: ${row.login} — ${row.name}, ${row.appRole}, ${row.position}${row.mentor ? `, mentor ${row.mentor}` : ''}`));
    return;
  }
  const passwords = rows.map(() => temporaryPassword());
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
  // One change for the whole file: either every person is added, or none.
  const added = await store.mutate((data) => {
    const created = rows.map((row, i) =>
      insertPerson(data, { login: row.login, name: row.name, appRole: row.appRole, position: row.position, mentorId: null, hired: row.hired }, hashes[i]!, true),
    );
    for (const row of rows) {
      if (!row.mentor) continue;
      const person = data.users.find((u) => u.login === row.login)!;
      replaceUser(data, person.id, { mentorId: data.users.find((u) => u.login === row.mentor)!.id });
    }
    return created.map((u) => ({ id: u.id, login: u.login }));
  }, (people) => people.map((person) => ({ actor: 'cli', action: 'user.import', subject: `user:${person.id}`, details: { login: person.login } })));
  console.log(`Added ${added.length} people. Temporary passwords (shown once, to be changed at the first sign-in):`);
  added.forEach((person, i) => console.log(`  ${person.login}\t${passwords[i]}`));
}

await main();
