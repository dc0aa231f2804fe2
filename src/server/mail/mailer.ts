import { createTransport } from 'nodemailer';
import type { MailSettings } from '../config';
import { deliveryPrefsIn } from '../records/notifications';
import { dueMessages, nextDueMs, recordDropped, recordFailure, recordSent } from '../records/outbox';
import type { OutboxMessage } from '../store/data';
import type { Store } from '../store/store';
import * as clock from '../clock';
import { composeDigest, composeNotificationMail, type ComposedMail } from './compose';

// Sends what the outbox holds, one message at a time, apart from every request: a page only queues a
// message in its store change, and the mailer finds it at its next look. A failed send is logged and
// tried again later (domain/outbox.ts); what was sent, and when, stays in the outbox.

/** Hands one message to a mail server; throws when the server refuses it or cannot be reached. */
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

export interface MailerOptions {
  /** How often the outbox is looked at, in ms. */
  pollMs?: number;
  log?: (line: string) => void;
}

export class Mailer {
  readonly #store: Store;
  readonly #transport: MailTransport;
  readonly #settings: MailSettings;
  readonly #pollMs: number;
  readonly #log: (line: string) => void;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  /** The store's generation at the last look that found nothing due, and when the next message is due. */
  #idle: { generation: number; nextMs: number } | undefined;

  constructor(store: Store, transport: MailTransport, settings: MailSettings, options: MailerOptions = {}) {
    this.#store = store;
    this.#transport = transport;
    this.#settings = settings;
    this.#pollMs = options.pollMs ?? 2_000;
    this.#log = options.log ?? ((line) => console.error(line));
  }

  /** Looks at the outbox every `pollMs` until stopped. */
  start(): void {
    this.#timer ??= setInterval(() => void this.sendDue(), this.#pollMs);
    this.#timer.unref();
  }

  /** Stops looking, after the send under way. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** Sends every message whose time has come; a second call while one runs waits for it. */
  sendDue(): Promise<void> {
    this.#running ??= this.#sendDue().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
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
    const { person, prefs, notification } = await this.#store.read((data) => ({
      person: data.users.find((u) => u.id === message.userId),
      prefs: deliveryPrefsIn(data, message.userId),
      notification: message.notificationId ? data.notifications.find((n) => n.id === message.notificationId) : undefined,
    }));
    if (!person || person.disabled) return recordDropped(this.#store, message.id, 'the person is no longer active');
    if (!prefs.email) return recordDropped(this.#store, message.id, 'the person has no e-mail address');
    let mail: ComposedMail | undefined;
    if (message.kind === 'notification') {
      if (!prefs.immediateEmail) return recordDropped(this.#store, message.id, 'immediate e-mails were turned off');
      mail = notification && (await composeNotificationMail(this.#store, notification, this.#settings.publicUrl));
    } else {
      mail = await composeDigest(this.#store, message.userId, this.#settings.publicUrl, clock.now());
    }
    if (!mail) return recordDropped(this.#store, message.id, 'nothing is left to tell');
    try {
      await this.#transport.send({ from: this.#settings.from, to: prefs.email, subject: mail.subject, text: mail.text, html: mail.html });
    } catch (error) {
      const reason = (error as Error).message.replace(/\s+/g, ' ').trim() || String(error);
      const failed = await recordFailure(this.#store, message.id, reason);
      const next = failed?.gaveUpAt ? 'Given up: it is not tried again.' : `Tried again at ${failed?.nextAttemptAt}.`;
      this.#log(`Salesbook: an e-mail (${message.kind}) to ${person.login} could not be sent, try ${failed?.attempts}: ${reason}. ${next}`);
      return;
    }
    await recordSent(this.#store, message.id, mail.subject);
  }
}
