import { roleTitles, siteSettings } from '../../content';
import type { Translator } from '../../i18n';
import { csvCells, type CsvCells } from '../../i18n/exports';
import type { QuizAttempt, Signoff } from '../store/data';
import type { SheetLine } from './doc-currency';
import type { TeamRow } from './tracker';

// How every CSV export is written, apart from how its rows are computed: headers in the interface's
// language, names and titles instead of ids, local times in the site's time zone, numbers with the
// language's decimal mark, verdicts and states in words. The acknowledgement sheet set the style.

/** A CSV's header and rows, ready for csvResponse. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** What a table needs besides its rows: the words, how values are written, and names for ids. */
export interface ExportContext {
  i18n: Translator;
  cells: CsvCells;
  /** Position id → title. */
  roles: ReadonlyMap<string, string>;
}

/** The context of an export in this request's language and the site's time zone. */
export async function exportContext(i18n: Translator): Promise<ExportContext> {
  const [site, roles] = await Promise.all([siteSettings(), roleTitles()]);
  return { i18n, cells: csvCells(i18n.locale, site.timeZone), roles };
}

/** Who confirmed a document's current version: one line per person it asks. */
export function ackSheetTable(lines: readonly SheetLine[], { i18n: { t }, cells, roles }: ExportContext): CsvTable {
  const status = { confirmed: t('sheet.current'), outdated: t('sheet.outdated'), expired: t('sheet.expired'), unconfirmed: t('sheet.notConfirmed') } as const;
  return {
    header: [t('sheet.number'), t('sheet.person'), t('sheet.position'), t('sheet.version'), t('sheet.date'), t('sheet.status')],
    rows: lines.map(({ person, standing }, index) => [
      String(index + 1),
      person.name,
      roles.get(person.position) ?? person.position,
      standing.latest?.version ?? '',
      cells.dateTime(standing.latest?.at),
      status[standing.state],
    ]),
  };
}

/** The training matrix: one row per person, a column per course on anyone's path. */
export function matrixTable(rows: readonly TeamRow[], courses: ReadonlyMap<string, string>, { i18n: { t }, cells, roles }: ExportContext): CsvTable {
  const courseIds = [...new Set(rows.flatMap((r) => r.courses.map((c) => c.id)))];
  return {
    header: [
      t('team.person'),
      t('people.login'),
      t('people.position'),
      t('people.hired'),
      t('team.docs'),
      ...courseIds.map((id) => courses.get(id) ?? id),
      t('team.skills'),
      t('team.lastActivity'),
      t('team.ramp'),
    ],
    rows: rows.map((row) => [
      row.person.name,
      row.person.login,
      roles.get(row.person.position) ?? row.person.position,
      cells.date(row.person.hired),
      `${row.docs.done}/${row.docs.total}`,
      ...courseIds.map((id) => {
        const course = row.courses.find((c) => c.id === id);
        return course ? t(`course.state.short.${course.state}`) : '';
      }),
      `${row.skills.passed}/${row.skills.total}`,
      cells.dateTime(row.lastActivity),
      row.ramp.done === true ? cells.number(row.ramp.days) : row.ramp.done === false ? `${row.ramp.day}/${row.ramp.target}` : '',
    ]),
  };
}

/** A person as exports name them. */
interface Named {
  name: string;
  login: string;
}

/** Graded quiz attempts: scores and times, never answers. */
export function quizAttemptsTable(
  attempts: readonly QuizAttempt[],
  people: ReadonlyMap<string, Named>,
  quizzes: ReadonlyMap<string, string>,
  { i18n: { t }, cells }: ExportContext,
): CsvTable {
  const yesNo = (value: boolean) => t(value ? 'export.yes' : 'export.no');
  return {
    header: [t('export.person'), t('export.login'), t('export.quiz'), t('export.started'), t('export.submitted'), t('export.score'), t('export.result'), t('export.late'), t('export.questions')],
    rows: attempts.map((a) => [
      people.get(a.userId)?.name ?? '',
      people.get(a.userId)?.login ?? '',
      quizzes.get(a.quizId) ?? a.quizId,
      cells.dateTime(a.startedAt),
      cells.dateTime(a.submittedAt),
      cells.number(a.score),
      t(a.passed ? 'export.passed' : 'export.failed'),
      yesNo(Boolean(a.late)),
      cells.number(a.questions.length),
    ]),
  };
}

/** Titles of a checklist and of its items. */
export interface ChecklistTitles {
  title: string;
  items: ReadonlyMap<string, string>;
}

/** Mentors' verdicts on practical skills, with who judged and against which document versions. */
export function signoffsTable(
  signoffs: readonly Signoff[],
  names: { people: ReadonlyMap<string, Named>; judges: ReadonlyMap<string, string>; checklists: ReadonlyMap<string, ChecklistTitles>; docs: ReadonlyMap<string, string> },
  { i18n: { t }, cells }: ExportContext,
): CsvTable {
  return {
    header: [
      t('export.person'),
      t('export.login'),
      t('export.checklist'),
      t('export.item'),
      t('export.verdict'),
      t('export.rating'),
      t('export.comment'),
      t('export.signedBy'),
      t('export.at'),
      t('export.docVersions'),
    ],
    rows: signoffs.map((s) => {
      const checklist = names.checklists.get(s.checklistId);
      return [
        names.people.get(s.userId)?.name ?? '',
        names.people.get(s.userId)?.login ?? '',
        checklist?.title ?? s.checklistId,
        checklist?.items.get(s.itemId) ?? s.itemId,
        t(`signoff.verdict.${s.verdict}`),
        cells.number(s.rating),
        s.comment,
        names.judges.get(s.signedBy) ?? s.signedBy,
        cells.dateTime(s.at),
        Object.entries(s.docVersions)
          .map(([doc, version]) => `${names.docs.get(doc) ?? doc} ${version}`)
          .join('; '),
      ];
    }),
  };
}
