// The few methods of the Telegram Bot API that Salesbook uses, over HTTPS with fetch. The token is
// part of every address, so no address, and nothing that could hold one, is ever put in an error.

export interface TelegramUpdate {
  update_id: number;
  message?: { chat: { id: number; type: string }; text?: string; from?: { first_name?: string } };
}

export class TelegramError extends Error {}

export class TelegramBot {
  readonly #token: string;
  readonly #apiUrl: string;

  /** `apiUrl`: the Bot API's address, https://api.telegram.org unless a company runs its own. */
  constructor(token: string, apiUrl = 'https://api.telegram.org') {
    this.#token = token;
    this.#apiUrl = apiUrl.replace(/\/+$/, '');
  }

  async #call<T>(method: string, params: Record<string, unknown>, timeoutMs = 30_000): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.#apiUrl}/bot${this.#token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      // The cause says what failed (ECONNREFUSED, a timeout) and, unlike the request, holds no address.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new TelegramError(`the Bot API could not be reached (${cause?.code ?? cause?.message ?? (error as Error).name})`);
    }
    const body = (await response.json().catch(() => undefined)) as { ok?: boolean; result?: T; description?: string } | undefined;
    if (!response.ok || !body?.ok) throw new TelegramError(`the Bot API answered ${response.status}: ${String(body?.description ?? 'no description').slice(0, 200)}`);
    return body.result as T;
  }

  /** The bot's own user name, without the @. */
  async username(): Promise<string> {
    return (await this.#call<{ username: string }>('getMe', {})).username;
  }

  /** Messages sent to the bot since `offset`, waiting up to `waitSeconds` for one. */
  updates(offset: number, waitSeconds: number): Promise<TelegramUpdate[]> {
    return this.#call('getUpdates', { offset, timeout: waitSeconds, allowed_updates: ['message'] }, (waitSeconds + 15) * 1000);
  }

  async sendMessage(chatId: string, text: string): Promise<void> {
    await this.#call('sendMessage', { chat_id: chatId, text, link_preview_options: { is_disabled: true } });
  }
}
