import { describe, expect, it } from 'vitest';
import { addMonths, dayOf, DAY_MS } from '../../src/domain/calendar';
import { parseVersion } from '../../src/domain/versions';
import { WorkingCalendar } from '../../src/domain/working-days';
import { REVISED_REGULATION } from '../../src/server/demo/demo-history';
import { personItemStates } from '../../src/domain/signoffs';
import { compareSections } from '../../src/domain/section-changes';
import type { SeedDoc } from '../../src/server/demo/demo-seed';
import type { StoreData } from '../../src/server/store/data';
import { demoCalendar, demoCompany, demoContent, demoDocs, demoRoles, historyContent, keptVersions } from '../demo-company';

// The demo company is made from "today": the same day gives the same company, and another day gives
// the same company moved in time. Made here from the demo content, as a first start makes it: with the
// kept texts of earlier versions and the company's production calendar.
const content = demoContent;
const docs = demoDocs;
const calendar = demoCalendar;
const kept = keptVersions;
const history = historyContent;
const roles = demoRoles;

function demoOn(today: string, seedDocs: SeedDoc[] = docs, withCalendar = calendar): StoreData {
  return demoCompany(new Date(today), seedDocs, withCalendar);
}

const DAY = 86_400_000;
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoMonth = /^\d{4}-\d{2}$/;

/**
 * Every place where `later` differs from `earlier`, unless it is a date or time exactly `days` later,
 * or a month exactly `months` later. Returns the places that were moved, and those that differ otherwise.
 */
function compareShifted(earlier: unknown, later: unknown, days: number, months: number, path = '$', found = { moved: [] as string[], other: [] as string[] }) {
  if (earlier === later) return found;
  if (typeof earlier === 'string' && typeof later === 'string') {
    const movedBy =
      isoTime.test(earlier) && isoTime.test(later)
        ? (Date.parse(later) - Date.parse(earlier)) / DAY
        : isoDate.test(earlier) && isoDate.test(later)
          ? (Date.parse(later) - Date.parse(earlier)) / DAY
          : isoMonth.test(earlier) && isoMonth.test(later)
            ? null
            : undefined;
    if (movedBy === days) found.moved.push(path);
    else if (movedBy === null) {
      const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
      (index(later) - index(earlier) === months ? found.moved : found.other).push(path);
    } else found.other.push(`${path}: ${earlier} → ${later}`);
    return found;
  }
  if (Array.isArray(earlier) && Array.isArray(later) && earlier.length === later.length) {
    earlier.forEach((item, i) => compareShifted(item, later[i], days, months, `${path}[${i}]`, found));
    return found;
  }
  if (earlier && later && typeof earlier === 'object' && typeof later === 'object' && !Array.isArray(earlier) && !Array.isArray(later)) {
    const keys = new Set([...Object.keys(earlier), ...Object.keys(later)]);
    for (const key of keys) compareShifted((earlier as Record<string, unknown>)[key], (later as Record<string, unknown>)[key], days, months, `${path}.${key}`, found);
    return found;
  }
  found.other.push(`${path}: ${JSON.stringify(earlier)?.slice(0, 80)} → ${JSON.stringify(later)?.slice(0, 80)}`);
  return found;
}

/** The dates the demo is made on in these tests: the suite's day, the review's, new year, a leap day. */
const DATES = ['2026-11-18T06:00:00Z', '2026-11-27T09:00:00Z', '2027-01-14T06:00:00Z', '2027-03-01T06:00:00Z', '2028-02-29T12:00:00Z'];
const byLogin = (data: StoreData) => new Map(data.users.map((u) => [u.login, u]));

