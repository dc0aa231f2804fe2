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

/** A search query that found nothing: the query, how often, first and last time. Never who asked. */
export const searchGapSchema = z.strictObject({
  /** The normalized query (src/domain/search-gaps.ts). */
  query: z.string().min(1).max(100),
  count: z.number().int().positive(),
  firstAt: isoTime,
  lastAt: isoTime,
});

export const storeDataSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  users: z.array(storedUserSchema),
  acknowledgements: z.array(acknowledgementSchema),
  lessonCompletions: z.array(lessonCompletionSchema),
  // Search: queries with no results (content gaps); absent in files written before search.
  searchGaps: z.array(searchGapSchema).default([]),
});

export type StoredUser = z.output<typeof storedUserSchema>;
export type Acknowledgement = z.output<typeof acknowledgementSchema>;
export type StoreData = z.output<typeof storeDataSchema>;
export type AppRole = StoredUser['appRole'];
export type StoredSearchGap = z.output<typeof searchGapSchema>;

/** A user as pages and clients may see them: no password hash. */
export type PublicUser = Omit<StoredUser, 'passwordHash'>;

export function publicUser(user: StoredUser): PublicUser {
  const { passwordHash: _secret, ...rest } = user;
  return structuredClone(rest);
}

export function emptyStore(): StoreData {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, users: [], acknowledgements: [], lessonCompletions: [], searchGaps: [] };
}
