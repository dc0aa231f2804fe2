import { z } from 'astro/zod';
import { audience, date, docLink, entryId, status, validForMonths, version } from './common';

/** Kinds of documents a sales department keeps. */
export const docKinds = ['regulation', 'statute', 'order', 'guide', 'standard', 'template', 'policy'] as const;

/** One entry of a document's change log. */
export const docChangeSchema = z.strictObject({
  /** The version this change produced. */
  version,
  /** When the change took effect. */
  date,
  /** What changed, in a sentence or two. */
  summary: z.string().min(1),
});

/** Frontmatter of a document in content/docs/*.mdx. */
export const docSchema = z.strictObject({
  /** Title as people say it. */
  title: z.string().min(1),
  /** What kind of document this is. */
  kind: z.enum(docKinds),
  /** One or two sentences shown in lists and search results. */
  summary: z.string().min(1),
  /** The role that owns and maintains the document. */
  owner: entryId,
  /** Current version; a new major version asks readers to confirm again. */
  version,
  /** The date the current version takes effect. */
  effective: date,
  /** The date by which the owner must review the document. */
  reviewBy: date,
  /** Draft, active or archived. */
  status: status.default('active'),
  /** Roles the document applies to, or "all". */
  audience,
  /** Whether the audience must confirm they have read it. */
  requiresAck: z.boolean().default(false),
  /**
   * Months a confirmation of the current version holds before the reader must confirm it again
   * (the personal-data policy: every 12); absent: until a new major version.
   */
  validForMonths,
  /** Free tags for filtering. */
  tags: z.array(z.string().min(1)).default([]),
  /** Change log, newest first or in any order. */
  changes: z.array(docChangeSchema).default([]),
  /** Related documents. */
  related: z.array(docLink).default([]),
});

export type DocInput = z.input<typeof docSchema>;
export type DocData = z.output<typeof docSchema>;
export type DocKind = DocData['kind'];