describe('the demo company on a date', () => {
  it('is the same company, record for record, when made twice on the same date', () => {
    const first = demoOn('2026-11-18T06:00:00Z');
    expect(first.quizAttempts.length).toBeGreaterThan(0);
    expect(first.signoffs.length).toBeGreaterThan(0);
    expect(demoOn('2026-11-18T06:00:00Z')).toEqual(first);
  });

  it('made a year later is the same company a year later: every difference is that shift', () => {
    // A calendar without days off, so that no weekend or holiday moves a sign-off one year and not the
    // other; and no kept earlier texts, whose fixed dates would anchor the portal's start. Confirmations
    // are read on the days documents took effect, which do not move: the next tests hold them to the rules.
    const weekendsOf = (year: number) =>
      Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(year, 0, 1 + i))).filter((d) => d.getUTCFullYear() === year && [0, 6].includes(d.getUTCDay())).map(dayOf);
    const everyDay = new WorkingCalendar(Object.fromEntries([2025, 2026, 2027].map((year) => [year, { holidays: [], workdays: weekendsOf(year) }])));
    const plain = docs.map(({ earlier: _earlier, ...doc }) => doc);
    const made = (today: string) => ({ ...demoOn(today, plain, everyDay), acknowledgements: [] });
    // 18 November 2026 to 18 November 2027: 365 days and 12 months, no 29 February between.
    const { moved, other } = compareShifted(made('2026-11-18T06:00:00Z'), made('2027-11-18T06:00:00Z'), 365, 12);
    expect(other).toEqual([]);
    for (const part of ['users', 'kpiRecords', 'quizAttempts', 'signoffs', 'signoffRequests', 'dialogueRuns', 'lessonCompletions']) {
      expect(moved.some((p) => p.startsWith(`$.${part}[`)), part).toBe(true);
    }
  });

  it('has nothing after the day it is made, on awkward days too', () => {
    for (const today of ['2026-12-01T00:00:00Z', '2026-12-31T23:59:00Z', '2028-02-29T12:00:00Z', '2027-03-31T06:00:00Z']) {
      const data = demoOn(today);
      const times = [
        ...data.acknowledgements.map((a) => a.at),
        ...data.quizAttempts.flatMap((a) => [a.startedAt, a.submittedAt ?? a.startedAt]),
        ...data.signoffs.map((s) => s.at),
        ...data.signoffRequests.map((r) => r.at),
        ...data.lessonCompletions.map((l) => l.at),
        ...data.dialogueRuns.map((r) => r.at),
      ];
      expect(times.length).toBeGreaterThan(0);
      expect(times.filter((t) => t > today), today).toEqual([]);
      expect(data.kpiRecords.filter((r) => r.month >= today.slice(0, 7)), today).toEqual([]);
    }
  });
});

