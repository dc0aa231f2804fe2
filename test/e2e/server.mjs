// The server the end-to-end tests drive: a copy of the fixture content, served from the build the
// integration tests use (dist-test, built once), fresh data each run, on the suite's clock.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { e2eClockFile, e2eContentFolder, e2eDataFolder, e2eMailFolder } from './data-folder.mjs';

const data = e2eDataFolder();
rmSync(data, { recursive: true, force: true });
mkdirSync(data, { recursive: true });
process.once('exit', () => rmSync(data, { recursive: true, force: true }));
// The clock starts at the suite's instant; a test moves it by writing the file (test/e2e/clock.ts).
writeFileSync(e2eClockFile(), new Date(process.env.SALESBOOK_CLOCK || Date.now()).toISOString());
process.env.SALESBOOK_CLOCK_FILE = e2eClockFile();
const content = e2eContentFolder();
rmSync(content, { recursive: true, force: true });
cpSync(resolve('test/fixtures/content'), content, { recursive: true });
process.once('exit', () => rmSync(content, { recursive: true, force: true }));
process.env.SALESBOOK_CONTENT = content;
process.env.SALESBOOK_DIST = resolve('dist-test');
process.env.SALESBOOK_DATA = data;
process.env.SALESBOOK_DEMO = '1';
// People only, no made-up history: each test starts from the state it describes.
process.env.SALESBOOK_DEMO_HISTORY = '0';
// Cheap password hashes, so the many sign-ins stay quick (the real cost is tested over HTTP).
process.env.SALESBOOK_SCRYPT_N ??= '1024';
// A failed quiz can be retried after 5 seconds instead of the content's minutes.
process.env.SALESBOOK_QUIZ_COOLDOWN_SECONDS ??= '5';
process.env.PORT = process.env.SALESBOOK_E2E_PORT || '4399';

// A real SMTP server on 127.0.0.1 receives what Salesbook sends; each message lands in the mailbox
// folder as a file the tests read (test/e2e/mailbox.ts).
const mailbox = e2eMailFolder();
mkdirSync(mailbox, { recursive: true });
let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      received += 1;
      const to = session.envelope.rcptTo.map((r) => r.address);
      writeFileSync(join(mailbox, `${String(received).padStart(5, '0')}.json`), JSON.stringify({ to, raw: Buffer.concat(chunks).toString('utf8') }));
      callback();
    });
  },
});
await new Promise((done) => smtp.listen(0, '127.0.0.1', done));
smtp.server.unref();
process.env.SALESBOOK_SMTP_URL = `smtp://127.0.0.1:${smtp.server.address().port}`;
process.env.SALESBOOK_MAIL_FROM = 'Salesbook <salesbook@example.ru>';
process.env.SALESBOOK_PUBLIC_URL = `http://127.0.0.1:${process.env.PORT}`;

// A stand-in for Bitrix24's REST API on 127.0.0.1, holding the month before the server's in the
// company's time zone (test/e2e/bitrix24-company.ts); Salesbook reaches it through its webhook address.
const { TestBitrix24 } = await import('../bitrix24-api.ts');
const { fillCompany } = await import('./bitrix24-company.ts');
const bitrix24 = await TestBitrix24.start();
bitrix24.unref();
const zone = /^timeZone:\s*(.+)$/m.exec(readFileSync(join(content, 'site.yaml'), 'utf8'))?.[1]?.trim() ?? 'Europe/Moscow';
const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit' }).format(new Date(process.env.SALESBOOK_CLOCK || Date.now())).split('-').map(Number);
fillCompany(bitrix24, month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`);
process.env.SALESBOOK_BITRIX24_WEBHOOK_URL = bitrix24.webhookUrl;
await import('../../scripts/serve.mjs');
