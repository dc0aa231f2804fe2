import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { isRecordableQuery, MAX_GAP_QUERY, normalizeQuery } from '../domain/search-gaps';
import { authorize } from './guard';
import { dismissSearchGap, recordSearchGap } from '../server/records/search-gaps';
import { services } from '../server/services';
import type { Translator } from '../i18n';

// Queries are checked here rather than by zod so the message is in the reader's language.
const query = z.object({ query: z.string().max(500) });

function checkedQuery(raw: string, t: Translator['t']): string {
  const normalized = normalizeQuery(raw);
  if (!isRecordableQuery(normalized) || raw.trim().length > MAX_GAP_QUERY) {
    throw new ActionError({ code: 'BAD_REQUEST', message: t('gaps.badQuery') });
  }
  return normalized;
}

/** Content gaps: a search that found nothing is counted; a head removes a gap once it is filled. */
export const searchActions = {
  recordSearchGap: defineAction({
    accept: 'json',
    input: query,
    handler: async (input, context) => {
      authorize(context, 'search.recordGap');
      const normalized = checkedQuery(input.query, context.locals.i18n.t);
      const { store } = await services();
      // The gap list must not tell who searched for what: the entry names no one and no query.
      await recordSearchGap(store, normalized, undefined, () => ({ actor: 'anonymous', action: 'search.gap', subject: 'search-gaps', details: {} }));
      return { recorded: true };
    },
  }),

  dismissSearchGap: defineAction({
    accept: 'form',
    input: query,
    handler: async (input, context) => {
      const head = authorize(context, 'search.gaps');
      const { t } = context.locals.i18n;
      const normalized = checkedQuery(input.query, t);
      const { store } = await services();
      const dismissed = await dismissSearchGap(store, normalized, (found) => found && { actor: head.id, action: 'search.dismissGap', subject: 'search-gaps', details: { query: normalized } });
      if (!dismissed) throw new ActionError({ code: 'NOT_FOUND', message: t('gaps.missing') });
      return { query: normalized };
    },
  }),
};
