import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { currentDocVersions, productionCalendar, sectionChangesSince, siteSettings } from '../content';
import { signoffRules } from '../domain/signoffs';
import { itemValidMonths } from '../domain/validity';
import type { Translator } from '../i18n';
import { authorize, personActedOn, requireUser } from './guard';
import { decideSignoff as decideInStore, requestSignoff as requestInStore, SignoffError } from '../server/records/signoffs';
import { services } from '../server/services';
import { itemOnPath } from '../server/views/skills';

// Asking for a sign-off and giving one. Who judged, when, and the documents' versions are set here;
// fields such as signedBy or at in the input are not in the schema and never reach the store.

const id = z.string().min(1).max(64);

function signoffError(error: unknown, { t, dayMonth }: Translator): never {
  if (error instanceof SignoffError) {
    const date = error.from ? dayMonth(error.from) : '';
    const answers = {
      'not-found': ['NOT_FOUND', t('people.notFound')],
      forbidden: ['FORBIDDEN', t('error.forbidden')],
      'already-requested': ['CONFLICT', t('signoff.alreadyRequested')],
      'already-passed': ['CONFLICT', t('signoff.alreadyPassed')],
      'retry-wait': ['CONFLICT', t('signoff.retryFrom', { date })],
      'same-day': ['CONFLICT', t('signoff.nextObservationFrom', { date })],
      'same-day-pass': ['CONFLICT', t('signoff.sameDayPass', { date })],
      'comment-required': ['BAD_REQUEST', t('signoff.commentRequired')],
      'rating-required': ['BAD_REQUEST', t('signoff.ratingRequired')],
    } as const;
    const [code, message] = answers[error.code];
    throw new ActionError({ code, message });
  }
  throw error;
}

export const signoffActions = {
  /** A person asks their mentor to watch them do one item of their path. */
  requestSignoff: defineAction({
    accept: 'form',
    input: z.object({ checklistId: id, itemId: id, note: z.string().trim().max(500).optional() }),
    handler: async (input, context) => {
      const user = authorize(context, 'signoff.request', requireUser(context));
      const { t } = context.locals.i18n;
      const found = await itemOnPath(user.position, input.checklistId, input.itemId);
      if (!found) throw new ActionError({ code: 'NOT_FOUND', message: t('signoff.noItem') });
      const { store } = await services();
      try {
        const request = await requestInStore(store, {
          userId: user.id,
          checklistId: found.checklist.id,
          itemId: found.item.id,
          note: input.note ?? '',
          currentVersions: await currentDocVersions(),
          rules: signoffRules(found.checklist.data, found.item),
          timeZone: (await siteSettings()).timeZone,
          calendar: productionCalendar(),
          links: found.item.docs,
          sectionChanges: sectionChangesSince,
          validity: { months: itemValidMonths(found.item, found.checklist.data), timeZone: (await siteSettings()).timeZone },
        }, (request) => ({
          actor: user.id,
          action: 'signoff.request',
          subject: `user:${user.id}`,
          details: { requestId: request.id, checklistId: request.checklistId, itemId: request.itemId },
        }));
        return { id: request.id, checklistId: request.checklistId, itemId: request.itemId, at: request.at };
      } catch (error) {
        return signoffError(error, context.locals.i18n);
      }
    },
  }),

  /** The person's mentor or a head records a verdict on one item. */
  decideSignoff: defineAction({
    accept: 'form',
    input: z.object({
      userId: id,
      checklistId: id,
      itemId: id,
      verdict: z.enum(['passed', 'needs-work']),
      rating: z.number().int().min(1).max(5).optional(),
      comment: z.string().trim().max(2000).optional(),
    }),
    handler: async (input, context) => {
      const { t } = context.locals.i18n;
      const { store } = await services();
      const { person, actor } = await personActedOn(context, store, input.userId, 'signoff.decide');
      const found = await itemOnPath(person.position, input.checklistId, input.itemId);
      if (!found) throw new ActionError({ code: 'NOT_FOUND', message: t('signoff.noItem') });
      try {
        const signoff = await decideInStore(store, {
          actorId: actor.id,
          userId: person.id,
          checklistId: found.checklist.id,
          item: found.item,
          ratingAsked: found.checklist.data.rating,
          verdict: input.verdict,
          rating: input.rating,
          comment: input.comment,
          currentVersions: await currentDocVersions(),
          rules: signoffRules(found.checklist.data, found.item),
          timeZone: (await siteSettings()).timeZone,
        }, (signoff) => ({
          actor: actor.id,
          action: 'signoff.decide',
          subject: `user:${person.id}`,
          details: {
            signoffId: signoff.id,
            checklistId: signoff.checklistId,
            itemId: signoff.itemId,
            verdict: signoff.verdict,
            rating: signoff.rating,
            docVersions: signoff.docVersions,
            requestId: signoff.requestId,
          },
        }));
        return { id: signoff.id, checklistId: signoff.checklistId, itemId: signoff.itemId, verdict: signoff.verdict, at: signoff.at };
      } catch (error) {
        return signoffError(error, context.locals.i18n);
      }
    },
  }),
};
