import { describe, expect, it } from 'vitest';
import { checkPeopleFile } from '../../src/domain/people-import';

const existing = [
  { login: 'sokolova', appRole: 'head' as const, disabled: false },
  { login: 'orlov', appRole: 'mentor' as const, disabled: false },
  { login: 'gone', appRole: 'mentor' as const, disabled: true },
  { login: 'ivanov', appRole: 'employee' as const, disabled: false },
];
const positions = ['head-of-sales', 'manager', 'trainee'];
const header = 'login,name,role,position,mentor,hired\n';

describe('checking a people CSV', () => {
  it('accepts a good file, with a mentor from the file itself', () => {
    const { rows, problems } = checkPeopleFile(
      header + 'Petrova,Анна Петрова,mentor,manager,sokolova,2026-10-01\nkuzmin,"Кузьмин, Олег",employee,trainee,petrova,2026-11-02\n',
      existing,
      positions,
    );
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.line, r.login, r.name, r.appRole, r.mentor])).toEqual([
      [2, 'petrova', 'Анна Петрова', 'mentor', 'sokolova'],
      [3, 'kuzmin', 'Кузьмин, Олег', 'employee', 'petrova'],
    ]);
  });

  it('reports every bad line by its number, and returns no rows to write', () => {
    const { rows, problems } = checkPeopleFile(
      header +
        [
          'ok1,Хороший,employee,trainee,orlov,2026-10-01',
          'orlov,Дубль,employee,trainee,,2026-10-01',
          'bad login,,boss,ceo,,yesterday',
          'ok2,Второй,employee,trainee,ivanov,2026-10-01',
          'ok3,Третий,employee,trainee,gone,2026-10-01',
          'ok1,Повтор,employee,trainee,,2026-10-01',
          'ok4,Сам себе,mentor,manager,ok4,2026-10-01',
          'ok5,Без наставника,employee,trainee,nobody,2026-10-01',
        ].join('\n'),
      existing,
      positions,
    );
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { line: 3, message: 'login «orlov» already exists' },
      {
        line: 4,
        message:
          'login «bad login» must be 2–40 Latin letters, digits, dots, hyphens or underscores; name is empty; role «boss» must be employee, mentor or head; position «ceo» is not a role of the org structure (head-of-sales, manager, trainee); hired «yesterday» must be a date like 2026-03-01',
      },
      { line: 5, message: 'mentor «ivanov» is not an active mentor or head' },
      { line: 6, message: 'mentor «gone» is not an active mentor or head' },
      { line: 7, message: 'login «ok1» is already on line 2' },
      { line: 8, message: 'a person cannot be their own mentor' },
      { line: 9, message: 'mentor «nobody» is neither an existing person nor on another line' },
    ]);
  });

  it('names missing columns', () => {
    expect(checkPeopleFile('login,name\nx,y\n', existing, positions).problems).toEqual([
      { line: 1, message: 'the header lacks the column(s) role, position, mentor, hired; expected login,name,role,position,mentor,hired' },
    ]);
  });

  it('reads a file saved by Excel with a byte-order mark and upper-case headers', () => {
    const { problems, rows } = checkPeopleFile('\uFEFFLogin,Name,Role,Position,Mentor,Hired\nnew1,Новый,employee,trainee,,2026-11-01\n', existing, positions);
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(1);
  });

  it('refuses what the store would refuse: a name too long or with control characters, a day that does not exist', () => {
    const long = 'Я'.repeat(300);
    const { rows, problems } = checkPeopleFile(
      header + `long1,${long},employee,trainee,,2026-10-01\nesc1,Анна\u001b[2JИванова,employee,trainee,,2026-10-01\nfeb1,Февраль,employee,trainee,,2026-02-31\n`,
      existing,
      positions,
    );
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { line: 2, message: 'name has 300 characters; at most 120 fit' },
      { line: 3, message: 'name holds control characters (such as a terminal escape or a line break)' },
      { line: 4, message: 'hired «2026-02-31» must be a date like 2026-03-01' },
    ]);
  });
});
