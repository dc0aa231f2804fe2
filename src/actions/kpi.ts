import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { checkKpiFile } from '../domain/kpi';
import { kpiIssuesText } from '../i18n/kpi';
import { authorize } from './guard';
import { importKpiRows } from '../server/records/kpi';
import { kpiCheckContext } from '../server/views/kpi';
import { services } from '../server/services';
import * as clock from '../server/clock';

const MAX_BYTES = 1024 * 1024;

/** A head checks a KPI file (kept in their session until applied), then applies it. */
export const kpiActions = {
  checkKpiFile: defineAction({
    accept: 'form',
    input: z.object({ file: z.instanceof(File).optional() }),
    handler: async (input, context) => {
      authorize(context, 'kpi.import');
      const { t } = context.locals.i18n;
      if (!input.file || input.file.size === 0) throw new ActionError({ code: 'BAD_REQUEST', message: t('kpi.noFile') });
      if (input.file.size > MAX_BYTES) throw new ActionError({ code: 'BAD_REQUEST', message: t('kpi.tooBig') });
      const { store } = await services();
      const checked = checkKpiFile(await input.file.text(), await kpiCheckContext(store, clock.now()));
      const rows = checked.rows;
      const problems = checked.problems.map(({ line, issues }) => ({ line, message: kpiIssuesText(t, issues) }));
      const name = input.file.name.slice(0, 120) || 'kpi.csv';
      if (problems.length > 0) {
        context.session?.delete('kpiPending');
        return { file: name, problems, rows: [] };
      }
      context.session?.set('kpiPending', { file: name, rows });
      return { file: name, problems, rows };
    },
  }),

  applyKpiFile: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const head = authorize(context, 'kpi.import');
      const { t } = context.locals.i18n;
      const pending = await context.session?.get('kpiPending');
      if (!pending || pending.rows.length === 0) throw new ActionError({ code: 'BAD_REQUEST', message: t('kpi.noPending') });
      const { store } = await services();
      const result = await importKpiRows(store, pending.rows, pending.file, (imported) => ({
        actor: head.id,
        action: 'kpi.import',
        subject: `file:${pending.file}`,
        details: { lines: pending.rows.length, added: imported.added, replaced: imported.replaced },
      }));
      context.session?.delete('kpiPending');
      return { lines: pending.rows.length, added: result.added, replaced: result.replaced.length };
    },
  }),

  cancelKpiFile: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      authorize(context, 'kpi.import');
      context.session?.delete('kpiPending');
      return { ok: true };
    },
  }),
};
