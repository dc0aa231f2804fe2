import { roleTitles } from '../../content';
import { salesDashboard, type SalesFigures, type SalesPeriod } from '../../domain/sales-dashboard';
import { publicUser, type PublicUser } from '../store/data';
import type { Store } from '../store/store';
import { metricColumns, type MetricColumn } from './kpi';

/** A person's figures over the period, with who they are. */
export interface SalesPerson {
  person: PublicUser;
  positionTitle: string;
  figures: SalesFigures;
}

/**
 * The department's sales for a head: the team by month and each person over the period, from the KPI
 * records, with the schemes' figures (`receivables`…) that the records carry, titled as the schemes title them.
 */
export async function teamSales(store: Store, period: SalesPeriod) {
  const [{ records, users }, titles, columns] = await Promise.all([
    store.read((data) => ({ records: data.kpiRecords, users: data.users.map(publicUser) })),
    roleTitles(),
    metricColumns(),
  ]);
  const dashboard = salesDashboard(records, period);
  const byId = new Map(users.map((u) => [u.id, u]));
  const people: SalesPerson[] = dashboard.byPerson
    .flatMap(({ userId, figures }) => {
      const person = byId.get(userId);
      return person ? [{ person, positionTitle: titles.get(person.position) ?? person.position, figures }] : [];
    })
    .sort((a, b) => a.person.name.localeCompare(b.person.name, 'ru'));
  // The schemes' figures the period's records carry, in the order of the schemes.
  const metrics: MetricColumn[] = columns.filter((c) => dashboard.team.metrics[c.id] !== undefined);
  return { period, byMonth: dashboard.byMonth, team: dashboard.team, people, metrics };
}
