import { siteLocale, siteSettings } from '../../content';
import { translator } from '../../i18n';
import { codeInMessage, linkChat, saveTelegramOffset } from '../records/telegram';
import type { Store } from '../store/store';
import type { TelegramBot, TelegramUpdate } from './bot';

// Reads what people send the company's bot (long polling of getUpdates, inside the server process):
// a one-time code from the portal links the chat it came from; anything else gets a line on how to.

export class TelegramLinker {
  readonly #store: Store;
  readonly #bot: Pick<TelegramBot, 'updates' | 'sendMessage'>;
  readonly #waitSeconds: number;
  readonly #log: (line: string) => void;
  #stopped = false;
  #loop: Promise<void> | undefined;

  constructor(store: Store, bot: Pick<TelegramBot, 'updates' | 'sendMessage'>, options: { waitSeconds?: number; log?: (line: string) => void } = {}) {
    this.#store = store;
    this.#bot = bot;
    this.#waitSeconds = options.waitSeconds ?? 25;
    this.#log = options.log ?? ((line) => console.error(line));
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#loop;
  }

  /** Reads and handles one batch of updates; returns how many there were. */
  async pollOnce(waitSeconds = 0): Promise<number> {
    const offset = await this.#store.read((data) => data.telegramOffset);
    const updates = await this.#bot.updates(offset, waitSeconds);
    for (const update of updates) {
      await this.#handle(update);
      // Remembered one by one: a restart goes on after the last update handled, never repeats it.
      await saveTelegramOffset(this.#store, update.update_id + 1);
    }
    return updates.length;
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      try {
        await this.pollOnce(this.#waitSeconds);
        if (failures > 0) this.#log('Salesbook: the Telegram bot is reachable again.');
        failures = 0;
      } catch (error) {
        // Said once per outage, then quietly tried again, waiting longer up to a minute.
        if (failures === 0) this.#log(`Salesbook: the Telegram bot's messages could not be read (${(error as Error).message}); trying again.`);
        failures += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.min(60_000, 1_000 * 2 ** failures)).unref());
      }
    }
  }

  async #handle(update: TelegramUpdate): Promise<void> {
    const message = update.message;
    if (!message || message.chat.type !== 'private') return;
    const chatId = String(message.chat.id);
    const { t } = translator(await siteLocale());
    const code = codeInMessage(message.text);
    const linked = code ? await linkChat(this.#store, code, chatId) : undefined;
    const reply = linked
      ? t('telegram.linked', { name: linked.name, company: (await siteSettings()).company })
      : t(code ? 'telegram.unknownCode' : 'telegram.howTo');
    await this.#bot.sendMessage(chatId, reply).catch((error: Error) => this.#log(`Salesbook: a reply of the Telegram bot could not be sent (${error.message}).`));
  }
}
