import { z } from 'astro/zod';
import { quizAnswerSchema } from '../../schemas/quiz-answer';
import { APP_ROLES } from '../../domain/permissions';
import { MAX_EXTRA_ATTEMPTS } from '../../domain/quiz-rules';
import { calendarDay, personName } from '../../schemas/person';
import { CRM_FAILURES, CRM_FIELD, CRM_KINDS, METRIC_SOURCES } from '../../domain/crm';

// The runtime data file, version 7. Older files are migrated forward by ./migrations.ts.

export const CURRENT_SCHEMA_VERSION = 7;

const isoTime = z.iso.datetime({ offset: true });

/** A person who signs in. */
export const storedUserSchema = z.strictObject({
  /** Stable id, never shown in URLs. */
  id: z.string().min(1),
  /** Sign-in name: lower-case Latin letters, digits, dots, hyphens and underscores. */
  login: z.string().regex(/^[a-z0-9._-]{2,40}$/),
  /** Name as colleagues know it; no control characters. */
  name: personName,
  /** What the person may do in Salesbook. */
  appRole: z.enum(APP_ROLES),
  /**
   * Position: a role id from the content's org structure. Empty for a person made at their first
   * sign-in with the company's account, until a head chooses one.
   */
  position: z.string(),
  /** Id of the person's mentor, if any. */
  mentorId: z.string().nullable(),
  /** Hiring date: a day that exists. */
  hired: calendarDay,
  /** The day the person took their current position, set when a head changes it; absent: since hiring. */
  positionSince: calendarDay.optional(),
  /** scrypt hash with its parameters and salt; never leaves the server. */
  passwordHash: z.string().min(1),
  /** Whether the person must choose a new password at the next sign-in. */
  mustChangePassword: z.boolean(),
  /** A disabled person cannot sign in and is signed out at the next request. */
  disabled: z.boolean(),
  /** When the account was created. */
  createdAt: isoTime,
  /**
   * Counts the times all of the person's sessions were ended (a new password, disabling, signing out
   * everywhere); a session signed in under another count is over. Absent: 0.
   */
  sessionGeneration: z.number().int().min(0).optional(),
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

/** One person's sales figures for one month, imported by a head. */
export const kpiRecordSchema = z.strictObject({
  userId: z.string().min(1),
  /** The month, `YYYY-MM`. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  /** Revenue in roubles. */
  revenue: z.number().min(0),
  /** Gross margin in roubles. */
  margin: z.number(),
  /** Deals won. */
  deals: z.number().int().min(0),
  /** Leads (or qualified requests) worked. */
  leads: z.number().int().min(0),
  /** The month's margin plan in roubles. */
  plan: z.number().min(0),
  /**
   * The other figures the bonus schemes use, by KPI id (`receivables`, `retention`…), and net profit as
   * `netProfit`; empty in records imported before data version 6.
   */
  metrics: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), z.number()),
  /** Where the figures came from: a file name, "bitrix24" or "amocrm" for a CRM's, or "demo". */
  source: z.string().min(1),
  importedAt: isoTime,
});

const monthId = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** Who a CRM user is in Salesbook, as a head set it. */
export const crmUserLinkSchema = z.strictObject({
  crm: z.enum(CRM_KINDS),
  /** The user's id in the CRM. */
  crmUserId: z.string().regex(/^\d{1,20}$/),
  /** Their name in the CRM when the link was saved, to show them by when the CRM no longer lists them. */
  crmName: z.string().max(200),
  /** The Salesbook person whose figures their deals are; null for someone not in Salesbook, whose deals are left out. */
  userId: z.string().min(1).nullable(),
  /** Id of the head who saved it: set by the server. */
  updatedBy: z.string().min(1),
  updatedAt: isoTime,
});

/** Where one figure comes from in a CRM, as a head set it: the margin, or a motivation scheme's KPI. */
export const crmFieldSchema = z.strictObject({
  crm: z.enum(CRM_KINDS),
  /** `margin`, or a KPI id of a motivation scheme. */
  kpi: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  /** A deal field, or a figure the CRM gives otherwise (src/domain/crm.ts); the margin is always a field. */
  source: z.enum(METRIC_SOURCES),
  /** The deal field's code for source `field` (UF_CRM_… in Bitrix24, a custom field's number in amoCRM); null otherwise. */
  field: z.string().regex(CRM_FIELD).nullable(),
  updatedBy: z.string().min(1),
  updatedAt: isoTime,
});

