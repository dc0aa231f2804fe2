import { z } from 'astro/zod';
import { audience, entryId, status, version } from './common';

/** Channels a script is used in. */
export const scriptChannels = ['cold-call', 'inbound-call', 'repeat-sale', 'meeting', 'messenger', 'objection'] as const;

/** Frontmatter of a call script or dialogue variation in content/scripts/*.mdx. */
export const scriptSchema = z.strictObject({
  /** Title as people say it. */
  title: z.string().min(1),
  /** Where the script is used. */
  channel: z.enum(scriptChannels),
  /** The situation in which to use it, in one sentence. */
  situation: z.string().min(1),
  /** Roles that use it, or "all". */
  audience,
  /** The role that owns and maintains the script. */
  owner: entryId,
  /** Current version. */
  version,
  /** Draft, active or archived. */
  status: status.default('active'),
  /** Id of the practice dialogue in content/dialogues. */
  dialogue: entryId.optional(),
  /** Related documents. */
  related: z.array(z.string()).default([]),
});

export type ScriptData = z.output<typeof scriptSchema>;
export type ScriptChannel = ScriptData['channel'];
