// A real SMTP server on 127.0.0.1 for the tests (smtp-server, from the makers of nodemailer): it
// receives what Salesbook sends, parsed with mailparser, and can refuse deliveries on demand.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients, as the server was told them. */
  to: string[];
  from: string;
  parsed: ParsedMail;
}

export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** How many of the next deliveries to refuse with a temporary error (451). */
  refuse = 0;
  /** Deliveries refused so far. */
  refused = 0;
  /** User names that signed in. */
  readonly logins: string[] = [];
  #server: SMTPServer;
  #waiters: (() => void)[] = [];

  private constructor(server: SMTPServer) {
    this.#server = server;
  }

  static async start(): Promise<TestSmtpServer> {
    let self: TestSmtpServer | undefined;
    const server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, callback) {
        self!.logins.push(auth.username ?? '');
        callback(null, { user: auth.username });
      },
      onData(stream, session, callback) {
        if (self!.refuse > 0) {
          self!.refuse -= 1;
          self!.refused += 1;
          stream.resume();
          stream.on('end', () => callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 })));
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            self!.received.push({ to: session.envelope.rcptTo.map((r) => r.address), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', parsed });
            for (const wake of self!.#waiters.splice(0)) wake();
            callback();
          })
          .catch(callback);
      },
    });
    self = new TestSmtpServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  get port(): number {
    return (this.#server.server.address() as AddressInfo).port;
  }

  /** Resolves once `count` messages have arrived, or rejects after `ms`. */
  async waitFor(count: number, ms = 10_000): Promise<ReceivedMail[]> {
    const until = Date.now() + ms;
    while (this.received.length < count) {
      if (Date.now() > until) throw new Error(`expected ${count} e-mail(s), ${this.received.length} arrived`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.received;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
