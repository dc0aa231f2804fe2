// How messages leave: tried at once, then again after longer and longer waits, until the last try.

/** Tries before a message is given up: the last comes about a day and a half after the first. */
export const MAX_ATTEMPTS = 8;

/** The wait after the `attempts`-th failed try: 1, 4, 16 and 64 minutes, then every 4 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 4 ** Math.max(0, attempts - 1), 4 * 3_600_000);
}

/** Enough of a message to know whether it waits. */
export interface WaitingMessage {
  sentAt: string | null;
  gaveUpAt: string | null;
  nextAttemptAt: string;
}

/** Whether a message is still to send, and its time has come. */
export function isDue(message: WaitingMessage, nowMs: number): boolean {
  return message.sentAt === null && message.gaveUpAt === null && Date.parse(message.nextAttemptAt) <= nowMs;
}
