import { checklistById, contentTitles, docById, quizWithKey, siteSettings } from '../../content';
import { addDays } from '../../domain/calendar';
import { notificationHref } from '../../domain/notifications';
import { daysLeft, type Renewal } from '../../domain/validity';
import type { Translator } from '../../i18n';
import { notificationsOf } from '../records/notifications';
import type { StoredNotification } from '../store/data';
import type { Store } from '../store/store';

// Notifications as a page shows them: a sentence in the reader's language, with the names and titles
// as they are now, and where to go to act.

export interface NotificationLine {
  id: string;
  text: string;
  /** Where the notification leads, once opened. */
  href: string;
  at: Date;
  unread: boolean;
}

/** People by id, as notifications name and link them. */
export type People = ReadonlyMap<string, { name: string; login: string }>;
const peopleOf = (store: Store): Promise<People> => store.read((data) => new Map(data.users.map((u) => [u.id, { name: u.name, login: u.login }])));

const itemTitle = async (checklistId: string, itemId: string) => (await checklistById(checklistId))?.data.items.find((i) => i.id === itemId)?.title ?? itemId;

/** The title of what a renewal is about: the skill, the quiz (its title only, never its key) or the document. */
async function renewalTitle(kind: Renewal['kind'], id: string): Promise<string> {
  if (kind === 'doc') return (await docById(id))?.data.title ?? id;
  if (kind === 'quiz') return (await quizWithKey(id))?.data.title ?? id;
  const [checklistId = '', itemId = ''] = id.split('/');
  return itemTitle(checklistId, itemId);
}

/**
 * A sentence about one of a person's own passes that expires soon or has expired, as told at `at`:
 * "expires in N days" counts from that moment's day in the site's time zone.
 */
export async function describeRenewal(renewal: Pick<Renewal, 'kind' | 'id' | 'validUntil' | 'stage'>, at: Date, i18n: Pick<Translator, 't' | 'date'>): Promise<string> {
  const { timeZone } = await siteSettings();
  const values = {
    item: await renewalTitle(renewal.kind, renewal.id),
    date: i18n.date(new Date(`${renewal.validUntil}T00:00:00Z`)),
    count: Math.max(1, daysLeft({ expiredOn: addDays(renewal.validUntil, 1) }, { now: at, timeZone })),
  };
  return i18n.t(`notifications.expiry.${renewal.stage}.${renewal.kind}`, values);
}

/** What a notification says and where it leads, worded for `i18n`; `people` when the caller has them already. */
export async function describeNotification(store: Store, n: StoredNotification, i18n: Pick<Translator, 't' | 'date'>, known?: People): Promise<{ text: string; href: string }> {
  const { t, date } = i18n;
  const people = known ?? (await peopleOf(store));
  const name = (id: string) => people.get(id)?.name ?? t('notifications.someone');
  switch (n.kind) {
    case 'signoff-verdict':
      return {
        text: t(`notifications.verdict.${n.verdict}`, { actor: name(n.actorId), item: await itemTitle(n.checklistId, n.itemId) }),
        href: notificationHref(n),
      };
    case 'signoff-request':
      return {
        text: t('notifications.request', { trainee: name(n.traineeId), item: await itemTitle(n.checklistId, n.itemId) }),
        href: notificationHref({ ...n, traineeLogin: people.get(n.traineeId)?.login ?? '' }),
      };
    case 'doc-version':
      return {
        text: t('notifications.docVersion', { doc: (await docById(n.docId))?.data.title ?? n.docId, version: n.version }),
        href: notificationHref(n),
      };
    case 'doc-review':
      return {
        text: t('notifications.review', { doc: (await docById(n.docId))?.data.title ?? n.docId, date: date(new Date(`${n.reviewBy}T00:00:00Z`)) }),
        href: notificationHref(n),
      };
    case 'overdue':
      return {
        text: t(`notifications.overdue.${n.itemKind}`, {
          trainee: name(n.traineeId),
          item: (await contentTitles()).get(`${n.itemKind}:${n.itemId}`) ?? n.itemId,
        }),
        href: notificationHref({ kind: 'overdue', traineeLogin: people.get(n.traineeId)?.login ?? '' }),
      };
    case 'expiry':
      return {
        text: await describeRenewal({ kind: n.itemKind, id: n.itemId, validUntil: n.validUntil, stage: n.stage }, new Date(n.at), i18n),
        href: notificationHref(n),
      };
  }
}

/** A person's notifications, newest first, at most `limit`. */
export async function notificationLines(store: Store, userId: string, i18n: Pick<Translator, 't' | 'date'>, limit = 200): Promise<NotificationLine[]> {
  const mine = (await notificationsOf(store, userId)).slice(0, limit);
  const people = await peopleOf(store);
  return Promise.all(
    mine.map(async (n) => ({ id: n.id, ...(await describeNotification(store, n, i18n, people)), at: new Date(n.at), unread: n.readAt === null })),
  );
}
