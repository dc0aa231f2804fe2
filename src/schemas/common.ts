import { z } from 'astro/zod';

/** An id of another content entry: the file name without its extension. */
export const entryId = z.string({ error: 'id' }).regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'id' });

/** A link to a document, optionally to one of its sections: `crm-entry` or `crm-entry#deal-stages`. */
export const docLink = z.string({ error: 'doclink' }).regex(/^[a-z0-9][a-z0-9-]*(#[\p{L}\p{N}_-]+)?$/u, { message: 'doclink' });

/** A version written as "major.minor", in quotes, such as "2.1". */
export const version = z.string({ error: 'version' }).regex(/^\d+\.\d+$/, { message: 'version' });

/** A calendar date, such as 2026-03-01. */
export const date = z.coerce.date();

/** Who a piece of content applies to: role ids, or "all". */
export const audience = z.union([z.literal('all'), z.array(entryId).min(1)]);

/** Publication state of a document or script. */
export const status = z.enum(['draft', 'active', 'archived']);

/**
 * How many calendar months a pass or a confirmation holds before it must be renewed (1 to 120);
 * absent: it holds until something else asks again. Counted as src/domain/validity.ts says.
 */
export const validForMonths = z.number().int().min(1).max(120).optional();
