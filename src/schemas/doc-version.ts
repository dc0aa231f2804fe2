import { z } from 'astro/zod';
import { entryId, version } from './common';

/**
 * The kept text of an earlier version of a document, from content/docs/_versions/<doc>/<version>.mdx.
 * The file is a copy of the document as it was (its frontmatter, if any, is not used); its id is
 * `<doc>/<version>`. Not strict: the loader passes the entry's id along with these fields.
 */
export const docVersionSchema = z.object({
  /** The document this text belongs to. */
  doc: entryId,
  /** The version this text was. */
  version,
  /** The text after the frontmatter, as written. */
  text: z.string(),
});

export type DocVersionData = z.output<typeof docVersionSchema>;