describe('the demo company keeps its own rules', () => {
  it('gives no mentor more than two people on probation, and every new hire a mentor', () => {
    for (const today of DATES) {
      const data = demoOn(today);
      const onProbation = data.users.filter((u) => Date.parse(today) - Date.parse(`${u.hired}T00:00:00Z`) < 92 * DAY_MS);
      expect(onProbation.map((u) => u.login), today).toEqual(['trainee1', 'trainee2', 'trainee3', 'trainee4', 'trainee5']);
      const load = new Map<string | null, number>();
      for (const u of onProbation) load.set(u.mentorId, (load.get(u.mentorId) ?? 0) + 1);
      expect(load.has(null), today).toBe(false);
      expect(Math.max(...load.values()), today).toBeLessThanOrEqual(2);
      // Mentors are senior managers; nobody else is anyone's mentor.
      expect(data.users.filter((u) => u.mentorId !== null).every((u) => onProbation.includes(u)), today).toBe(true);
      expect(data.users.filter((u) => load.has(u.id)).every((m) => m.position === 'senior-manager'), today).toBe(true);
    }
  });

  it('places people on probation as the hiring standard says: trainees, or managers hired with experience', () => {
    const people = byLogin(demoOn('2026-11-27T09:00:00Z'));
    expect(['trainee1', 'trainee2', 'trainee3', 'trainee4', 'trainee5'].map((login) => people.get(login)!.position)).toEqual([
      'sales-trainee',
      'account-manager',
      'inbound-manager',
      'sales-trainee',
      'account-manager',
    ]);
    const hiring = content.docs.find((d) => d.id === 'hiring-standard')!.body!;
    expect(hiring).toContain('Стажёр отдела продаж, испытательный срок 3 месяца');
    expect(hiring).toContain('С опытом продаж юридическим лицам от года');
  });

  it('asks again for a skill that needs work no sooner than 2 working days later, and passes critical skills on two observations on different days', () => {
    const critical = new Set(content.checklists.flatMap((c) => c.data.items.filter((i) => i.critical).map((i) => `${c.id}/${i.id}`)));
    for (const today of DATES) {
      const data = demoOn(today);
      const records = new Map<string, { requests: string[]; verdicts: { verdict: string; at: string }[] }>();
      const of = (userId: string, checklistId: string, itemId: string) => {
        const key = `${userId}|${checklistId}/${itemId}`;
        if (!records.has(key)) records.set(key, { requests: [], verdicts: [] });
        return records.get(key)!;
      };
      for (const r of data.signoffRequests) of(r.userId, r.checklistId, r.itemId).requests.push(r.at);
      for (const s of data.signoffs) of(s.userId, s.checklistId, s.itemId).verdicts.push({ verdict: s.verdict, at: s.at });
      let reworked = 0;
      let observedTwice = 0;
      for (const [key, { requests, verdicts }] of records) {
        verdicts.sort((a, b) => a.at.localeCompare(b.at));
        for (const needsWork of verdicts.filter((v) => v.verdict === 'needs-work')) {
          const next = requests.filter((r) => r > needsWork.at).sort()[0];
          if (!next) continue;
          reworked += 1;
          expect(calendar.workingDaysBetween(needsWork.at.slice(0, 10), next.slice(0, 10)), `${today} ${key}`).toBeGreaterThanOrEqual(2);
        }
        const latest = verdicts.at(-1);
        if (latest?.verdict !== 'passed' || !critical.has(key.split('|')[1]!)) continue;
        const sinceRework = verdicts.slice(verdicts.map((v) => v.verdict).lastIndexOf('needs-work') + 1);
        const days = new Set(sinceRework.map((v) => v.at.slice(0, 10)));
        if (days.size < 2) continue; // one observation so far: the second is still to come
        observedTwice += 1;
        expect(sinceRework.every((v) => v.verdict === 'passed'), `${today} ${key}`).toBe(true);
      }
      expect(reworked, today).toBeGreaterThan(0);
      expect(observedTwice, today).toBeGreaterThan(0);
      // Two observations of a critical skill are never on the same day.
      for (const [key, { verdicts }] of records) {
        if (!critical.has(key.split('|')[1]!)) continue;
        const passDays = verdicts.filter((v) => v.verdict === 'passed').map((v) => v.at.slice(0, 10));
        expect(new Set(passDays).size, `${today} ${key}`).toBe(passDays.length);
      }
      // Mentors and heads judge on working days.
      expect(data.signoffs.filter((s) => !calendar.isWorkingDay(s.at.slice(0, 10))).map((s) => s.at), today).toEqual([]);
    }
  });

  it('confirms only versions in force on the day, never before the person’s account, and keeps one earlier version to show what changed', () => {
    for (const today of DATES) {
      const data = demoOn(today);
      const users = new Map(data.users.map((u) => [u.id, u]));
      for (const ack of data.acknowledgements) {
        const doc = docs.find((d) => d.id === ack.docId)!;
        const where = `${today} ${users.get(ack.userId)!.login} ${ack.docId} ${ack.version} ${ack.at}`;
        expect(ack.at >= users.get(ack.userId)!.createdAt, where).toBe(true);
        expect(ack.at < today, where).toBe(true);
        if (ack.version === doc.version) expect(ack.at >= doc.effective.toISOString(), where).toBe(true);
        else {
          expect(ack.version, where).toBe(doc.earlier?.version);
          expect(ack.at < doc.earlier!.replacedOn.toISOString(), where).toBe(true);
        }
      }
      expect(data.acknowledgements.some((a) => a.version !== docs.find((d) => d.id === a.docId)!.version), today).toBe(true);
    }
  });

  it('looks well run: the head owes nothing overdue, senior managers have read nearly everything, new hires are on their way', () => {
    for (const today of DATES) {
      const data = demoOn(today);
      const due = (effective: Date, start: string) => calendar.addWorkingDays(dayOf(effective) > start ? dayOf(effective) : start, 5);
      const share = (login: string) => {
        const person = byLogin(data).get(login)!;
        const start = person.createdAt.slice(0, 10);
        const required = history(calendar).requiredDocs.get(person.position)!;
        const mine = data.acknowledgements.filter((a) => a.userId === person.id);
        const current = required.filter((d) => mine.some((a) => a.docId === d.id && a.version === d.version));
        const overdue = required.filter((d) => !current.includes(d) && due(d.effective, start) < today.slice(0, 10));
        return { share: current.length / required.length, overdue: overdue.map((d) => d.id) };
      };
      expect(share('head').overdue, today).toEqual([]);
      // The second senior manager is the one asked to read again every document revised since her first day.
      for (const login of ['mentor1', 'mentor3']) expect(share(login).share, `${today} ${login}`).toBeGreaterThanOrEqual(0.8);
      expect(share('mentor2').share, today).toBeGreaterThanOrEqual(0.75);
      expect(share('trainee1').overdue, today).toEqual([]);
      // Realistic gaps: a new hire or two owes a document past its due date.
      expect(share('trainee2').overdue.length + share('trainee3').overdue.length, today).toBeGreaterThan(0);
      expect(share('trainee2').overdue.length + share('trainee3').overdue.length, today).toBeLessThanOrEqual(3);
      const everyone = data.users.map((u) => share(u.login).share);
      expect(everyone.reduce((a, b) => a + b, 0) / everyone.length, today).toBeGreaterThanOrEqual(0.75);
      // The head took the course on her path, on time.
      const head = byLogin(data).get('head')!;
      expect(data.quizAttempts.some((a) => a.userId === head.id && a.passed), today).toBe(true);
    }
  });
});

