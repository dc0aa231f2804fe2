import { requiredDocs, type AckDoc } from '../../domain/acknowledgement';
import { seededRandom } from '../../domain/quiz-draw';
import { emptyStore, type StoreData, type StoredUser } from '../store/data';
import * as clock from '../clock';
import { dayOf, DAY_MS, HOUR_MS, monthOf, shiftDays } from '../../domain/calendar';
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

/**
 * The demo company's people: a head, two mentors and five trainees hired over the last 90 days,
 * all with the password "demo", placed in positions the content's org structure has.
 */
/** A document as the demo needs it; `earlier` is a kept text of an earlier major version, when there is one. */
export type SeedDoc = AckDoc & { contentHash: string; earlier?: { version: string; contentHash: string; replacedOn: Date } };

export function demoPeople(roles: SeedRole[], docs: SeedDoc[], passwordHash: string, today = clock.now()): StoreData {
  if (roles.length === 0) throw new Error('Salesbook: the demo needs at least one role in content/roles.');
  const top = () => roles.find((r) => !r.reportsTo);
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
  const portalStart = day(today, 120);
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
      // Salesbook came to the department four months ago: the accounts of people hired before were made then.
      createdAt: new Date(`${hired > portalStart ? hired : portalStart}T06:00:00Z`).toISOString(),
    };
    data.users.push(user);
    return user;
  };
  person('head', 'Ирина Соколова', 'head', headRole, '2019-03-11');
  const mentor1 = person('mentor1', 'Дмитрий Орлов', 'mentor', mentorRole, '2021-06-01');
  const mentor2 = person('mentor2', 'Елена Кузнецова', 'mentor', mentorRole, '2022-02-14');
  const trainees = [
    person('trainee1', 'Алексей Смирнов', 'employee', traineeRoles[0]!, day(today, 85), mentor1.id),
    person('trainee2', 'Мария Волкова', 'employee', traineeRoles[1]!, day(today, 64), mentor1.id),
    person('trainee3', 'Никита Павлов', 'employee', traineeRoles[2]!, day(today, 41), mentor1.id),
    person('trainee4', 'Ольга Морозова', 'employee', traineeRoles[3]!, day(today, 23), mentor2.id),
    person('trainee5', 'Сергей Лебедев', 'employee', traineeRoles[4]!, day(today, 6), mentor2.id),
  ];
  // The longer someone has worked, the more they have confirmed: a few confirmations to start from.
  // The longest-serving trainee read the earlier major version of every document whose earlier text
  // is kept — the day before the current one took effect, or, when that was before they joined, on
  // their first day from an outdated onboarding pack — and so has those to read again.
  trainees.slice(0, 3).forEach((trainee, index) => {
    const role = roles.find((r) => r.id === trainee.position);
    const required = requiredDocs(docs, trainee.position, role?.path.docs ?? []);
    const usual = new Date(`${day(today, 40 - index * 10)}T09:30:00Z`);
    const readEarlier = index === 0 ? required.filter((doc) => doc.earlier) : [];
    const readCurrent = required.slice(0, 3 - index).filter((doc) => !readEarlier.includes(doc));
    for (const doc of readCurrent) {
      data.acknowledgements.push({ id: randomUUID(), userId: trainee.id, docId: doc.id, version: doc.version, contentHash: doc.contentHash, at: usual.toISOString() });
    }
    for (const doc of readEarlier) {
      const { version, contentHash, replacedOn } = doc.earlier!;
      const firstDay = new Date(`${trainee.hired}T09:30:00Z`).getTime();
      const before = new Date(Math.max(firstDay, Math.min(usual.getTime(), replacedOn.getTime() - DAY_MS + 9.5 * HOUR_MS)));
      data.acknowledgements.push({ id: randomUUID(), userId: trainee.id, docId: doc.id, version, contentHash, at: before.toISOString() });
    }
  });
  data.kpiRecords.push(...demoKpis(data.users, today, new Map(roles.flatMap((r) => (r.scheme ? [[r.id, r.scheme] as const] : [])))));
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
      const experienced = user.appRole === 'mentor';
      // The mentors' courses ended five months ago (see demo-history.ts): the three full months after show it.
      const trainedBoost = experienced && back <= 3 ? 1.12 : 1;
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
  const low = (steps.find((step) => step.factor > 0) ?? steps[0]!).from;
  const high = steps.at(-1)!.from + (steps.at(-1)!.from - low) * 0.2;
  const value = low + (high - low) * Math.min(1, Math.max(0, skill * 0.8 + (next() - 0.5) * 0.5));
  if (kpi.unit === 'count') return Math.max(0, Math.round(value));
  // A share that cannot pass 100 % (paid on time, clients kept) stops there.
  const cap = kpi.unit === 'percent' && low >= 0 && steps.at(-1)!.from <= 100 ? 100 : Number.POSITIVE_INFINITY;
  return Math.min(Math.round(value * 10) / 10, cap);
}
