import { z } from 'astro/zod';
import { docLink, entryId, version } from './common';

/** One answer the manager may choose at a step of a practice dialogue. */
export const dialogueOptionSchema = z.strictObject({
  /** What the manager says. */
  text: z.string().min(1),
  /** Points for this answer; the best answer at a step scores highest. */
  score: z.number().int().min(0).max(10),
  /** Why this answer is good or bad, shown after it is chosen. */
  feedback: z.string().min(1),
  /** The node the dialogue moves to. */
  next: entryId,
  /** The document section that teaches the better answer. */
  doc: docLink.optional(),
});

/** A step of the dialogue (the client speaks, the manager chooses) or an ending. */
export const dialogueNodeSchema = z
  .strictObject({
    /** What the client says at this step, or the closing line at an ending. */
    client: z.string().min(1),
    /** The manager's possible answers; absent at an ending. */
    options: z.array(dialogueOptionSchema).min(2).optional(),
    /** At an ending: whether it is a good or a bad result. */
    ending: z.enum(['good', 'bad']).optional(),
    /** At an ending: what came of the conversation. */
    outcome: z.string().min(1).optional(),
  })
  .refine((node) => (node.options ? !node.ending : Boolean(node.ending && node.outcome)), {
    message: 'dialogue-node',
  });

/** A branching practice dialogue in content/dialogues/*.yaml. */
export const dialogueSchema = z.strictObject({
  /** Title shown in the trainer. */
  title: z.string().min(1),
  /** Version of the dialogue; runs record it. */
  version: version.default('1.0'),
  /** The node the dialogue starts at. */
  start: entryId,
  /** Nodes by id. */
  nodes: z.record(entryId, dialogueNodeSchema),
});

export type DialogueData = z.output<typeof dialogueSchema>;
export type DialogueNode = z.output<typeof dialogueNodeSchema>;
export type DialogueOption = z.output<typeof dialogueOptionSchema>;
