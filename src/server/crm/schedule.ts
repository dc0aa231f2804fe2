import { siteSettings } from '../../content';
import { scheduledPullDue, type CrmKind, type PullSchedule } from '../../domain/crm';
import type { Store } from '../store/store';
import * as clock from '../clock';
import { Periodic } from '../periodic';
import { applyPulledRows, noteUnwrittenPull, pullMonth, type CrmConnector } from './pull';
import { CrmError } from './requests';

// The scheduled pull: on the day and at the time set (SALESBOOK_CRM_PULL_AT), the month before is
// pulled from each CRM set up and, when nothing stops it, written. Each pull is noted in the store in
// the same change as its figures, so a restart does not pull a month twice; one refused for what the
// CRM held waits for a head, and one that could not reach the CRM is tried again an hour later.

const SCHEDULE = { actor: 'system', trigger: 'schedule' } as const;

/** Pulls what is due from each CRM; returns a line per pull made, for the log. */
export async function runScheduledPulls(store: Store, connectors: ReadonlyMap<CrmKind, CrmConnector>, schedule: PullSchedule, now = clock.now()): Promise<string[]> {
  const { timeZone } = await siteSettings();
  const said: string[] = [];
  for (const [crm, connector] of connectors) {
    const pulls = await store.read((data) => data.crmPulls.filter((p) => p.crm === crm));
    const month = scheduledPullDue(schedule, now.getTime(), timeZone, pulls);
    if (!month) continue;
    try {
      const pulled = await pullMonth(store, crm, month, connector, now);
      if (pulled.ok) {
        const written = await applyPulledRows(store, crm, month, pulled.rows, SCHEDULE);
        said.push(`Salesbook: ${month} pulled from ${crm}: ${pulled.rows.length} people's figures written (${written.replaced.length} replaced).`);
      } else {
        const problems = pulled.issues.length + pulled.problems.length;
        await noteUnwrittenPull(store, crm, month, SCHEDULE, { problems });
        said.push(`Salesbook: ${month} from ${crm} was not written: ${problems} problem(s). A head sees them by pulling the month on the CRM page.`);
      }
    } catch (error) {
      if (!(error instanceof CrmError)) throw error;
      await noteUnwrittenPull(store, crm, month, SCHEDULE, { failure: error.failure });
      said.push(`Salesbook: ${month} could not be pulled: ${error.message}. It is tried again in an hour.`);
    }
  }
  return said;
}

/** Looks every ten minutes whether a pull is due, from the start on. */
export class CrmPullScheduler extends Periodic<string[]> {
  constructor(store: Store, connectors: ReadonlyMap<CrmKind, CrmConnector>, schedule: PullSchedule, options: { everyMs?: number; log?: (line: string) => void } = {}) {
    const log = options.log ?? ((line: string) => console.error(line));
    const run = () =>
      runScheduledPulls(store, connectors, schedule).then(
        (lines) => {
          for (const line of lines) log(line);
          return lines;
        },
        (error: Error) => {
          log(`Salesbook: the scheduled CRM pull failed (${error.message}); it is tried again in ten minutes.`);
          return [];
        },
      );
    super(run, options.everyMs ?? 600_000);
  }
}
