import { allRoles, allSchemes, docById, motivationById, roleTitles, schemeHash } from '../../content';
import { parseDocLink } from '../../domain/doc-links';
import type { MonthLine, PayrollPerson, StatementBody, StatementScheme } from '../../domain/pay-statement';
import type { PublicUser } from '../store/data';
import { publicUser } from '../store/data';
import type { Store } from '../store/store';
import { fingerprintOf, linesIn, monthFingerprint, payMonths, type SchemeOf } from '../records/pay';

// Pay statements for the pages: a month for the heads who review it, a person's own months, and the
// payroll export. The statements themselves are computed in src/domain/pay-statement.ts.

/** The scheme each position is paid by today, from the content, with the hash that approved statements keep. */
export async function schemeLookup(): Promise<SchemeOf> {
  const [roles, schemes] = await Promise.all([allRoles(), allSchemes()]);
  const byId = new Map(
    schemes.map((s): [string, StatementScheme] => [
      s.id,
      { id: s.id, title: s.data.title, hash: schemeHash(s), fixedPay: s.data.fixedPay, bonusBase: s.data.bonusBase, bonusPercent: s.data.bonusPercent, kpis: s.data.kpis, penalties: s.data.penalties },
    ]),
  );
  const byPosition = new Map(roles.flatMap((r) => (r.data.motivation && byId.has(r.data.motivation) ? [[r.id, byId.get(r.data.motivation)!] as const] : [])));
  return (position) => byPosition.get(position);
}

/** A person's line of a month, with who they are and the digest an approval of it must carry. */
export interface ReviewLine extends MonthLine {
  person: PublicUser;
  positionTitle: string;
  /** The digest of the statement as it would be approved (or corrected) now; undefined when it cannot be computed. */
  fingerprint: string | undefined;
}

export interface MonthReview {
  month: string;
  lines: ReviewLine[];
  counts: { approved: number; draft: number; incomplete: number; changed: number };
  /** The sum of the statements in force. */
  approvedTotal: number;
  /** The digest "approve every draft" carries. */
  fingerprint: string;
}

/** A month's statements for a head: everyone in it, where each stands, and what approving would approve. */
export async function monthReview(store: Store, month: string): Promise<MonthReview> {
  const [schemeOf, titles] = await Promise.all([schemeLookup(), roleTitles()]);
  const { lines, users } = await store.read((data) => ({ lines: linesIn(data, month, schemeOf), users: data.users.map(publicUser) }));
  const byId = new Map(users.map((u) => [u.id, u]));
  const review = lines.map((line): ReviewLine => {
    const person = byId.get(line.userId)!;
    const draft = line.standing.state === 'incomplete' ? undefined : line.standing.draft;
    return { ...line, person, positionTitle: titles.get(person.position) ?? person.position, fingerprint: draft?.ok ? fingerprintOf(draft.body) : undefined };
  });
  const counts = { approved: 0, draft: 0, incomplete: 0, changed: 0 };
  for (const line of lines) {
    counts[line.standing.state] += 1;
    if (line.standing.state === 'approved' && line.standing.changed) counts.changed += 1;
  }
  const approvedTotal = lines.reduce((sum, l) => sum + (l.standing.state === 'approved' ? l.standing.current.body.total : 0), 0);
  return { month, lines: review, counts, approvedTotal: Math.round(approvedTotal * 100) / 100, fingerprint: monthFingerprint(lines) };
}

/** The months with pay to review, newest first, each with how many are approved of how many. */
export async function payMonthList(store: Store): Promise<{ month: string; people: number; approved: number; total: number }[]> {
  const schemeOf = await schemeLookup();
  const months = await payMonths(store, schemeOf);
  return store.read((data) =>
    months.map((month) => {
      const lines = linesIn(data, month, schemeOf);
      const approved = lines.flatMap((l) => (l.standing.state === 'approved' ? [l.standing.current.body.total] : []));
      return { month, people: lines.length, approved: approved.length, total: Math.round(approved.reduce((a, b) => a + b, 0) * 100) / 100 };
    }),
  );
}

/** One person's months with a statement, newest first: what they see of their own pay. */
export async function personPay(store: Store, person: PublicUser): Promise<{ month: string; line: MonthLine }[]> {
  const schemeOf = await schemeLookup();
  return store.read((data) => {
    const months = new Set([...data.payStatements.filter((s) => s.userId === person.id).map((s) => s.month), ...data.kpiRecords.filter((r) => r.userId === person.id).map((r) => r.month)]);
    return [...months]
      .sort()
      .reverse()
      .flatMap((month) => {
        const line = linesIn(data, month, schemeOf, person.id)[0];
        return line ? [{ month, line }] : [];
      });
  });
}

/** One person's month, if they are in it. */
export async function personMonth(store: Store, person: PublicUser, month: string): Promise<MonthLine | undefined> {
  const schemeOf = await schemeLookup();
  return store.read((data) => linesIn(data, month, schemeOf, person.id)[0]);
}

/** The approved statements of a month for the payroll file and the printed register, by name. */
export async function payroll(store: Store, month: string, timeZone: string): Promise<{ people: PayrollPerson[]; notApproved: number }> {
  const review = await monthReview(store, month);
  const day = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone });
  const people = review.lines.flatMap((line): PayrollPerson[] =>
    line.standing.state === 'approved'
      ? [{ login: line.person.login, name: line.person.name, position: line.positionTitle, revision: line.standing.current.revision, approvedOn: day.format(new Date(line.standing.current.approvedAt)), body: line.standing.current.body }]
      : [],
  );
  return { people, notApproved: review.lines.length - people.length };
}

/**
 * The calculator opened on a statement's own figures: on the statute that sets the scheme (or a role
 * paid by it), with the scheme and each field in the address. Undefined when the scheme is gone.
 */
export async function calculatorHref(body: StatementBody): Promise<string | undefined> {
  const scheme = await motivationById(body.scheme.id);
  if (!scheme) return undefined;
  const params = new URLSearchParams({ scheme: scheme.id, plan: String(body.calculator.plan), base: String(body.calculator.base) });
  if (body.calculator.revenue !== null) params.set('revenue', String(body.calculator.revenue));
  for (const [id, value] of Object.entries(body.calculator.kpis)) params.set(`kpi:${id}`, String(value));
  const statute = scheme.data.statute ? await docById(parseDocLink(scheme.data.statute).docId) : undefined;
  if (statute && statute.data.status === 'active') return `/docs/${statute.id}/?${params}#calculator`;
  const role = (await allRoles()).find((r) => r.data.motivation === scheme.id);
  return role ? `/roles/${role.id}/?${params}#calculator` : undefined;
}
