import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { isMonth, parseAdjustment, parseReason } from '../domain/pay-statement';
import { authorize } from './guard';
import { addAdjustment, approveStatements, correctStatement, PayRefusal } from '../server/records/pay';
import { schemeLookup } from '../server/views/pay';
import { services } from '../server/services';

type Context = Pick<ActionAPIContext, 'locals'>;

/** A refusal from the store as the head reads it; anything else goes on as it is. */
function refused(context: Context, error: unknown): never {
  if (!(error instanceof PayRefusal)) throw error;
  const { t } = context.locals.i18n;
  const code = error.code === 'not-found' ? 'NOT_FOUND' : error.code === 'incomplete' || error.code === 'unchanged' ? 'BAD_REQUEST' : 'CONFLICT';
  throw new ActionError({ code, message: t(`pay.refused.${error.code}`) });
}

function monthOf(context: Context, month: string): string {
  if (!isMonth(month)) throw new ActionError({ code: 'BAD_REQUEST', message: context.locals.i18n.t('pay.error.month') });
  return month;
}

function reasonOf(context: Context, text: string | undefined): string {
  const reason = parseReason(text);
  if (!reason.ok) throw new ActionError({ code: 'BAD_REQUEST', message: context.locals.i18n.t(`pay.error.reason.${reason.code}`) });
  return reason.reason;
}

function amountOf(context: Context, text: string): number {
  const amount = parseAdjustment(text);
  if (!amount.ok) throw new ActionError({ code: 'BAD_REQUEST', message: context.locals.i18n.t(`pay.error.amount.${amount.code}`) });
  return amount.amount;
}

/** Heads review a month's pay statements: adjust one before approval, approve one or all, correct one after. */
export const payActions = {
  addPayAdjustment: defineAction({
    accept: 'form',
    input: z.object({ userId: z.string().max(100), month: z.string().max(7), amount: z.string().max(40), reason: z.string().max(2000).optional() }),
    handler: async (input, context) => {
      const head = authorize(context, 'pay.review');
      const month = monthOf(context, input.month);
      const amount = amountOf(context, input.amount);
      const reason = reasonOf(context, input.reason);
      const { store } = await services();
      try {
        const adjustment = await addAdjustment(store, { userId: input.userId, month, amount, reason }, head.id, await schemeLookup());
        return { userId: adjustment.userId, month, amount: adjustment.amount };
      } catch (error) {
        refused(context, error);
      }
    },
  }),

  approvePay: defineAction({
    accept: 'form',
    input: z.object({ month: z.string().max(7), userId: z.string().max(100).optional(), fingerprint: z.string().max(64) }),
    handler: async (input, context) => {
      const head = authorize(context, 'pay.review');
      const month = monthOf(context, input.month);
      const { store } = await services();
      try {
        const made = await approveStatements(store, { month, userId: input.userId || undefined, fingerprint: input.fingerprint }, head.id, await schemeLookup());
        return { month, approved: made.length, userIds: made.map((s) => s.userId) };
      } catch (error) {
        refused(context, error);
      }
    },
  }),

  correctPay: defineAction({
    accept: 'form',
    input: z.object({ month: z.string().max(7), userId: z.string().max(100), reason: z.string().max(2000).optional(), amount: z.string().max(40).optional(), fingerprint: z.string().max(64) }),
    handler: async (input, context) => {
      const head = authorize(context, 'pay.review');
      const month = monthOf(context, input.month);
      const amount = input.amount?.trim() ? amountOf(context, input.amount) : undefined;
      const reason = reasonOf(context, input.reason);
      const { store } = await services();
      try {
        const { statement, previousTotal } = await correctStatement(store, { month, userId: input.userId, reason, amount, fingerprint: input.fingerprint }, head.id, await schemeLookup());
        return { userId: statement.userId, month, revision: statement.revision, total: statement.body.total, previousTotal };
      } catch (error) {
        refused(context, error);
      }
    },
  }),
};