/** A month pulled from a CRM: by a head who applied it, or by the schedule, whatever came of it. */
export const crmPullSchema = z.strictObject({
  crm: z.enum(CRM_KINDS),
  month: monthId,
  trigger: z.enum(['head', 'schedule']),
  /** Written; refused for what the CRM held (nothing written); or the CRM could not be asked. */
  outcome: z.enum(['applied', 'refused', 'failed']),
  /** People's months written. */
  rows: z.number().int().min(0),
  /** How many problems refused it. */
  problems: z.number().int().min(0),
  /** Why the CRM could not be asked, when it failed. */
  failure: z.enum(CRM_FAILURES).nullable(),
  at: isoTime,
});

/** How many pulls are remembered: two years of both CRMs, and the schedule's failed tries. */
export const KEPT_PULLS = 100;
// Pay statements. Adjustments only grow; an approved statement is never changed: a correction is a
// new revision beside it, so what was approved, and why it was corrected, stays readable.

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const kpiId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/);
const unit = z.enum(['percent', 'count', 'rub']);
const reason = z.string().min(1).max(500);
/** Roubles to the kopeck. */
const kopecks = z.number().refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, { message: 'to the kopeck' });

/** A head's manual adjustment of one person's pay for a month. */
export const payAdjustmentSchema = z.strictObject({
  id: z.string().min(1),
  userId: z.string().min(1),
  month,
  /** Roubles added, or taken off below zero; never 0. */
  amount: kopecks.refine((v) => v !== 0 && Math.abs(v) <= 10_000_000),
  /** Why, in the head's words: required. */
  reason,
  /** Id of the head: set by the server. */
  by: z.string().min(1),
  at: isoTime,
});

const penalty = z.strictObject({ kpi: z.string().min(1), below: z.number(), cutPercent: z.number().min(0).max(100), text: z.string().min(1) });

/** One person's pay for a month as computed when it was approved (src/domain/pay-statement.ts `StatementBody`). */
const statementBodySchema = z.strictObject({
  /** The scheme as it was, with the sha256 of its fields. */
  scheme: z.strictObject({
    id: z.string().min(1),
    title: z.string().min(1),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    fixedPay: z.number().min(0),
    bonusBase: z.enum(['margin', 'netProfit', 'revenue']),
    bonusPercent: z.number(),
    kpis: z.array(z.strictObject({ id: kpiId, title: z.string().min(1), weight: z.number(), unit, scale: z.array(z.strictObject({ from: z.number(), factor: z.number() })).min(1) })),
    penalties: z.array(penalty),
  }),
  /** The KPI record it was computed from. */
  figures: z.strictObject({
    revenue: z.number(),
    margin: z.number(),
    deals: z.number(),
    leads: z.number(),
    plan: z.number(),
    metrics: z.record(kpiId, z.number()),
    source: z.string().min(1),
    importedAt: isoTime,
  }),
  /** The same figures as the calculator takes them. */
  calculator: z.strictObject({ plan: z.number(), revenue: z.number().nullable(), base: z.number(), kpis: z.record(kpiId, z.number()) }),
  fulfilment: z.number().nullable(),
  /** The formula, line by line. */
  pay: z.strictObject({
    base: z.number(),
    targetBonus: z.number(),
    parts: z.array(
      z.strictObject({
        id: kpiId,
        title: z.string().min(1),
        weight: z.number(),
        unit,
        value: z.number(),
        step: z.strictObject({ from: z.number(), factor: z.number() }).nullable(),
        factor: z.number(),
        amount: z.number(),
      }),
    ),
    partsSum: z.number(),
    missed: z.array(penalty),
    cut: z.strictObject({ penalty, value: z.number(), amount: z.number() }).nullable(),
    bonus: z.number(),
    fixedPay: z.number(),
    total: z.number().int(),
  }),
  adjustments: z.array(z.strictObject({ id: z.string().min(1), amount: kopecks, reason, by: z.string().min(1), at: isoTime })),
  adjustmentsTotal: kopecks,
  total: kopecks,
});

/** An approved pay statement: one revision of one person's month, frozen as computed. */
export const payStatementSchema = z.strictObject({
  id: z.string().min(1),
  userId: z.string().min(1),
  month,
  /** 1 for the first approval; each correction adds one. */
  revision: z.number().int().min(1),
  body: statementBodySchema,
  /** Id of the head who approved it: set by the server. */
  approvedBy: z.string().min(1),
  approvedAt: isoTime,
  /** Why this revision replaced the one before; null for the first. */
  reason: reason.nullable(),
});

