import { z } from 'astro/zod';

// The runtime data file, version 2. Older files are migrated forward by ./migrations.ts.

export const CURRENT_SCHEMA_VERSION = 2;

const isoTime = z.iso.datetime({ offset: true });
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A person who signs in. */
export const storedUserSchema = z.strictObject({
  /** Stable id, never shown in URLs. */
  id: z.string().min(1),
  /** Sign-in name: lower-case Latin letters, digits, dots, hyphens and underscores. */
  login: z.string().regex(/^[a-z0-9._-]{2,40}$/),
  /** Name as colleagues know it. */
  name: z.string().min(1).max(120),
  /** What the person may do in Salesbook. */
  appRole: z.enum(['employee', 'mentor', 'head']),
  /** Position: a role id from the content's org structure. */
  position: z.string().min(1),
  /** Id of the person's mentor, if any. */
  mentorId: z.string().nullable(),
  /** Hiring date. */
  hired: isoDay,
  /** scrypt hash with its parameters and salt; never leaves the server. */
  passwordHash: z.string().min(1),
  /** Whether the person must choose a new password at the next sign-in. */
  mustChangePassword: z.boolean(),
  /** A disabled person cannot sign in and is signed out at the next request. */
  disabled: z.boolean(),
  /** When the account was created. */
  createdAt: isoTime,
});

/** A person confirmed they have read one version of a document. */
export const acknowledgementSchema = z.strictObject({
  id: z.string().min(1),
  userId: z.string().min(1),
  docId: z.string().min(1),
  /** The version confirmed, "major.minor". */
  version: z.string().regex(/^\d+\.\d+$/),
  /** sha256 of the document's text at that moment; null for records migrated from version 1. */
  contentHash: z.string().nullable(),
  at: isoTime,
});

/** A lesson marked done. */
export const lessonCompletionSchema = z.strictObject({
  userId: z.string().min(1),
  /** `<course>/<lesson>`. */
  lessonId: z.string().min(1),
  at: isoTime,
});

// Script trainer: one finished run through a practice dialogue.
/** A run through a practice dialogue, scored on the server from its path. */
export const dialogueRunSchema = z.strictObject({
  id: z.string().min(1),
  userId: z.string().min(1),
  dialogueId: z.string().min(1),
  /** The dialogue's version the run went through. */
  version: z.string().regex(/^\d+\.\d+$/),
  /** Each answer: the step and the option chosen (0-based). */
  path: z.array(z.strictObject({ node: z.string().min(1), choice: z.number().int().min(0) })).min(1),
  /** The ending reached. */
  end: z.string().min(1),
  ending: z.enum(['good', 'bad']),
  /** Sum of the chosen answers' scores, and of the best answers' at the same steps. */
  score: z.number().int().min(0),
  maxScore: z.number().int().min(0),
  at: isoTime,
});

export const storeDataSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  users: z.array(storedUserSchema),
  acknowledgements: z.array(acknowledgementSchema),
  lessonCompletions: z.array(lessonCompletionSchema),
  dialogueRuns: z.array(dialogueRunSchema).default([]),
});

export type StoredUser = z.output<typeof storedUserSchema>;
export type Acknowledgement = z.output<typeof acknowledgementSchema>;
export type DialogueRun = z.output<typeof dialogueRunSchema>;
export type StoreData = z.output<typeof storeDataSchema>;
export type AppRole = StoredUser['appRole'];

/** A user as pages and clients may see them: no password hash. */
export type PublicUser = Omit<StoredUser, 'passwordHash'>;

export function publicUser(user: StoredUser): PublicUser {
  const { passwordHash: _secret, ...rest } = user;
  return structuredClone(rest);
}

export function emptyStore(): StoreData {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, users: [], acknowledgements: [], lessonCompletions: [], dialogueRuns: [] };
}
