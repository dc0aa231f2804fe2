import { requiredDocs, type AckDoc } from '../../domain/acknowledgement';
import { seededRandom } from '../../domain/quiz-draw';
import { emptyStore, type StoreData, type StoredUser } from '../store/data';
import * as clock from '../clock';
import { dayOf, DAY_MS, HOUR_MS, monthOf, shiftDays, startOfDay } from '../../domain/calendar';
import { NET_PROFIT_METRIC, recordedMetrics, type MetricScheme } from '../../domain/motivation';

export const DEMO_PASSWORD = 'demo';

interface SeedRole {
  id: string;
  reportsTo?: string;
  path: { docs: string[] };
  /** The position's bonus scheme, whose figures the demo's sales records carry. */
  scheme?: MetricScheme;
}

/** The first role id of `preferred` that the content has, else the fallback. */
function pick(roles: SeedRole[], preferred: string[], fallback: () => SeedRole | undefined): string {
  return preferred.find((id) => roles.some((r) => r.id === id)) ?? fallback()?.id ?? roles[0]!.id;
}

/**
 * Ids for the demo company's records, the same on every first start: a demo made on the same day is
 * the same demo. Shaped as version 4 UUIDs, like the ids Salesbook gives real records.
 */
export function demoIds(seed: string): () => string {
  const random = seededRandom(seed);
  const hex = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 16).toString(16)).join('');
  return () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
}

const day = (today: Date, daysAgo: number) => dayOf(shiftDays(today, -daysAgo));

/** A document as the demo needs it; `earlier` is a kept text of an earlier major version, when there is one. */
export type SeedDoc = AckDoc & {
  contentHash: string;
  /** The day the current version took effect. */
  effective: Date;
  earlier?: { version: string; contentHash: string; replacedOn: Date };
};

/**
 * The day Salesbook came to the department: four months ago, or a month before the latest major
 * revision whose earlier text is kept, if that came later. People hired before had their accounts
 * made then, so someone could read that earlier version while it was in force.
 */
export function portalStart(docs: readonly SeedDoc[], today: Date): string {
  const revisions = docs.flatMap((doc) => (doc.earlier && doc.earlier.replacedOn.getTime() <= today.getTime() ? [doc.earlier.replacedOn.getTime()] : []));
  const usual = day(today, 120);
  if (revisions.length === 0) return usual;
  const beforeRevision = dayOf(shiftDays(new Date(Math.max(...revisions)), -30));
  return beforeRevision < usual ? beforeRevision : usual;
}

/** 09:30 in the morning of a day, as an instant: when the demo's people read. */
const morning = (dayIso: string, minutes = 0) => new Date(startOfDay(dayIso) + (4.5 * 60 + minutes) * 60_000);

/**
 * The demo company's people: the head, the senior managers who mentor, and five people hired over the
 * last 90 days and still on probation, all with the password "demo", in positions the content's org
 * structure has. The first two senior managers and the five new people are always there; a third
 * senior manager, a key-account manager and a CRM administrator join when the content has exactly
 * those positions, so a smaller company's content keeps the eight.
 *
 * New hires follow the hiring standard: people without B2B experience start as trainees, experienced
 * ones as managers on probation; either way with a mentor who has no more than two at a time.
 */
