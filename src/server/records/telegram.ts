import { createHash, randomInt } from 'node:crypto';
import type { StoreData, TelegramLink } from '../store/data';
import type { Store } from '../store/store';
import * as clock from '../clock';
import { deliveryPrefsIn } from './notifications';

// Linking a person's Telegram chat to their account: the portal shows them a one-time code, they send
// it to the company's bot, and the chat the code came from becomes theirs. Only a code's hash is
// kept, for 15 minutes, and a code links once.

export const CODE_TTL_MS = 15 * 60_000;
/** No 0/O or 1/I/L: a code is read off a screen and typed. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');

/** A fresh code for the person, in place of any earlier one; returned once, never stored as it is. */
export async function newLinkCode(store: Store, userId: string): Promise<{ code: string; expiresAt: string }> {
  const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const expiresAt = new Date(clock.nowMs() + CODE_TTL_MS).toISOString();
  await store.mutate((data) => {
    const now = clock.nowMs();
    data.telegramCodes = [...data.telegramCodes.filter((c) => c.userId !== userId && Date.parse(c.expiresAt) > now), { userId, codeHash: hashOf(code), expiresAt }];
  });
  return { code, expiresAt };
}

/** The code in a message to the bot: `/start CODE` (from a t.me link) or the code alone. */
export function codeInMessage(text: string | undefined): string | undefined {
  const match = /^\s*(?:\/start\s+)?([2-9A-HJ-NP-Z]{8})\s*$/i.exec(text ?? '');
  return match?.[1]!.toUpperCase();
}

/**
 * Links the chat a code came from to the code's person, once: the code is used up, the person's
 * earlier chat and anyone else's link to this chat are replaced, and Telegram is turned on for them.
 * Returns the person linked, or undefined for a code that is unknown or expired.
 */
export async function linkChat(store: Store, code: string, chatId: string): Promise<{ userId: string; name: string } | undefined> {
  return store.mutate((data) => {
    const now = clock.nowMs();
    const found = data.telegramCodes.find((c) => c.codeHash === hashOf(code) && Date.parse(c.expiresAt) > now);
    const person = found && data.users.find((u) => u.id === found.userId && !u.disabled);
    if (!found || !person) return undefined;
    data.telegramCodes = data.telegramCodes.filter((c) => c !== found && Date.parse(c.expiresAt) > now);
    data.telegramLinks = [...data.telegramLinks.filter((l) => l.userId !== person.id && l.chatId !== chatId), { userId: person.id, chatId, linkedAt: new Date(now).toISOString() }];
    turnTelegramIn(data, person.id, true);
    return { userId: person.id, name: person.name };
  });
}

function turnTelegramIn(data: StoreData, userId: string, on: boolean) {
  const index = data.deliveryPrefs.findIndex((p) => p.userId === userId);
  const saved = { ...deliveryPrefsIn(data, userId), telegram: on, updatedAt: clock.now().toISOString() };
  if (index >= 0) data.deliveryPrefs[index] = saved;
  else if (on) data.deliveryPrefs.push(saved);
}

/** Forgets the person's chat; nothing more goes there. */
export async function unlinkTelegram(store: Store, userId: string): Promise<boolean> {
  return store.mutate((data) => {
    const before = data.telegramLinks.length;
    data.telegramLinks = data.telegramLinks.filter((l) => l.userId !== userId);
    turnTelegramIn(data, userId, false);
    return data.telegramLinks.length < before;
  });
}

export function telegramLinkIn(data: StoreData, userId: string): TelegramLink | undefined {
  return data.telegramLinks.find((l) => l.userId === userId);
}

export async function telegramLinkOf(store: Store, userId: string): Promise<TelegramLink | undefined> {
  return store.read((data) => telegramLinkIn(data, userId));
}

/** Remembers that the Bot API's updates before `offset` were handled. */
export async function saveTelegramOffset(store: Store, offset: number): Promise<void> {
  await store.mutate((data) => {
    if (offset > data.telegramOffset) data.telegramOffset = offset;
  });
}
