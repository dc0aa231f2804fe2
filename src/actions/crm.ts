import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { recordedKpis } from '../content';
import { CRM_KINDS, isFieldCode, SOURCES_OF, type CrmIssue, type CrmKind, type MetricSource } from '../domain/crm';
import { parseKpiMonth } from '../domain/kpi';
import { crmFailureText, crmIssueText } from '../i18n/crm';
import { kpiIssuesText } from '../i18n/kpi';
import { authorize } from './guard';
import { crmConnectors, applyPulledRows, pullMonth } from '../server/crm/pull';
import { CrmError } from '../server/crm/requests';
import { saveCrmFields, saveCrmUserLinks, type FieldChoice } from '../server/records/crm';
import { services } from '../server/services';
import * as clock from '../server/clock';

const crmInput = z.enum(CRM_KINDS);
const FIELD_EXAMPLE: Record<CrmKind, string> = { bitrix24: 'UF_CRM_1700000000', amocrm: '1234567' };

/** The connector of a CRM set up in the environment; 404 for one that is not. */
function connectorOf(crm: CrmKind, t: (key: 'crm.unknownCrm') => string) {
  const connector = crmConnectors().get(crm);
  if (!connector) throw new ActionError({ code: 'NOT_FOUND', message: t('crm.unknownCrm') });
  return connector;
}

/**
 * A head maps a CRM's users to people and its fields to KPIs, pulls a month (kept in their session,
 * as a checked CSV file is, until applied) and applies it. Every action is the head's alone.
 */