// Sign-offs of practical skills. Both collections only grow: a new request or verdict is a new
// entry, never an edit, so the history of every checklist item stays whole.

/** A person asks their mentor to watch them do one checklist item. */
export const signoffRequestSchema = z.strictObject({
  id: z.string().min(1),
  /** The person to be watched: the request is theirs, whoever their mentor is now. */
  userId: z.string().min(1),
  checklistId: z.string().min(1),
  itemId: z.string().min(1),
  /** What the person wants the mentor to know, such as when the call is; may be empty. */
  note: z.string().max(500),
  at: isoTime,
});

/** A mentor's or head's verdict on one checklist item of one person. */
export const signoffSchema = z.strictObject({
  id: z.string().min(1),
  /** The person whose skill was judged. */
  userId: z.string().min(1),
  checklistId: z.string().min(1),
  itemId: z.string().min(1),
  verdict: z.enum(['passed', 'needs-work']),
  /** 1–5 where the checklist asks for a rating; null otherwise. */
  rating: z.number().int().min(1).max(5).nullable(),
  /** Required for "needs work"; may be empty for a pass. */
  comment: z.string().max(2000),
  /** Id of who judged: set by the server, never taken from input. */
  signedBy: z.string().min(1),
  at: isoTime,
  /** The versions of the item's documents at that moment, by document id. */
  docVersions: z.record(z.string(), z.string().regex(/^\d+\.\d+$/)),
  /** The request this verdict answered, if one was waiting. */
  requestId: z.string().nullable(),
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

/** A question as drawn for one attempt, with its options or items in the order they were shown. */
export const drawnQuestionSchema = z.strictObject({
  id: z.string().min(1),
  options: z.array(z.string().min(1)).optional(),
  items: z.array(z.number().int().min(0)).optional(),
});

/** One attempt at a quiz: what was drawn, what was answered and how it was graded, all set on the server. */
export const quizAttemptSchema = z.strictObject({
  id: z.string().min(1),
  userId: z.string().min(1),
  quizId: z.string().min(1),
  /**
   * `full`: questions drawn from the whole bank. `recheck`: after a pass, only the questions tied to
   * document sections that changed since (src/domain/quiz-recheck.ts).
   */
  kind: z.enum(['full', 'recheck']),
  /**
   * The versions of the documents the quiz's questions are tied to, by document id, when the attempt
   * started: what a later recheck compares against. Null for attempts from before version 5.
   */
  docVersions: z.record(z.string(), z.string().regex(/^\d+\.\d+$/)).nullable(),
  /** The seed of the draw: drawing again with it gives the same questions in the same order. */
  seed: z.string().min(1),
  startedAt: isoTime,
  /** When it must be in; null without a time limit. */
  deadline: isoTime.nullable(),
  questions: z.array(drawnQuestionSchema),
  /** Answers by question id: saved as the person goes while open, final once submitted. */
  answers: z.record(z.string(), quizAnswerSchema),
  /** Null while open. */
  submittedAt: isoTime.nullable(),
  /** Closed at the deadline with the answers saved by then, because nothing came in time. */
  late: z.boolean(),
  /** Percent, one decimal; null while open. */
  score: z.number().min(0).max(100).nullable(),
  passed: z.boolean().nullable(),
  /** Points of each question, from 0 to 1; empty while open. */
  results: z.array(
    z.strictObject({ id: z.string().min(1), points: z.number().min(0).max(1), outcome: z.enum(['right', 'partial', 'wrong', 'unanswered']) }),
  ),
});

/** More attempts at a quiz for one person, given by their mentor or a head. Only grows: each grant is a new entry. */
export const quizGrantSchema = z.strictObject({
  id: z.string().min(1),
  /** The person who gets the attempts. */
  userId: z.string().min(1),
  quizId: z.string().min(1),
  /** How many attempts it adds to the quiz's own number. */
  extra: z.number().int().min(1).max(MAX_EXTRA_ATTEMPTS),
  /** Why, in the giver's words; may be empty. */
  note: z.string().max(500),
  /** Id of who gave them: set by the server, never taken from input. */
  grantedBy: z.string().min(1),
  at: isoTime,
});

/** A person's rating of a course they finished (Kirkpatrick level 1): once per person and course. */
export const courseFeedbackSchema = z.strictObject({
  id: z.string().min(1),
  userId: z.string().min(1),
  courseId: z.string().min(1),
  rating: z.number().int().min(1).max(5),
  comment: z.string().max(2000).nullable(),
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

/** A document image's file name: a hash of its bytes and the type (`3f2a…9c.png`); nothing that could leave its folder. */
export const MEDIA_NAME = /^[a-f0-9]{16}\.(png|jpe?g|gif|webp)$/;

/** Largest content file accepted from the editor, in bytes: the body limit and room for its fields. */
export const MAX_DRAFT_BYTES = 300 * 1024;

/**
 * A draft of a document, script or lesson written in the browser: the whole file as it will be
 * written, visible to editors only until it is published. One draft per entry; `revision` counts
 * its saves, so that a save based on an older revision is refused instead of overwriting it. A
 * refused save is kept as a copy (`conflictOf` names the entry) so that neither text is lost.
 */
export const contentDraftSchema = z.strictObject({
  id: z.string().min(1),
  collection: z.enum(['docs', 'scripts', 'lessons']),
  /** The entry's id: `crm-entry`, or `course/lesson` for a lesson. */
  entryId: z.string().min(1),
  /** The file: frontmatter and body. */
  text: z.string().refine((text) => Buffer.byteLength(text, 'utf8') <= MAX_DRAFT_BYTES),
  revision: z.number().int().min(1),
  /** sha256 of the published file the draft started from; null for a new entry. */
  baseHash: z.string().nullable(),
  /** Who saved it last, and who started it. */
  authorId: z.string().min(1),
  updatedBy: z.string().min(1),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** Set on a kept copy of a refused save: the `collection/entryId` whose draft it collided with. */
  conflictOf: z.string().nullable(),
  /**
   * Set when the text was imported from a Word file: the file's name, what did not convert (shown to
   * editors until it is published), and the images it brought, kept in the data folder until then.
   */
  source: z
    .strictObject({
      file: z.string().min(1).max(255),
      findings: z.array(z.strictObject({ kind: z.string().min(1).max(40), count: z.number().int().min(1), sample: z.string().max(200).optional() })).max(100),
      media: z.array(z.string().regex(MEDIA_NAME)).max(500),
    })
    .nullable()
    .default(null),
});

// Notifications: what a person is told, each for one event and one reader. The text is written when
// it is shown, in the reader's language, from these fields and the content; nothing else is kept.

const notificationBase = {
  id: z.string().min(1),
  /** Who is told. */
  userId: z.string().min(1),
  at: isoTime,
  /** When the reader opened it; null while unread. */
  readAt: isoTime.nullable(),
};

/** One notification: a verdict on my skill, a request waiting for me, a new version to read. */
export const notificationSchema = z.discriminatedUnion('kind', [
  /** A mentor or head judged one of the reader's skills. */
  z.strictObject({
    ...notificationBase,
    kind: z.literal('signoff-verdict'),
    signoffId: z.string().min(1),
    checklistId: z.string().min(1),
    itemId: z.string().min(1),
    verdict: z.enum(['passed', 'needs-work']),
    /** Who judged. */
    actorId: z.string().min(1),
  }),
  /** A trainee asked the reader (their mentor, or a head when they have none) to watch a skill. */
  z.strictObject({
    ...notificationBase,
    kind: z.literal('signoff-request'),
    requestId: z.string().min(1),
    /** Who asked. */
    traineeId: z.string().min(1),
    checklistId: z.string().min(1),
    itemId: z.string().min(1),
  }),
  /** A document the reader must confirm was published, or came out in a new major version. */
  z.strictObject({
    ...notificationBase,
    kind: z.literal('doc-version'),
    docId: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+$/),
  }),
  /** A document the reader's position owns comes up for review, or is past its review date. */
  z.strictObject({
    ...notificationBase,
    kind: z.literal('doc-review'),
    docId: z.string().min(1),
    /** The review date the reminder is about. */
    reviewBy: calendarDay,
  }),
  /** One of the reader's trainees (or a person without a mentor) is late with an item of their path. */
  z.strictObject({
    ...notificationBase,
    kind: z.literal('overdue'),
    /** Who is late. */
    traineeId: z.string().min(1),
    itemKind: z.enum(['doc', 'course', 'checklist']),
    itemId: z.string().min(1),
    /** The day the item was due. */
    due: calendarDay,
  }),
  /** One of the reader's own passes or confirmations (`validForMonths`) expires soon, or has expired. */
  z.strictObject({
    ...notificationBase,
    kind: z.literal('expiry'),
    /** A skill's sign-off, a quiz's pass, or a document's confirmation. */
    itemKind: z.enum(['skill', 'quiz', 'doc']),
    /** The quiz or document, or `checklist/item` for a skill. */
    itemId: z.string().min(1),
    /** The last day it holds. */
    validUntil: calendarDay,
    stage: z.enum(['soon', 'expired']),
  }),
]);

/** A notice that one of a person's passes expires soon or has expired: each stage of each pass is told once. */
export const renewalNoticeSchema = z.strictObject({
  /** Whose pass it is: they are the one told. */
  userId: z.string().min(1),
  itemKind: z.enum(['skill', 'quiz', 'doc']),
  itemId: z.string().min(1),
  /** The last day the pass holds: a new pass, with a later day, is told about afresh. */
  validUntil: calendarDay,
  stage: z.enum(['soon', 'expired']),
  at: isoTime,
});

/** A late item that was reported to the person's mentor: each is reported once. */
export const escalationSchema = z.strictObject({
  /** Who is late. */
  userId: z.string().min(1),
  itemKind: z.enum(['doc', 'course', 'checklist']),
  itemId: z.string().min(1),
  /** The day it was due: a later due date (a new major version) is a new item. */
  due: calendarDay,
  at: isoTime,
});

/** A document's coming review that its owners were reminded of: each review date is reminded once. */
export const reviewReminderSchema = z.strictObject({
  docId: z.string().min(1),
  reviewBy: calendarDay,
  at: isoTime,
});

/** `HH:MM`, 00:00 to 23:59. */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** What one person receives, and how. A person without a record has the defaults (`DEFAULT_DELIVERY` in records/notifications.ts). */
export const deliveryPrefsSchema = z.strictObject({
  userId: z.string().min(1),
  /** The address e-mails go to; none until the person gives one. */
  email: z.email().max(254).nullable(),
  /** A digest of what is waiting: every day, once a week, or never. */
  digest: z.enum(['daily', 'weekly', 'off']),
  /** The digest's time of day, in the company's time zone. */
  digestTime: timeOfDay,
  /** The day of a weekly digest: 1 Monday … 7 Sunday. */
  digestWeekday: z.number().int().min(1).max(7),
  /** Whether a verdict on one's skill and a request to one are e-mailed at once. */
  immediateEmail: z.boolean(),
  /** Whether notifications go to the person's linked Telegram chat too. */
  telegram: z.boolean(),
  updatedAt: isoTime,
});

/**
 * A message to send, from when it is due until it went out or was given up: the record of what was
 * sent. Its text is composed when it is sent, from the data as it is then, so only ids are kept.
 */
export const outboxSchema = z.strictObject({
  id: z.string().min(1),
  channel: z.enum(['email', 'telegram']),
  /** Who receives it: the address (or Telegram chat) is theirs at the time of sending. */
  userId: z.string().min(1),
  /** One notification sent at once, or a digest of what waits. */
  kind: z.enum(['notification', 'digest']),
  /** The notification, for kind `notification`. */
  notificationId: z.string().min(1).nullable(),
  /** The instant the digest was due, for kind `digest`: one digest per person and instant, ever. */
  slot: isoTime.nullable(),
  createdAt: isoTime,
  /** Tries so far; a failed try waits longer each time (`retryDelayMs`). */
  attempts: z.number().int().min(0),
  nextAttemptAt: isoTime,
  sentAt: isoTime.nullable(),
  /** Set when it is not sent after the last try, or there is nothing left to send it to. */
  gaveUpAt: isoTime.nullable(),
  /** Why the last try failed, as the mail server said. */
  lastError: z.string().max(500).nullable(),
  /** The subject as sent. */
  subject: z.string().max(300).nullable(),
});

/** A person's Telegram chat with the company's bot, linked with a one-time code. */
export const telegramLinkSchema = z.strictObject({
  userId: z.string().min(1),
  /** The private chat's id, as the Bot API gives it. */
  chatId: z.string().regex(/^-?\d{1,20}$/),
  linkedAt: isoTime,
});

/** A one-time code a person sends the bot to link their chat: only its hash is kept, for 15 minutes. */
export const telegramCodeSchema = z.strictObject({
  userId: z.string().min(1),
  /** sha256 of the code, hex. */
  codeHash: z.string().regex(/^[0-9a-f]{64}$/),
  expiresAt: isoTime,
});

/** A person's account at the company's OpenID Connect provider, linked at their first sign-in with it. */
export const identityLinkSchema = z.strictObject({
  userId: z.string().min(1),
  /** The provider's issuer URL, as its ID tokens name it. */
  issuer: z.string().min(1),
  /** The provider's stable id of the person (`sub`): the same person whatever their name or e-mail becomes. */
  subject: z.string().min(1).max(255),
  linkedAt: isoTime,
});

export const storeDataSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  /**
   * How many changes were ever made to this data. The journal numbers each change after it, so at
   * start the store knows which journal lines the file already holds. Absent in older files: 0.
   */
  writes: z.number().int().min(0).default(0),
  users: z.array(storedUserSchema),
  acknowledgements: z.array(acknowledgementSchema),
  lessonCompletions: z.array(lessonCompletionSchema),
  kpiRecords: z.array(kpiRecordSchema).default([]),
  signoffRequests: z.array(signoffRequestSchema).default([]),
  signoffs: z.array(signoffSchema).default([]),
  dialogueRuns: z.array(dialogueRunSchema).default([]),
  // Files written before these collections existed read as having none yet.
  quizAttempts: z.array(quizAttemptSchema).default([]),
  // More attempts given by mentors and heads; absent in files written before they could.
  quizGrants: z.array(quizGrantSchema).default([]),
  courseFeedback: z.array(courseFeedbackSchema).default([]),
  // Search: queries with no results (content gaps); absent in files written before search.
  searchGaps: z.array(searchGapSchema).default([]),
  // Drafts written in the browser; absent in files written before the editor.
  contentDrafts: z.array(contentDraftSchema).default([]),
  notifications: z.array(notificationSchema),
  deliveryPrefs: z.array(deliveryPrefsSchema),
  outbox: z.array(outboxSchema),
  /** The last digest slot handled for each person, by person id: no slot is ever handled twice. */
  digestSlots: z.record(z.string(), isoTime),
  telegramLinks: z.array(telegramLinkSchema),
  telegramCodes: z.array(telegramCodeSchema),
  /** The next Bot API update to read: the ones before it were handled. */
  telegramOffset: z.number().int().min(0),
  /**
   * The version of each document that its readers were last told about, by document id; null until
   * the first content is seen, which is taken as it is without telling anyone.
   */
  announcedDocs: z.record(z.string(), z.string().regex(/^\d+\.\d+$/)).nullable(),
  /** Late items reported to mentors, so that none is reported twice. */
  escalations: z.array(escalationSchema),
  /** The last day late items were looked for; null before the first time. */
  escalationsCheckedOn: calendarDay.nullable(),
  /** Manual adjustments of pay, and approved pay statements (version 5). */
  payAdjustments: z.array(payAdjustmentSchema),
  payStatements: z.array(payStatementSchema),
  /** Review dates their documents' owners were reminded of; absent in files written before reminders. */
  reviewReminders: z.array(reviewReminderSchema).default([]),
  /** Passes and confirmations whose owners were told they expire soon or have expired, so that none is told twice. */
  renewalNotices: z.array(renewalNoticeSchema),
  /** Who each CRM user is in Salesbook, and which CRM fields hold the margin and the KPIs. */
  crmUserLinks: z.array(crmUserLinkSchema).default([]),
  crmFields: z.array(crmFieldSchema).default([]),
  /** The latest pulls from CRMs, oldest first: the schedule reads them so that no month is pulled twice. */
  crmPulls: z.array(crmPullSchema).default([]),
  /** Accounts at the company's sign-in provider, one per person and provider; absent in files written before it. */
  identityLinks: z.array(identityLinkSchema).default([]),
  /**
   * The link of the audit log's last entry, recorded with every audited change, so that a log cut
   * short or changed no longer ends where the data says. Null in files written before it was kept.
   */
  auditHead: z.string().regex(/^[0-9a-f]{64}$/).nullable().default(null),
});

export type StoredUser = z.output<typeof storedUserSchema>;
export type Acknowledgement = z.output<typeof acknowledgementSchema>;
export type SignoffRequest = z.output<typeof signoffRequestSchema>;
export type Signoff = z.output<typeof signoffSchema>;
export type DialogueRun = z.output<typeof dialogueRunSchema>;
export type StoreData = z.output<typeof storeDataSchema>;
export type KpiRecord = z.output<typeof kpiRecordSchema>;
export type LessonCompletion = z.output<typeof lessonCompletionSchema>;
export type QuizAttempt = z.output<typeof quizAttemptSchema>;
export type QuizGrant = z.output<typeof quizGrantSchema>;
export type CourseFeedback = z.output<typeof courseFeedbackSchema>;
export type AppRole = StoredUser['appRole'];
export type StoredSearchGap = z.output<typeof searchGapSchema>;
export type ContentDraft = z.output<typeof contentDraftSchema>;
export type StoredNotification = z.output<typeof notificationSchema>;
export type DeliveryPrefs = z.output<typeof deliveryPrefsSchema>;
export type OutboxMessage = z.output<typeof outboxSchema>;
export type TelegramLink = z.output<typeof telegramLinkSchema>;
export type IdentityLink = z.output<typeof identityLinkSchema>;
export type Escalation = z.output<typeof escalationSchema>;
export type RenewalNotice = z.output<typeof renewalNoticeSchema>;
export type CrmUserLink = z.output<typeof crmUserLinkSchema>;
export type CrmField = z.output<typeof crmFieldSchema>;
export type CrmPull = z.output<typeof crmPullSchema>;
export type StoredPayAdjustment = z.output<typeof payAdjustmentSchema>;
export type StoredPayStatement = z.output<typeof payStatementSchema>;

/** A user as pages and clients may see them: no password hash. */
export type PublicUser = Omit<StoredUser, 'passwordHash'>;

export function publicUser(user: StoredUser): PublicUser {
  const { passwordHash: _secret, ...rest } = user;
  return structuredClone(rest);
}

export function emptyStore(): StoreData {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    writes: 0,
    users: [],
    acknowledgements: [],
    lessonCompletions: [],
    kpiRecords: [],
    signoffRequests: [],
    signoffs: [],
    dialogueRuns: [],
    quizAttempts: [],
    quizGrants: [],
    courseFeedback: [],
    searchGaps: [],
    contentDrafts: [],
    notifications: [],
    deliveryPrefs: [],
    outbox: [],
    digestSlots: {},
    telegramLinks: [],
    telegramCodes: [],
    telegramOffset: 0,
    announcedDocs: null,
    escalations: [],
    escalationsCheckedOn: null,
    reviewReminders: [],
    renewalNotices: [],
    crmUserLinks: [],
    crmFields: [],
    crmPulls: [],
    payAdjustments: [],
    payStatements: [],
    identityLinks: [],
    auditHead: null,
  };
}