describe('the demo company shows recertification and a recheck by section', () => {
  const timeZone = content.site!.timeZone;
  const keptBody = (docId: string, version: string) => kept.find((v) => v.id === `${docId}/${version}`)?.body;
  const sectionChanges = (docId: string, judged: string) => {
    const before = keptBody(docId, judged);
    const doc = content.docs.find((d) => d.id === docId);
    return before === undefined || !doc ? undefined : compareSections(before, doc.body ?? '');
  };
  const statesOf = (data: StoreData, login: string, today: string) => {
    const person = byLogin(data).get(login)!;
    const path = roles.find((r) => r.id === person.position)!.path.checklists;
    return personItemStates({
      userId: person.id,
      checklists: content.checklists.filter((c) => path.includes(c.id)).map((c) => ({ id: c.id, ...c.data })),
      requests: data.signoffRequests,
      signoffs: data.signoffs,
      currentVersions: new Map(content.docs.map((d) => [d.id, d.data.version])),
      timeZone,
      sectionChanges,
      expiry: { now: new Date(today), timeZone },
    });
  };
  const stateOf = (states: ReturnType<typeof statesOf>, key: string) => states.find((s) => `${s.checklistId}/${s.item.id}` === key)!;

  it('has a senior manager whose critical inbound call, certified over a year ago on two days, has expired', () => {
    const item = content.checklists.find((c) => c.id === 'trainee-skills')!.data.items.find((i) => i.id === 'inbound-call')!;
    expect([item.critical, item.validForMonths, item.observations]).toEqual([true, 12, 2]);
    for (const today of DATES) {
      const data = demoOn(today);
      const states = statesOf(data, 'mentor1', today);
      const inbound = stateOf(states, 'trainee-skills/inbound-call');
      expect(inbound.state, today).toBe('expired');
      expect(inbound.validity!.validUntil < today.slice(0, 10), today).toBe(true);
      // Two passing observations on different working days, both more than 12 months before today.
      const passes = inbound.history.filter((s) => s.verdict === 'passed').map((s) => s.at.slice(0, 10));
      expect(new Set(passes).size, today).toBe(2);
      expect(passes.every((day) => calendar.isWorkingDay(day) && day < addMonths(today.slice(0, 10), -12)), today).toBe(true);
      // His other skills with a term were confirmed when Salesbook came: still held while that is under a year ago.
      const otherTerm = stateOf(states, 'trainee-skills/discount-within-authority');
      const portal = byLogin(data).get('mentor1')!.createdAt.slice(0, 10);
      expect(otherTerm.state, today).toBe(addMonths(portal, 12) >= today.slice(0, 10) ? 'passed' : 'expired');
    }
    // On the suite's day it is the one expired skill of the whole company.
    const data = demoOn(DATES[0]!);
    const expired = data.users.flatMap((u) => statesOf(data, u.login, DATES[0]!).filter((s) => s.state === 'expired').map((s) => `${u.login} ${s.checklistId}/${s.item.id}`));
    expect(expired).toEqual(['mentor1 trainee-skills/inbound-call']);
  });

  it('keeps the earlier regulation, changed in exactly one section with a change-log line', () => {
    const doc = content.docs.find((d) => d.id === REVISED_REGULATION)!;
    const earlier = docs.find((d) => d.id === REVISED_REGULATION)!.earlier!;
    expect(parseVersion(doc.data.version).major).toBeGreaterThan(parseVersion(earlier.version).major);
    expect(doc.data.changes[0]).toMatchObject({ version: doc.data.version });
    const comparison = compareSections(keptBody(REVISED_REGULATION, earlier.version)!, doc.body ?? '');
    const changed = comparison.sections.filter((s) => s.change !== 'unchanged').map((s) => s.anchor);
    // The vacation hand-over section changed through its subsection on the terms; nothing else did.
    expect(changed).toEqual(['передача-на-время-отпуска', 'сроки']);
    expect(comparison.added).toEqual([]);
  });

  it('asks the senior manager to recheck the skill tied to the changed section, and keeps the one tied to another section passed', () => {
    for (const today of DATES) {
      const data = demoOn(today);
      const states = statesOf(data, 'mentor1', today);
      const vacation = stateOf(states, 'account-manager-skills/vacation-handover');
      expect(vacation.item.docs).toContain(`${REVISED_REGULATION}#передача-на-время-отпуска`);
      expect(vacation.state, today).toBe('recheck');
      expect(vacation.recheck.map((c) => [c.docId, c.section?.title]), today).toEqual([[REVISED_REGULATION, 'Передача на время отпуска']]);
      const takeover = stateOf(states, 'senior-manager-skills/client-takeover');
      expect(takeover.item.docs.filter((link) => link.startsWith(`${REVISED_REGULATION}#`)).length).toBeGreaterThan(0);
      expect(takeover.latest!.docVersions[REVISED_REGULATION], today).toBe(vacation.latest!.docVersions[REVISED_REGULATION]);
      expect(takeover.state, today).toBe('passed');
      // Both were judged against the version in force on their day, before the new one took effect.
      const earlier = docs.find((d) => d.id === REVISED_REGULATION)!.earlier!;
      expect(vacation.latest!.docVersions[REVISED_REGULATION], today).toBe(earlier.version);
      expect(vacation.latest!.at < earlier.replacedOn.toISOString(), today).toBe(true);
      // Everyone else was judged against the current version: nobody else is asked for this recheck.
      const others = data.signoffs.filter((s) => s.userId !== byLogin(data).get('mentor1')!.id && s.docVersions[REVISED_REGULATION] !== undefined);
      expect(others.length, today).toBeGreaterThan(0);
      expect(others.every((s) => s.docVersions[REVISED_REGULATION] === content.docs.find((d) => d.id === REVISED_REGULATION)!.data.version), today).toBe(true);
    }
  });
});