export function demoPeople(roles: SeedRole[], docs: SeedDoc[], passwordHash: string, today = clock.now()): StoreData {
  if (roles.length === 0) throw new Error('Salesbook: the demo needs at least one role in content/roles.');
  const top = () => roles.find((r) => !r.reportsTo);
  const has = (id: string) => roles.some((r) => r.id === id);
  const headRole = pick(roles, ['head-of-sales'], top);
  const mentorRole = pick(roles, ['senior-manager'], () => roles.find((r) => r.reportsTo === headRole));
  const leaves = () => roles.find((r) => !roles.some((other) => other.reportsTo === r.id));
  const traineeRoles = [
    pick(roles, ['sales-trainee'], leaves),
    pick(roles, ['account-manager', 'sales-trainee'], leaves),
    pick(roles, ['inbound-manager', 'sales-trainee'], leaves),
    pick(roles, ['sales-trainee'], leaves),
    pick(roles, ['account-manager', 'sales-trainee'], leaves),
  ];
  const data = emptyStore();
  const randomUUID = demoIds('salesbook-demo-people');
  const started = portalStart(docs, today);
  const person = (login: string, name: string, appRole: StoredUser['appRole'], position: string, hired: string, mentorId: string | null = null) => {
    const user: StoredUser = {
      id: randomUUID(),
      login,
      name,
      appRole,
      position,
      mentorId,
      hired,
      passwordHash,
      mustChangePassword: false,
      disabled: false,
      // The accounts of people hired before Salesbook came to the department were made on that day.
      createdAt: new Date(`${hired > started ? hired : started}T06:00:00Z`).toISOString(),
    };
    data.users.push(user);
    return user;
  };
  person('head', 'Ирина Соколова', 'head', headRole, '2019-03-11');
  const mentor1 = person('mentor1', 'Дмитрий Орлов', 'mentor', mentorRole, '2021-06-01');
  const mentor2 = person('mentor2', 'Елена Кузнецова', 'mentor', mentorRole, '2022-02-14');
  // Nobody mentors more than two people at a time: with a third senior manager, the third new hire is theirs.
  const mentor3 = has('senior-manager') ? person('mentor3', 'Кирилл Захаров', 'mentor', 'senior-manager', '2023-04-03') : undefined;
  if (has('key-account-manager')) person('kam1', 'Андрей Белов', 'employee', 'key-account-manager', '2020-09-07');
  if (has('crm-admin')) person('crm1', 'Татьяна Гусева', 'employee', 'crm-admin', '2022-08-22');
  const trainees = [
    person('trainee1', 'Алексей Смирнов', 'employee', traineeRoles[0]!, day(today, 85), mentor1.id),
    person('trainee2', 'Мария Волкова', 'employee', traineeRoles[1]!, day(today, 64), mentor1.id),
    person('trainee3', 'Никита Павлов', 'employee', traineeRoles[2]!, day(today, 41), (mentor3 ?? mentor1).id),
    person('trainee4', 'Ольга Морозова', 'employee', traineeRoles[3]!, day(today, 23), mentor2.id),
    person('trainee5', 'Сергей Лебедев', 'employee', traineeRoles[4]!, day(today, 6), mentor2.id),
  ];
  const confirm = (user: StoredUser, doc: SeedDoc, at: Date, earlier = false) =>
    data.acknowledgements.push({
      id: randomUUID(),
      userId: user.id,
      docId: doc.id,
      version: earlier ? doc.earlier!.version : doc.version,
      contentHash: earlier ? doc.earlier!.contentHash : doc.contentHash,
      at: at.toISOString(),
    });
  const pathOf = (user: StoredUser) => roles.find((r) => r.id === user.position)?.path.docs ?? [];
  // The longer someone has worked, the more they have confirmed: a few documents on their first
  // working day, each in the version in force by then (a version that took effect later, the day after it did).
  trainees.slice(0, 3).forEach((trainee, index) => {
    const firstDay = dayOf(shiftDays(new Date(startOfDay(trainee.hired)), 1));
    requiredDocs(docs, trainee.position, pathOf(trainee))
      .slice(0, 3 - index)
      .forEach((doc, i) => {
        const at = new Date(Math.max(morning(firstDay, i * 15).getTime(), morning(dayOf(shiftDays(doc.effective, 1)), i * 15).getTime()));
        if (at.getTime() < startOfDay(dayOf(today))) confirm(trainee, doc, at);
      });
  });
  // The second senior manager read her documents on her account's first day: those revised since,
  // in the version then in force, which she is now asked to read again.
  const readOn = dayOf(shiftDays(new Date(startOfDay(started)), 1));
  requiredDocs(docs, mentor2.position, pathOf(mentor2)).forEach((doc, i) => {
    const at = morning(readOn, i * 10);
    if (at.getTime() >= startOfDay(dayOf(today))) return;
    if (doc.effective.getTime() <= at.getTime()) confirm(mentor2, doc, at);
    else if (doc.earlier && doc.earlier.replacedOn.getTime() > at.getTime()) confirm(mentor2, doc, at, true);
  });
  // The CRM administrator sells nothing.
  data.kpiRecords.push(...demoKpis(data.users.filter((u) => u.position !== 'crm-admin'), today, new Map(roles.flatMap((r) => (r.scheme ? [[r.id, r.scheme] as const] : [])))));
  return data;
}

