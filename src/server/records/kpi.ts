import type { KpiRow } from '../../domain/kpi';
import type { KpiRecord } from '../store/data';
import type { Store } from '../store/store';
import type { AuditOf } from '../store/audit';
import * as clock from '../clock';

/**
 * Writes checked KPI rows in one change: a month already on record for a person is replaced,
 * so importing a corrected file twice gives the same data. Returns what was added and replaced.
 */
export async function importKpiRows(store: Store, rows: readonly KpiRow[], source: string, audit?: AuditOf<{ added: number; replaced: string[] }>): Promise<{ added: number; replaced: string[] }> {
  const now = clock.now().toISOString();
  return store.mutate((data) => {
    const idByLogin = new Map(data.users.map((u) => [u.login, u.id]));
    const replaced: string[] = [];
    for (const row of rows) {
      const userId = idByLogin.get(row.login);
      if (!userId) throw new Error(`Salesbook: ${row.login} disappeared between the check and the import.`);
      const index = data.kpiRecords.findIndex((r) => r.userId === userId && r.month === row.month);
      const record: KpiRecord = {
        userId,
        month: row.month,
        revenue: row.revenue,
        margin: row.margin,
        deals: row.deals,
        leads: row.leads,
        plan: row.plan,
        metrics: { ...row.metrics },
        source,
        importedAt: now,
      };
      if (index >= 0) {
        replaced.push(`${row.login} ${row.month}`);
        data.kpiRecords[index] = record;
      } else data.kpiRecords.push(record);
    }
    return { added: rows.length - replaced.length, replaced };
  }, audit);
}

export async function kpiRecordsOf(store: Store, userId: string): Promise<KpiRecord[]> {
  return store.read((data) => data.kpiRecords.filter((r) => r.userId === userId).sort((a, b) => a.month.localeCompare(b.month)));
}
