import type { KpiCheckContext } from '../../domain/kpi';
import { recordedMetrics, type MetricScheme, type RecordedMetric } from '../../domain/motivation';
import { allSchemes, schemeOfPosition } from '../../content';
import type { Store } from '../store/store';
import * as clock from '../clock';

/** What a KPI file or a CRM's rows are checked against: everyone on record, their schemes, the content's schemes. */
export async function kpiCheckContext(store: Store, today = clock.now()): Promise<KpiCheckContext> {
  const people = await store.read((data) => data.users.map((u) => ({ login: u.login, position: u.position })));
  // Positions are few and people many: each position's scheme is looked up once.
  const positions = [...new Set(people.map((p) => p.position))];
  const schemeOf = new Map(await Promise.all(positions.map(async (position) => [position, (await schemeOfPosition(position))?.data] as const)));
  const schemesByLogin = new Map<string, MetricScheme>();
  for (const person of people) {
    const scheme = schemeOf.get(person.position);
    if (scheme) schemesByLogin.set(person.login, scheme);
  }
  return { logins: new Set(people.map((p) => p.login)), schemesByLogin, schemes: (await allSchemes()).map((s) => s.data), today };
}


/** A column of figures a KPI file may carry beyond the fixed ones, for the import page: its id, title, unit and the schemes that use it. */
export interface MetricColumn extends RecordedMetric {
  schemes: string[];
}

export async function metricColumns(): Promise<MetricColumn[]> {
  const columns = new Map<string, MetricColumn>();
  for (const scheme of await allSchemes()) {
    for (const metric of recordedMetrics(scheme.data)) {
      const column = columns.get(metric.id) ?? { ...metric, schemes: [] };
      column.schemes.push(scheme.data.title);
      columns.set(metric.id, column);
    }
  }
  return [...columns.values()];
}
