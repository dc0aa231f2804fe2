// A stand-in for the Telegram Bot API on 127.0.0.1, with the three methods Salesbook uses: getMe,
// getUpdates (long polling, with offsets) and sendMessage. Tests push what people send the bot and
// read what the bot sent; nothing leaves the machine.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TEST_BOT_TOKEN = '123456789:AAtestTOKENforSalesbookBotStandIn_x';

export interface SentMessage {
  chat_id: string;
  text: string;
}

export class TestBotApi {
  readonly sent: SentMessage[] = [];
  /** How many of the next sendMessage calls answer 500. */
  failSends = 0;
  #updates: { update_id: number; message: { chat: { id: number; type: string }; text: string } }[] = [];
  #nextId = 100;
  #server: Server;
  #wake: (() => void)[] = [];

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<TestBotApi> {
    let self: TestBotApi | undefined;
    const server = createServer(async (request, response) => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '');
      if (!match || match[1] !== TEST_BOT_TOKEN) return answer(404, { ok: false, error_code: 404, description: 'Not Found' });
      const params = JSON.parse((await body(request)) || '{}');
      switch (match[2]) {
        case 'getMe':
          return answer(200, { ok: true, result: { id: 123456789, is_bot: true, username: 'salesbook_test_bot' } });
        case 'getUpdates':
          return answer(200, { ok: true, result: await self!.#updatesFrom(Number(params.offset ?? 0), Number(params.timeout ?? 0)) });
        case 'sendMessage':
          if (self!.failSends > 0) {
            self!.failSends -= 1;
            return answer(500, { ok: false, error_code: 500, description: 'Internal Server Error' });
          }
          self!.sent.push({ chat_id: String(params.chat_id), text: String(params.text) });
          return answer(200, { ok: true, result: { message_id: self!.sent.length } });
        default:
          return answer(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
      }
    });
    self = new TestBotApi(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Forgets every update and message, as a fresh bot. */
  reset(): void {
    this.#updates = [];
    this.sent.length = 0;
    this.failSends = 0;
  }

  /** Someone writes `text` to the bot from their private chat. */
  say(chatId: number, text: string): void {
    this.#updates.push({ update_id: this.#nextId++, message: { chat: { id: chatId, type: 'private' }, text } });
    for (const wake of this.#wake.splice(0)) wake();
  }

  /** Resolves once `count` messages were sent, or rejects after `ms`. */
  async waitForSent(count: number, ms = 10_000): Promise<SentMessage[]> {
    for (const until = Date.now() + ms; this.sent.length < count; await new Promise((resolve) => setTimeout(resolve, 50))) {
      if (Date.now() > until) throw new Error(`expected ${count} message(s) from the bot, ${this.sent.length} sent`);
    }
    return this.sent;
  }

  async #updatesFrom(offset: number, timeoutSeconds: number) {
    // As the real API: asking from an offset confirms, and forgets, every update before it.
    this.#updates = this.#updates.filter((u) => u.update_id >= offset);
    const pending = () => this.#updates.filter((u) => u.update_id >= offset);
    if (pending().length === 0 && timeoutSeconds > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(timeoutSeconds, 2) * 1000);
        this.#wake.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return pending();
  }

  close(): Promise<void> {
    for (const wake of this.#wake.splice(0)) wake();
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}
