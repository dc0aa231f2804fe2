import type { CrmKind, CrmMapping, CrmPerson, MetricSource } from '../../domain/crm';
import { KEPT_PULLS, type CrmField, type CrmPull, type CrmUserLink, type StoreData } from '../store/data';
import type { Store } from '../store/store';
import * as clock from '../clock';

// The head's mapping of a CRM (who each CRM user is in Salesbook, which fields hold what) and the
// pulls made from it. Every change is audited with the head who made it.

/** A CRM user's link as a head sets it: a person's id, null for "not in Salesbook", undefined to forget the link. */
export interface LinkChoice {
  crmUserId: string;
  crmName: string;
  userId: string | null | undefined;
}

export interface FieldChoice {
  kpi: string;
  source: MetricSource;
  field: string | null;
}

/** The links and fields of one CRM, and its pulls, latest first. */
export async function crmSetupOf(store: Store, crm: CrmKind): Promise<{ links: CrmUserLink[]; fields: CrmField[]; pulls: CrmPull[] }> {
  return store.read((data) => ({
    links: data.crmUserLinks.filter((l) => l.crm === crm),
    fields: data.crmFields.filter((f) => f.crm === crm),
    pulls: data.crmPulls.filter((p) => p.crm === crm).reverse(),
  }));
}

/** The mapping of one CRM, with logins for people. */
export function mappingIn(data: StoreData, crm: CrmKind): CrmMapping {
  const loginOf = new Map(data.users.map((u) => [u.id, u.login]));
  const fields = data.crmFields.filter((f) => f.crm === crm);
  return {
    users: new Map(data.crmUserLinks.filter((l) => l.crm === crm).map((l) => [l.crmUserId, l.userId === null ? null : (loginOf.get(l.userId) ?? l.userId)])),
    margin: fields.find((f) => f.kpi === 'margin')?.field ?? null,
    metrics: fields.filter((f) => f.kpi !== 'margin').map((f) => ({ kpi: f.kpi, source: f.source, field: f.field })),
  };
}

/** Everyone a month can be written for, each with their last margin plan on record up to `month` (0 without one). */
export function peopleForMonth(data: StoreData, month: string): CrmPerson[] {
  const last = new Map<string, { month: string; plan: number }>();
  for (const record of data.kpiRecords) {
    const seen = last.get(record.userId);
    if (record.month <= month && (!seen || record.month > seen.month)) last.set(record.userId, record);
  }
  return data.users.map((user) => ({ login: user.login, hired: user.hired, disabled: user.disabled, plan: last.get(user.id)?.plan ?? 0 }));
}

/**
 * Saves the links of the CRM users a head chose for; links of users not among `choices` stay as they
 * are. Returns how many links there are now and how many were forgotten.
 */
export async function saveCrmUserLinks(store: Store, crm: CrmKind, choices: readonly LinkChoice[], actorId: string): Promise<{ linked: number; skipped: number; forgotten: number }> {
  const at = clock.now().toISOString();
  return store.mutate(
    (data) => {
      const ids = new Set(data.users.map((u) => u.id));
      const chosen = new Map(choices.map((c) => [c.crmUserId, c]));
      let forgotten = 0;
      const kept = data.crmUserLinks.filter((l) => {
        if (l.crm !== crm || !chosen.has(l.crmUserId)) return true;
        if (chosen.get(l.crmUserId)!.userId === undefined) forgotten += 1;
        return false;
      });
      const added: CrmUserLink[] = [];
      for (const choice of chosen.values()) {
        if (choice.userId === undefined) continue;
        if (choice.userId !== null && !ids.has(choice.userId)) throw new Error(`Salesbook: no person has the id ${choice.userId}.`);
        added.push({ crm, crmUserId: choice.crmUserId, crmName: choice.crmName, userId: choice.userId, updatedBy: actorId, updatedAt: at });
      }
      data.crmUserLinks = [...kept, ...added];
      const mine = data.crmUserLinks.filter((l) => l.crm === crm);
      return { linked: mine.filter((l) => l.userId !== null).length, skipped: mine.filter((l) => l.userId === null).length, forgotten };
    },
    (result) => ({ actor: actorId, action: 'crm.users', subject: `crm:${crm}`, details: result }),
  );
}

/** Replaces where a CRM's margin and KPIs come from. */
export async function saveCrmFields(store: Store, crm: CrmKind, choices: readonly FieldChoice[], actorId: string): Promise<void> {
  const at = clock.now().toISOString();
  await store.mutate(
    (data) => {
      const fields: CrmField[] = choices.map((c) => ({ crm, kpi: c.kpi, source: c.source, field: c.field, updatedBy: actorId, updatedAt: at }));
      data.crmFields = [...data.crmFields.filter((f) => f.crm !== crm), ...fields];
    },
    () => ({ actor: actorId, action: 'crm.fields', subject: `crm:${crm}`, details: { fields: choices.map((c) => `${c.kpi}=${c.source === 'field' ? c.field : c.source}`) } }),
  );
}

/** Notes a pull inside a change, keeping the latest KEPT_PULLS. */
export function notePull(data: StoreData, pull: Omit<CrmPull, 'at'>, at: string): void {
  data.crmPulls = [...data.crmPulls, { ...pull, at }].slice(-KEPT_PULLS);
}