/** A small deterministic generator, so the demo's figures are the same on every first start. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Twelve months of sales figures for everyone who sells, from the month after hiring: conversion,
 * deal size and plan fulfilment that grow with experience, and a step up for the experienced after
 * the training they took in the middle of the year.
 */
export function demoKpis(users: StoredUser[], today: Date, schemes: ReadonlyMap<string, MetricScheme> = new Map()) {
  const records: StoreData['kpiRecords'] = [];
  const next = random(20261127);
  // A generator of its own for the schemes' other figures, so the sales figures stay the same whatever the schemes.
  const nextMetric = random(20261128);
  for (const user of users) {
    if (user.appRole === 'head') continue;
    const hired = new Date(`${user.hired}T00:00:00Z`);
    for (let back = 12; back >= 1; back--) {
      const month = monthOf(today, -back);
      if (month <= user.hired.slice(0, 7)) continue;
      const tenure = (Date.parse(`${month}-15T00:00:00Z`) - hired.getTime()) / (30 * DAY_MS);
      const mentor = user.appRole === 'mentor';
      // Someone who has sold here for more than a year sells like the seniors, whatever their rights in Salesbook.
      const experienced = mentor || tenure > 12;
      // The mentors' courses ended four months ago (see demo-history.ts): the three full months after show it.
      const trainedBoost = mentor && back <= 3 ? 1.12 : 1;
      const skill = Math.min(1, 0.45 + tenure * 0.18) * trainedBoost;
      const leads = Math.round((experienced ? 34 : 8 + tenure * 4) * (0.85 + next() * 0.3));
      const deals = Math.min(leads, Math.round(leads * ((experienced ? 0.14 : 0.08) + 0.1 * skill) * (0.85 + next() * 0.3)));
      const averageDeal = (experienced ? 520_000 : 360_000 + tenure * 30_000) * (0.85 + next() * 0.3) * trainedBoost;
      const revenue = Math.round(deals * averageDeal);
      const margin = Math.round(revenue * (0.21 + next() * 0.06));
      const plan = experienced ? 1_000_000 : tenure < 1 ? 0 : tenure < 2 ? 200_000 : 400_000;
      const scheme = schemes.get(user.position);
      const metrics = Object.fromEntries((scheme ? recordedMetrics(scheme) : []).map((m) => [m.id, demoMetric(scheme!, m.id, margin, skill, nextMetric)]));
      records.push({ userId: user.id, month, revenue, margin, deals, leads, plan, metrics, source: 'demo', importedAt: today.toISOString() });
    }
  }
  return records;
}

/**
 * A month's value of one of a scheme's other figures: net profit a share of the margin; a KPI somewhere
 * on its scale, from its first paying step up past its top one, higher with skill, in whole units for
 * counts and to a tenth otherwise.
 */
function demoMetric(scheme: MetricScheme, id: string, margin: number, skill: number, next: () => number): number {
  if (id === NET_PROFIT_METRIC && !scheme.kpis.some((k) => k.id === id)) return Math.round(margin * (0.35 + next() * 0.15));
  const kpi = scheme.kpis.find((k) => k.id === id)!;
  const steps = [...kpi.scale].sort((a, b) => a.from - b.from);
  const share = Math.min(1, Math.max(0, skill * 0.8 + (next() - 0.5) * 0.5));
  // A figure where less is better (clients lost): the skilled stay near its best step.
  if (steps.at(-1)!.factor < steps[0]!.factor) {
    const value = steps.at(-1)!.from - (steps.at(-1)!.from - steps[0]!.from) * share;
    return kpi.unit === 'count' ? Math.max(0, Math.round(value)) : Math.round(value * 10) / 10;
  }
  const low = (steps.find((step) => step.factor > 0) ?? steps[0]!).from;
  const high = steps.at(-1)!.from + (steps.at(-1)!.from - low) * 0.2;
  const value = low + (high - low) * share;
  if (kpi.unit === 'count') return Math.max(0, Math.round(value));
  // A share that cannot pass 100 % (paid on time, clients kept) stops there.
  const cap = kpi.unit === 'percent' && low >= 0 && steps.at(-1)!.from <= 100 ? 100 : Number.POSITIVE_INFINITY;
  return Math.min(Math.round(value * 10) / 10, cap);
}
