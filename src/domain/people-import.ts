import Papa from 'papaparse';
import type { AppRole } from './permissions';
import { isCalendarDay, personNameProblem } from '../schemas/person';

/** One valid line of a people file, ready to add. */
export interface ImportRow {
  line: number;
  login: string;
  name: string;
  appRole: AppRole;
  position: string;
  /** Login of the mentor: an existing person or another line of the same file. */
  mentor: string | null;
  hired: string;
}

export interface ImportProblem {
  line: number;
  message: string;
}

export const IMPORT_COLUMNS = ['login', 'name', 'role', 'position', 'mentor', 'hired'] as const;

interface Existing {
  login: string;
  appRole: AppRole;
  disabled: boolean;
}

/**
 * Checks a people CSV (columns login,name,role,position,mentor,hired) against the people who exist
 * and the positions of the org structure. Every bad line is reported by its number in the file.
 */
export function checkPeopleFile(text: string, existing: Existing[], positions: string[]): { rows: ImportRow[]; problems: ImportProblem[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const problems: ImportProblem[] = [];
  const header = parsed.meta.fields ?? [];
  const missing = IMPORT_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    return { rows: [], problems: [{ line: 1, message: `the header lacks the column(s) ${missing.join(', ')}; expected ${IMPORT_COLUMNS.join(',')}` }] };
  }
  for (const error of parsed.errors) problems.push({ line: (error.row ?? 0) + 2, message: `the line cannot be read: ${error.message}` });

  const known = new Map(existing.map((person) => [person.login, person]));
  const inFile = new Map<string, number>();
  const candidates: ImportRow[] = [];
  parsed.data.forEach((record, index) => {
    const line = index + 2;
    const field = (name: string) => (record[name] ?? '').trim();
    const issues: string[] = [];
    const login = field('login').toLowerCase();
    if (!/^[a-z0-9._-]{2,40}$/.test(login)) issues.push(`login «${field('login')}» must be 2–40 Latin letters, digits, dots, hyphens or underscores`);
    else if (known.has(login)) issues.push(`login «${login}» already exists`);
    else if (inFile.has(login)) issues.push(`login «${login}» is already on line ${inFile.get(login)}`);
    const name = field('name');
    const nameProblem = personNameProblem(name);
    if (nameProblem) issues.push(`name ${nameProblem}`);
    const role = field('role');
    if (!['employee', 'mentor', 'head'].includes(role)) issues.push(`role «${role}» must be employee, mentor or head`);
    const position = field('position');
    if (!positions.includes(position)) issues.push(`position «${position}» is not a role of the org structure (${positions.join(', ')})`);
    const hired = field('hired');
    if (!isCalendarDay(hired)) issues.push(`hired «${hired}» must be a date like 2026-03-01`);
    if (issues.length > 0) problems.push({ line, message: issues.join('; ') });
    if (login) inFile.set(login, inFile.get(login) ?? line);
    candidates.push({ line, login, name, appRole: role as AppRole, position, mentor: field('mentor').toLowerCase() || null, hired });
  });
  // Mentors are checked once every line is known, so a mentor may come later in the file.
  for (const row of candidates) {
    if (!row.mentor) continue;
    const person = known.get(row.mentor);
    const fileRow = person ? undefined : candidates.find((c) => c.login === row.mentor);
    if (row.mentor === row.login) problems.push({ line: row.line, message: 'a person cannot be their own mentor' });
    else if (person && (person.disabled || person.appRole === 'employee')) problems.push({ line: row.line, message: `mentor «${row.mentor}» is not an active mentor or head` });
    else if (!person && !fileRow) problems.push({ line: row.line, message: `mentor «${row.mentor}» is neither an existing person nor on another line` });
    else if (fileRow && fileRow.appRole === 'employee') problems.push({ line: row.line, message: `mentor «${row.mentor}» (line ${fileRow.line}) has the role employee` });
  }
  // One entry per line, so each bad line is named once with all that is wrong with it.
  const byLine = new Map<number, string[]>();
  for (const p of problems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p.message]);
  const merged = [...byLine].sort(([a], [b]) => a - b).map(([line, messages]) => ({ line, message: messages.join('; ') }));
  return { rows: merged.length === 0 ? candidates : [], problems: merged };
}