type FieldSchema = (typeof storeDataSchema.shape)[keyof typeof storeDataSchema.shape];

/** The schema of one record of a collection, or undefined for a field that is not a list of records. */
function recordSchemaOf(field: FieldSchema): z.ZodType | undefined {
  const inner = field instanceof z.ZodDefault ? field.unwrap() : field;
  return inner instanceof z.ZodArray ? (inner.element as z.ZodType) : undefined;
}

/**
 * Checks what a change is about to store, step by step, with the schema the next start will check the
 * whole file with: returns a sentence per problem (at most five), or an empty list. Only the records a
 * change touched are checked, so a confirmation costs one record's check, not the file's.
 */
export function changeProblems(ops: readonly (readonly [string, string, ...unknown[]])[]): string[] {
  const problems: string[] = [];
  const shape = storeDataSchema.shape as Record<string, FieldSchema>;
  const check = (schema: z.ZodType, value: unknown, where: string) => {
    const result = schema.safeParse(value);
    if (!result.success) for (const issue of result.error.issues) problems.push(`${[where, ...issue.path].join('.')}: ${issue.message}`);
  };
  for (const op of ops) {
    const [kind, key] = op;
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (!field) {
      problems.push(`${key}: Salesbook data has no field of that name`);
      continue;
    }
    if (kind === 'put') check(field as z.ZodType, op[2], key);
    else if (kind === 'push' || kind === 'set') {
      const schema = recordSchemaOf(field);
      if (!schema) problems.push(`${key}: is not a list of records`);
      else if (kind === 'set') check(schema, op[3], `${key}.${op[2] as number}`);
      else (op[2] as unknown[]).forEach((record, i) => check(schema, record, `${key}.(new ${i + 1})`));
    }
    if (problems.length >= 5) break;
  }
  return problems.slice(0, 5);
}
