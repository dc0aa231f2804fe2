import { createTransport } from 'nodemailer';
import { siteLocale } from '../content';
import { translator } from '../i18n';
import type { MailSettings } from './config';
import { deliveryPrefsIn } from './records/notifications';
import { dueMessages, nextDueMs, recordDropped, recordFailure, recordSent } from './records/outbox';
import type { OutboxMessage } from './store/data';
import type { Store } from './store/store';
import * as clock from './clock';
import { Periodic } from './periodic';
import { composeDigest, composeNotificationMail, type ComposedMail } from './mail/compose';
import type { TelegramBot } from './telegram/bot';
import { describeNotification } from './views/notifications';

// Sends what the outbox holds, one message at a time, apart from every request: a page only queues a
// message in its store change, and the sender finds it at its next look. A failed send is logged and
// tried again later (domain/outbox.ts); what was sent, and when, stays in the outbox.

/** Hands one e-mail to a mail server; throws when the server refuses it or cannot be reached. */
export interface MailTransport {
  send(message: { from: string; to: string; subject: string; text: string; html: string }): Promise<void>;
}

/** SMTP through nodemailer, with timeouts short enough that a dead server is noticed within a minute. */
export function smtpTransport(settings: MailSettings): MailTransport {
  const transport = createTransport({ url: settings.smtpUrl, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 } as never);
  return {
    async send(message) {
      await transport.sendMail(message);
    },
  };
}

export interface SenderChannels {
  email?: { transport: MailTransport; settings: MailSettings };
  telegram?: { bot: Pick<TelegramBot, 'sendMessage'>; publicUrl: string };
}

export interface SenderOptions {
  /** How often the outbox is looked at, in ms. */
  pollMs?: number;
  log?: (line: string) => void;
}

/** What one try of one message came to. */
type Attempt = { send: () => Promise<void>; subject: string } | { drop: string };

export class OutboxSender {
  readonly #store: Store;
  readonly #channels: SenderChannels;
  readonly #log: (line: string) => void;
  readonly #job: Periodic<void>;
  /** The store's generation at the last look that found nothing due, and when the next message is due. */
  #idle: { generation: number; nextMs: number } | undefined;

  constructor(store: Store, channels: SenderChannels, options: SenderOptions = {}) {
    this.#store = store;
    this.#channels = channels;
    this.#log = options.log ?? ((line) => console.error(line));
    this.#job = new Periodic(() => this.#sendDue(), options.pollMs ?? 2_000);
  }

  /** Looks at the outbox every `pollMs` until stopped. */
  start(): void {
    this.#job.start(false);
  }

  /** Stops looking, after the send under way. */
  stop(): Promise<void> {
    return this.#job.stop();
  }

  /** Sends every message whose time has come; a second call while one runs waits for it. */
  sendDue(): Promise<void> {
    return this.#job.runDue();
  }

  async #sendDue(): Promise<void> {
    // Nothing changed and nothing is due yet: no need to read the outbox.
    if (this.#idle && this.#idle.generation === this.#store.generation && clock.nowMs() < this.#idle.nextMs) return;
    try {
      for (const message of await dueMessages(this.#store)) await this.#send(message);
      this.#idle = { generation: this.#store.generation, nextMs: (await nextDueMs(this.#store)) ?? Infinity };
    } catch (error) {
      this.#log(`Salesbook: the outbox could not be worked through (${(error as Error).message}); it is tried again shortly.`);
    }
  }

  async #send(message: OutboxMessage): Promise<void> {
    const attempt = await this.#prepare(message);
    if ('drop' in attempt) return recordDropped(this.#store, message.id, attempt.drop);
    try {
      await attempt.send();
    } catch (error) {
      const reason = (error as Error).message.replace(/\s+/g, ' ').trim() || String(error);
      const failed = await recordFailure(this.#store, message.id, reason);
      const next = failed?.gaveUpAt ? 'Given up: it is not tried again.' : `Tried again at ${failed?.nextAttemptAt}.`;
      const login = await this.#store.read((data) => data.users.find((u) => u.id === message.userId)?.login ?? message.userId);
      const what = message.channel === 'email' ? `an e-mail (${message.kind})` : 'a Telegram message';
      this.#log(`Salesbook: ${what} to ${login} could not be sent, try ${failed?.attempts}: ${reason}. ${next}`);
      return;
    }
    await recordSent(this.#store, message.id, attempt.subject);
  }

  /** What to send, to whom, composed from the data as it is now; or why nothing is to be sent. */
  async #prepare(message: OutboxMessage): Promise<Attempt> {
    const { person, prefs, notification, chatId } = await this.#store.read((data) => ({
      person: data.users.find((u) => u.id === message.userId),
      prefs: deliveryPrefsIn(data, message.userId),
      notification: message.notificationId ? data.notifications.find((n) => n.id === message.notificationId) : undefined,
      chatId: data.telegramLinks.find((l) => l.userId === message.userId)?.chatId,
    }));
    if (!person || person.disabled) return { drop: 'the person is no longer active' };
    if (message.channel === 'telegram') {
      const telegram = this.#channels.telegram;
      if (!telegram) return { drop: 'Telegram is not set up' };
      if (!chatId || !prefs.telegram) return { drop: 'the person has no Telegram chat linked, or turned it off' };
      if (!notification) return { drop: 'nothing is left to tell' };
      const { text } = await describeNotification(this.#store, notification, translator(await siteLocale()));
      return { subject: text, send: () => telegram.bot.sendMessage(chatId, `${text}\n${telegram.publicUrl}/notifications/${notification.id}`) };
    }
    const email = this.#channels.email;
    if (!email) return { drop: 'e-mail is not set up' };
    if (!prefs.email) return { drop: 'the person has no e-mail address' };
    let mail: ComposedMail | undefined;
    if (message.kind === 'notification') {
      if (!prefs.immediateEmail) return { drop: 'immediate e-mails were turned off' };
      mail = notification && (await composeNotificationMail(this.#store, notification, email.settings.publicUrl));
    } else {
      mail = await composeDigest(this.#store, message.userId, email.settings.publicUrl, clock.now());
    }
    if (!mail) return { drop: 'nothing is left to tell' };
    const to = prefs.email;
    const composed = mail;
    return { subject: composed.subject, send: () => email.transport.send({ from: email.settings.from, to, subject: composed.subject, text: composed.text, html: composed.html }) };
  }
}
