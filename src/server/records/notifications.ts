import { randomUUID } from 'node:crypto';
import { docAnnouncements, type AnnouncedDoc } from '../../domain/notifications';
import type { DeliveryPrefs, StoreData, StoredNotification } from '../store/data';
import type { Store } from '../store/store';
import { perDataChange } from '../memo';
import * as clock from '../clock';
import { mailSettings, telegramSettings } from '../config';
import { queueMailIn } from './outbox';

// Notifications in the store. They are written inside the change that causes them (a verdict, a
// request), so an event and its notification are durable together or not at all.

type NotificationEvent = StoredNotification extends infer N ? (N extends StoredNotification ? Omit<N, 'id' | 'at' | 'readAt'> : never) : never;

/** The kinds that are e-mailed at once to whoever wants it; the rest wait for the digest. */
const IMMEDIATE_KINDS: ReadonlySet<StoredNotification['kind']> = new Set(['signoff-verdict', 'signoff-request']);

/**
 * Adds a notification to `data`: call it inside a store change. Disabled people are told nothing.
 * What the reader wants besides the bell is queued in the same change: every notification to their
 * linked Telegram chat, a verdict or a request by e-mail at once.
 */
export function notifyIn(data: StoreData, event: NotificationEvent): void {
  const reader = data.users.find((u) => u.id === event.userId);
  if (!reader || reader.disabled) return;
  const notification = { ...event, id: randomUUID(), at: clock.now().toISOString(), readAt: null } as StoredNotification;
  data.notifications.push(notification);
  const prefs = deliveryPrefsIn(data, reader.id);
  const queue = (channel: 'email' | 'telegram') => queueMailIn(data, { channel, userId: reader.id, kind: 'notification', notificationId: notification.id });
  if (telegramSettings() && prefs.telegram && data.telegramLinks.some((l) => l.userId === reader.id)) queue('telegram');
  if (IMMEDIATE_KINDS.has(notification.kind) && mailSettings() && prefs.immediateEmail && prefs.email) queue('email');
}

/** Who is told about a sign-off request: the person's mentor, or every head when the mentor is missing or disabled. */
export function requestReadersIn(data: StoreData, traineeId: string): string[] {
  const trainee = data.users.find((u) => u.id === traineeId);
  const mentor = trainee?.mentorId ? data.users.find((u) => u.id === trainee.mentorId && !u.disabled) : undefined;
  if (mentor) return [mentor.id];
  return data.users.filter((u) => u.appRole === 'head' && !u.disabled && u.id !== traineeId).map((u) => u.id);
}

/** A person's notifications, newest first. */
export async function notificationsOf(store: Store, userId: string): Promise<StoredNotification[]> {
  return store.read((data) => data.notifications.filter((n) => n.userId === userId).reverse());
}

// Every page's header shows the unread count: everyone's counted in one pass, kept per store until it changes.
const unreadByStore = new WeakMap<Store, ReturnType<typeof perDataChange<ReadonlyMap<string, number>>>>();

/** How many of a person's notifications are unread. */
export async function unreadCount(store: Store, userId: string): Promise<number> {
  let unread = unreadByStore.get(store);
  if (!unread) unreadByStore.set(store, (unread = perDataChange<ReadonlyMap<string, number>>()));
  const counts = await unread(store, 'everyone', () =>
    store.read((data) => {
      const byPerson = new Map<string, number>();
      for (const n of data.notifications) if (n.readAt === null) byPerson.set(n.userId, (byPerson.get(n.userId) ?? 0) + 1);
      return byPerson;
    }),
  );
  return counts.get(userId) ?? 0;
}

/**
 * Marks one of the person's notifications read, and returns it; undefined when they have none by that
 * id (someone else's included). Opening it again changes nothing.
 */
export async function openNotification(store: Store, userId: string, id: string): Promise<StoredNotification | undefined> {
  return store.mutate((data) => {
    const index = data.notifications.findIndex((n) => n.id === id && n.userId === userId);
    if (index < 0) return undefined;
    const found = data.notifications[index]!;
    if (found.readAt !== null) return found;
    const read = { ...found, readAt: clock.now().toISOString() };
    data.notifications[index] = read;
    return read;
  });
}

/** Marks every notification of the person read; returns how many were unread. */
export async function markAllRead(store: Store, userId: string): Promise<number> {
  return store.mutate((data) => {
    const at = clock.now().toISOString();
    let count = 0;
    data.notifications.forEach((n, i) => {
      if (n.userId !== userId || n.readAt !== null) return;
      data.notifications[i] = { ...n, readAt: at };
      count += 1;
    });
    return count;
  });
}

/**
 * Tells the readers of every document that is new or in a new major version since the last time
 * (`docAnnouncements`), and remembers the versions told. `readersOf` names who must confirm a
 * document now. The first call on a data file remembers the documents as they are and tells nobody.
 */
export async function announceDocVersions(
  store: Store,
  docs: readonly AnnouncedDoc[],
  readersOf: (docId: string) => Promise<string[]>,
): Promise<{ docId: string; version: string; readers: number }[]> {
  const told = await store.read((data) => data.announcedDocs);
  const { announce } = docAnnouncements(told, docs);
  const readers = new Map(await Promise.all(announce.map(async (a) => [a.docId, await readersOf(a.docId)] as const)));
  return store.mutate((data) => {
    // Worked out again inside the change, against what is remembered now: two content changes in a
    // row never tell anyone twice.
    const now = docAnnouncements(data.announcedDocs, docs);
    const done = [];
    for (const { docId, version } of now.announce) {
      const ids = readers.get(docId) ?? [];
      for (const userId of ids) notifyIn(data, { userId, kind: 'doc-version', docId, version });
      done.push({ docId, version, readers: ids.length });
    }
    if (JSON.stringify(now.told) !== JSON.stringify(data.announcedDocs)) data.announcedDocs = now.told;
    return done;
  });
}

/** What a person receives until they choose: a daily digest at 09:00 and immediate e-mails, once they give an address. */
export const DEFAULT_DELIVERY: Omit<DeliveryPrefs, 'userId' | 'updatedAt'> = {
  email: null,
  digest: 'daily',
  digestTime: '09:00',
  digestWeekday: 1,
  immediateEmail: true,
  telegram: false,
};

/** A person's delivery preferences, or the defaults when they have chosen none. */
export function deliveryPrefsIn(data: StoreData, userId: string): Omit<DeliveryPrefs, 'updatedAt'> & { updatedAt: string | null } {
  const found = data.deliveryPrefs.find((p) => p.userId === userId);
  return found ?? { userId, ...DEFAULT_DELIVERY, updatedAt: null };
}

/** Sets some of a person's delivery preferences, keeping the rest as they are (or the defaults). */
export async function saveDeliveryPrefs(store: Store, userId: string, change: Partial<Omit<DeliveryPrefs, 'userId' | 'updatedAt'>>): Promise<DeliveryPrefs> {
  return store.mutate((data) => {
    const saved: DeliveryPrefs = { ...deliveryPrefsIn(data, userId), ...change, userId, updatedAt: clock.now().toISOString() };
    const index = data.deliveryPrefs.findIndex((p) => p.userId === userId);
    if (index < 0) data.deliveryPrefs.push(saved);
    else data.deliveryPrefs[index] = saved;
    return saved;
  });
}

/** A person's delivery preferences as stored, or the defaults. */
export async function deliveryPrefsOf(store: Store, userId: string) {
  return store.read((data) => deliveryPrefsIn(data, userId));
}
