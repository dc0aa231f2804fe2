import { recordedKpis, siteSettings } from '../../content';
import { crmMonthRows, mappingIssues, type CrmFailure, type CrmIssue, type CrmKind, type CrmMapping, type CrmMonth, type CrmUser, type KpiUnit } from '../../domain/crm';
import { kpiCheckContext } from '../views/kpi';
import { checkKpiRows, type KpiProblem, type KpiRow } from '../../domain/kpi';
import { amocrmSettings, bitrix24Settings } from '../config';
import { mappingIn, notePull, peopleForMonth } from '../records/crm';
import { putKpiRows } from '../records/kpi';
import type { Store } from '../store/store';
import * as clock from '../clock';
import { AmoCrm } from './amocrm';
import { Bitrix24 } from './bitrix24';

// A month pulled from a CRM: the connector reads it, the head's mapping turns it into one row per
// person, and the rows are checked by the rules of the file import. Nothing is written until the rows
// are applied, as one change with its audit entry and the pull noted.

/** What a pull needs of a CRM. */
export interface CrmConnector {
  users(): Promise<CrmUser[]>;
  month(month: string, timeZone: string, mapping: CrmMapping): Promise<CrmMonth>;
}

const connectors = new Map<string, CrmConnector>();

/**
 * The CRMs set up in the environment, each with its connector: one per CRM and settings in a process,
 * so that every request to a CRM keeps to the same pace.
 */
export function crmConnectors(): Map<CrmKind, CrmConnector> {
  const found = new Map<CrmKind, CrmConnector>();
  const bitrix24 = bitrix24Settings();
  if (bitrix24) found.set('bitrix24', connectorFor(`bitrix24 ${bitrix24.webhookUrl}`, () => new Bitrix24(bitrix24.webhookUrl)));
  const amocrm = amocrmSettings();
  if (amocrm) found.set('amocrm', connectorFor(`amocrm ${amocrm.url} ${amocrm.token}`, () => new AmoCrm(amocrm.url, amocrm.token)));
  return found;
}

function connectorFor(key: string, make: () => CrmConnector): CrmConnector {
  let connector = connectors.get(key);
  if (!connector) connectors.set(key, (connector = make()));
  return connector;
}

/** The users each connector listed last, with when: a page shown again within a minute does not ask again. */
const usersSeen = new WeakMap<CrmConnector, { at: number; users: CrmUser[] }>();
const USERS_KEPT_MS = 60_000;

/** The CRM's users, as listed at most a minute ago. */
export async function crmUsers(connector: CrmConnector): Promise<CrmUser[]> {
  const seen = usersSeen.get(connector);
  if (seen && Date.now() - seen.at < USERS_KEPT_MS) return seen.users;
  const users = await connector.users();
  usersSeen.set(connector, { at: Date.now(), users });
  return users;
}

/** The KPIs a mapping may name, with their units. */
async function kpiUnits(): Promise<Map<string, KpiUnit>> {
  return new Map([...(await recordedKpis())].map(([id, kpi]) => [id, kpi.unit]));
}

/** A pulled month: rows to apply, or what stops it (the CRM's issues, or the rows' problems, which name rows by `line`). */
export type PullResult = { ok: true; rows: KpiRow[] } | { ok: false; issues: CrmIssue[]; problems: KpiProblem[]; rows: KpiRow[] };

/** Pulls a month from `connector` and checks it; writes nothing. A CRM that cannot be asked throws a CrmError. */
export async function pullMonth(store: Store, crm: CrmKind, month: string, connector: CrmConnector, now = clock.now()): Promise<PullResult> {
  const [site, kpis] = await Promise.all([siteSettings(), kpiUnits()]);
  const { mapping, people } = await store.read((data) => ({
    mapping: mappingIn(data, crm),
    people: peopleForMonth(data, month),
  }));
  // A mapping that cannot give a margin asks nothing of the CRM.
  const early = mappingIssues(mapping, kpis);
  if (early.length > 0) return { ok: false, issues: early, problems: [], rows: [] };
  const pulled = await connector.month(month, site.timeZone, mapping);
  usersSeen.set(connector, { at: Date.now(), users: pulled.users });
  const { rows, issues } = crmMonthRows(pulled, mapping, people, kpis, site.timeZone);
  if (issues.length > 0) return { ok: false, issues, problems: [], rows: [] };
  const checked = checkKpiRows(rows, await kpiCheckContext(store, now));
  if (checked.problems.length > 0) return { ok: false, issues: [], problems: checked.problems, rows };
  return { ok: true, rows: checked.rows };
}

/** Who pulled: a head (the rows they previewed), or the schedule. */
export interface Puller {
  actor: string;
  trigger: 'head' | 'schedule';
}

/** Writes a pulled month's rows (a month on record for a person is replaced), notes the pull and audits it, in one change. */
export async function applyPulledRows(store: Store, crm: CrmKind, month: string, rows: readonly KpiRow[], by: Puller): Promise<{ added: number; replaced: string[] }> {
  const at = clock.now().toISOString();
  return store.mutate(
    (data) => {
      const written = putKpiRows(data, rows, crm, at);
      notePull(data, { crm, month, trigger: by.trigger, outcome: 'applied', rows: rows.length, problems: 0, failure: null }, at);
      return written;
    },
    (written) => ({ actor: by.actor, action: 'kpi.pull', subject: `crm:${crm}:${month}`, details: { trigger: by.trigger, lines: rows.length, added: written.added, replaced: written.replaced } }),
  );
}

/** Notes, and audits, a pull that wrote nothing: refused for what the CRM held, or failed to ask it. */
export async function noteUnwrittenPull(store: Store, crm: CrmKind, month: string, by: Puller, outcome: { problems: number } | { failure: CrmFailure }): Promise<void> {
  const at = clock.now().toISOString();
  const refused = 'problems' in outcome;
  await store.mutate(
    (data) => notePull(data, { crm, month, trigger: by.trigger, outcome: refused ? 'refused' : 'failed', rows: 0, problems: refused ? outcome.problems : 0, failure: refused ? null : outcome.failure }, at),
    () => ({ actor: by.actor, action: refused ? 'kpi.pull.refused' : 'kpi.pull.failed', subject: `crm:${crm}:${month}`, details: { trigger: by.trigger, ...outcome } }),
  );
}
