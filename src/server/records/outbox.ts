import { randomUUID } from 'node:crypto';
import { isDue, MAX_ATTEMPTS, retryDelayMs } from '../../domain/outbox';
import type { OutboxMessage, StoreData } from '../store/data';
import type { Store } from '../store/store';
import * as clock from '../clock';

// The outbox: every message Salesbook is to send, from when it is due until it went out or was given
// up. Queued inside the change that causes it; sent by the mailer (src/server/mail/mailer.ts) apart
// from any request, so no page ever waits for a mail server.

/** Queues a message in `data` (an e-mail unless a channel is given): call it inside a store change. */
export function queueMailIn(data: StoreData, message: Pick<OutboxMessage, 'userId' | 'kind'> & Partial<Pick<OutboxMessage, 'notificationId' | 'slot' | 'channel'>>): OutboxMessage {
  const now = clock.now().toISOString();
  const queued: OutboxMessage = {
    id: randomUUID(),
    channel: message.channel ?? 'email',
    userId: message.userId,
    kind: message.kind,
    notificationId: message.notificationId ?? null,
    slot: message.slot ?? null,
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    sentAt: null,
    gaveUpAt: null,
    lastError: null,
    subject: null,
  };
  data.outbox.push(queued);
  return queued;
}

/** The messages whose time to be tried has come, oldest first. */
export async function dueMessages(store: Store, nowMs = clock.nowMs()): Promise<OutboxMessage[]> {
  return store.read((data) => data.outbox.filter((m) => isDue(m, nowMs)));
}

/** The earliest time a message waits for, or undefined when none waits. */
export async function nextDueMs(store: Store): Promise<number | undefined> {
  return store.read((data) => {
    let earliest: number | undefined;
    for (const m of data.outbox) if (m.sentAt === null && m.gaveUpAt === null) earliest = Math.min(earliest ?? Infinity, Date.parse(m.nextAttemptAt));
    return earliest;
  });
}

function replace(data: StoreData, id: string, change: (m: OutboxMessage) => OutboxMessage): OutboxMessage | undefined {
  const index = data.outbox.findIndex((m) => m.id === id);
  if (index < 0) return undefined;
  data.outbox[index] = change(data.outbox[index]!);
  return data.outbox[index];
}

/** The message went out. */
export async function recordSent(store: Store, id: string, subject: string): Promise<void> {
  await store.mutate((data) => {
    replace(data, id, (m) => ({ ...m, attempts: m.attempts + 1, sentAt: clock.now().toISOString(), subject: subject.slice(0, 300), lastError: null }));
  });
}

/** A try failed: the next one waits longer, and after the last the message is given up. */
export async function recordFailure(store: Store, id: string, reason: string): Promise<OutboxMessage | undefined> {
  return store.mutate((data) =>
    replace(data, id, (m) => {
      const attempts = m.attempts + 1;
      const now = clock.nowMs();
      const last = attempts >= MAX_ATTEMPTS;
      return {
        ...m,
        attempts,
        lastError: reason.slice(0, 500),
        nextAttemptAt: new Date(last ? now : now + retryDelayMs(attempts)).toISOString(),
        gaveUpAt: last ? new Date(now).toISOString() : null,
      };
    }),
  );
}

/** Nothing is to be sent after all (no address any more, nothing waits, immediate e-mails turned off). */
export async function recordDropped(store: Store, id: string, reason: string): Promise<void> {
  await store.mutate((data) => {
    replace(data, id, (m) => ({ ...m, gaveUpAt: clock.now().toISOString(), lastError: reason.slice(0, 500) }));
  });
}