export const crmActions = {
  pullCrmMonth: defineAction({
    accept: 'form',
    input: z.object({ crm: crmInput, month: z.string().max(20) }),
    handler: async (input, context) => {
      authorize(context, 'kpi.import');
      const { t } = context.locals.i18n;
      const connector = connectorOf(input.crm, t);
      const month = parseKpiMonth(input.month.trim());
      if (!month || month > clock.now().toISOString().slice(0, 7)) throw new ActionError({ code: 'BAD_REQUEST', message: t('crm.pull.badMonth') });
      const { store } = await services();
      context.session?.delete('crmPending');
      let pulled: Awaited<ReturnType<typeof pullMonth>>;
      try {
        pulled = await pullMonth(store, input.crm, month, connector);
      } catch (error) {
        if (!(error instanceof CrmError)) throw error;
        throw new ActionError({ code: error.failure === 'timeout' ? 'GATEWAY_TIMEOUT' : 'BAD_GATEWAY', message: crmFailureText(t, input.crm, error.failure, error.detail) });
      }
      const kpis = await recordedKpis();
      const kpiTitle = (kpi: string) => (kpis.has(kpi) ? (kpis.get(kpi)!.title ?? t('kpi.metric.netProfit')) : kpi);
      if (!pulled.ok) {
        const loginOfLine = new Map(pulled.rows.map((r) => [r.line, r.login]));
        return {
          crm: input.crm,
          month,
          rows: [],
          issues: pulled.issues.map((issue) => crmIssueText(t, issue, kpiTitle)),
          problems: pulled.problems.map(({ line, issues }) => ({ login: loginOfLine.get(line) ?? String(line), message: kpiIssuesText(t, issues) })),
          // CRM users nobody mapped, so that the page offers them in the mapping.
          unmapped: pulled.issues.filter((i): i is Extract<CrmIssue, { code: 'unmappedUser' }> => i.code === 'unmappedUser').map((i) => ({ crmUserId: i.crmUserId, name: i.name })),
        };
      }
      context.session?.set('crmPending', { crm: input.crm, month, rows: pulled.rows });
      return { crm: input.crm, month, rows: pulled.rows, issues: [], problems: [], unmapped: [] };
    },
  }),

  applyCrmPull: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const head = authorize(context, 'kpi.import');
      const { t } = context.locals.i18n;
      const pending = await context.session?.get('crmPending');
      if (!pending || pending.rows.length === 0) throw new ActionError({ code: 'BAD_REQUEST', message: t('crm.pull.noPending') });
      const { store } = await services();
      const written = await applyPulledRows(store, pending.crm, pending.month, pending.rows, { actor: head.id, trigger: 'head' });
      context.session?.delete('crmPending');
      return { crm: pending.crm, lines: pending.rows.length, added: written.added, replaced: written.replaced.length };
    },
  }),

  cancelCrmPull: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      authorize(context, 'kpi.import');
      context.session?.delete('crmPending');
      return { ok: true };
    },
  }),

  /** Who each CRM user on the page is: a person's id, "-" for not in Salesbook, "" for nobody (the link is forgotten). */
  saveCrmUsers: defineAction({
    accept: 'form',
    input: z.object({
      crm: crmInput,
      crmUserId: z.array(z.string().regex(/^\d{1,20}$/)).max(2000),
      crmName: z.array(z.string().max(200)).max(2000),
      person: z.array(z.string().max(100)).max(2000),
    }),
    handler: async (input, context) => {
      const head = authorize(context, 'kpi.import');
      const { t } = context.locals.i18n;
      connectorOf(input.crm, t);
      if (input.crmName.length !== input.crmUserId.length || input.person.length !== input.crmUserId.length) throw new ActionError({ code: 'BAD_REQUEST', message: t('error.input') });
      const { store } = await services();
      const ids = new Set(await store.read((data) => data.users.map((u) => u.id)));
      const choices = input.crmUserId.map((crmUserId, i) => {
        const person = input.person[i]!;
        if (person !== '' && person !== '-' && !ids.has(person)) throw new ActionError({ code: 'BAD_REQUEST', message: t('crm.users.badPerson') });
        return { crmUserId, crmName: input.crmName[i]!.trim(), userId: person === '' ? undefined : person === '-' ? null : person };
      });
      const saved = await saveCrmUserLinks(store, input.crm, choices, head.id);
      return { crm: input.crm, linked: saved.linked, skipped: saved.skipped };
    },
  }),

  /** Where the margin and each KPI come from: nothing is saved unless every one is right. */
  saveCrmFields: defineAction({
    accept: 'form',
    input: z.object({
      crm: crmInput,
      margin: z.string().max(100),
      kpi: z.array(z.string().max(64)).max(100),
      source: z.array(z.string().max(40)).max(100),
      field: z.array(z.string().max(100)).max(100),
    }),
    handler: async (input, context) => {
      const head = authorize(context, 'kpi.import');
      const { t } = context.locals.i18n;
      connectorOf(input.crm, t);
      const example = FIELD_EXAMPLE[input.crm];
      const margin = input.margin.trim();
      if (!isFieldCode(input.crm, margin)) throw new ActionError({ code: 'BAD_REQUEST', message: t('crm.fields.badMargin', { example }) });
      if (input.source.length !== input.kpi.length || input.field.length !== input.kpi.length) throw new ActionError({ code: 'BAD_REQUEST', message: t('error.input') });
      const kpis = await recordedKpis();
      const choices: FieldChoice[] = [{ kpi: 'margin', source: 'field', field: margin }];
      input.kpi.forEach((kpi, i) => {
        const source = input.source[i]!;
        if (source === '') return;
        const metric = kpis.get(kpi);
        if (!metric) throw new ActionError({ code: 'BAD_REQUEST', message: t('crm.fields.badKpi', { kpi }) });
        const title = metric.title ?? t('kpi.metric.netProfit');
        if (!SOURCES_OF[input.crm].includes(source as MetricSource)) throw new ActionError({ code: 'BAD_REQUEST', message: t('crm.fields.badSource', { kpi: title, crm: t(`crm.name.${input.crm}`) }) });
        const field = input.field[i]!.trim();
        if (source === 'field' && !isFieldCode(input.crm, field)) throw new ActionError({ code: 'BAD_REQUEST', message: t('crm.fields.badField', { kpi: title, example }) });
        choices.push({ kpi, source: source as MetricSource, field: source === 'field' ? field : null });
      });
      const { store } = await services();
      await saveCrmFields(store, input.crm, choices, head.id);
      return { crm: input.crm };
    },
  }),
};
