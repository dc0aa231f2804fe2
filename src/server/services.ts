import { allChecklists, allDialogues, allQuizzesWithKeys, allCourses, allDocs, allRoles, currentDocVersions, docContentHash, productionCalendar, requiredDocsFor, earlierVersionsOf, motivationById, textHash, type DocEntry } from '../content';
import { majorSince } from '../domain/coverage';
import { parseVersion } from '../domain/versions';
import { amocrmSettings, bitrix24Settings, crmPullSchedule, databaseUrl, isDemo, localSignIn, mailSettings, oidcSettings, scryptN, telegramSettings } from './config';
import { shareContentChanges } from './content-sync';
import { crmConnectors } from './crm/pull';
import { CrmPullScheduler } from './crm/schedule';
import { OutboxSender, smtpTransport, type SenderChannels } from './outbox-sender';
import { DigestScheduler } from './mail/scheduler';
import { EscalationScheduler } from './escalating';
import { RenewalNoticeScheduler } from './renewal-notices';
import { TelegramBot } from './telegram/bot';
import { TelegramLinker } from './telegram/linking';
import { addDemoHistory, type HistoryContent } from './demo/demo-history';
import { DEMO_PASSWORD, demoPeople } from './demo/demo-seed';
import { availableParallelism } from 'node:os';
import { HashGate } from './http/hash-gate';
import { LoginThrottle } from './http/login-throttle';
import { openSharedThrottle } from './http/pg-login-throttle';
import { SENDER_LOCK, whileLeading } from './store/pg-leader';
import { hashPassword } from './http/passwords';
import { serverStore, type Store } from './store/store';
import * as clock from './clock';
import { servedContent, watchContentFolder } from '../content-store/library';
import { keepSearchIndexCurrent } from './search-indexing';
import { teamSummaries } from './views/team-index';
import { keepAnnouncingVersions } from './notifying';

/** The server's long-lived parts, one of each per process. */
export interface Services {
  /** The data store; it writes the audit log too, with each change (store.md). */
  store: Store;
  throttle: LoginThrottle;
  /** Every password check and hash of a request goes through it. */
  hashing: HashGate;
  /** The company's Telegram bot, when SALESBOOK_TELEGRAM_BOT_TOKEN is set: its user name once known. */
  telegram?: { botName(): string | undefined };
}

const KEY = Symbol.for('salesbook.services');
/** Set by scripts/serve.mjs before it loads the built server: the build it serves. */
const SERVING = Symbol.for('salesbook.serving');
type Holder = { [KEY]?: Promise<Services> };

/** The content the demo history is drawn from. */
export async function historyContent(): Promise<HistoryContent> {
  const [roles, courses, quizzes, checklists, docVersions, dialogues] = await Promise.all([
    allRoles(),
    allCourses(),
    allQuizzesWithKeys(),
    allChecklists(),
    currentDocVersions(),
    allDialogues(),
  ]);
  const requiredDocs = new Map(
    await Promise.all(
      roles.map(async (r) => [r.id, (await requiredDocsFor(r.id)).map((d) => ({ id: d.id, version: d.data.version, contentHash: docContentHash(d), effective: d.data.effective }))] as const),
    ),
  );
  return {
    requiredDocs,
    roles: roles.map((r) => ({ id: r.id, path: r.data.path })),
    courses: courses.map((c) => ({ id: c.id, lessons: c.data.lessons, targetDays: c.data.targetDays, ...(c.data.quiz ? { quiz: c.data.quiz } : {}) })),
    quizzes,
    checklists: checklists.map((c) => ({ id: c.id, rating: c.data.rating, validForMonths: c.data.validForMonths, items: c.data.items })),
    docVersions,
    dialogues: dialogues.map((d) => ({ id: d.id, data: d.data })),
    calendar: productionCalendar(),
  };
}

async function demoSeed() {
  const roles = await Promise.all(
    (await allRoles()).map(async (r) => ({ id: r.id, reportsTo: r.data.reportsTo, path: r.data.path, scheme: r.data.motivation ? (await motivationById(r.data.motivation))?.data : undefined })),
  );
  const docs = await Promise.all(
    (await allDocs()).map(async (d) => ({ id: d.id, ...d.data, contentHash: docContentHash(d), earlier: await earlierMajor(d) })),
  );
  const hash = await hashPassword(DEMO_PASSWORD);
  // The demo company is made as of today on Salesbook's clock: people hired, and a history lived, up to it.
  const today = clock.now();
  const data = demoPeople(roles, docs, hash, today);
  // SALESBOOK_DEMO_HISTORY=0 seeds the people only: the end-to-end tests start from a clean slate.
  const revisions = new Map(docs.flatMap((d) => (d.earlier ? [[d.id, { earlier: d.earlier.version, replacedOn: d.earlier.replacedOn }] as const] : [])));
  if (process.env.SALESBOOK_DEMO_HISTORY !== '0') addDemoHistory(data, { ...(await historyContent()), revisions }, today);
  return data;
}

/** The latest kept text of an earlier major version, for the demo's "read again" confirmations. */
async function earlierMajor(doc: DocEntry) {
  const major = parseVersion(doc.data.version).major;
  const kept = (await earlierVersionsOf(doc.id)).filter((v) => parseVersion(v.data.version).major < major).at(-1);
  return kept && { version: kept.data.version, contentHash: textHash(kept.data.text), replacedOn: majorSince(doc.data) };
}

async function start(): Promise<Services> {
  // A bad SALESBOOK_SCRYPT_N stops the start instead of the first sign-in; so do e-mail settings that cannot work.
  scryptN();
  const mail = mailSettings();
  const telegram = telegramSettings();
  // So do CRM settings: an address that is not a webhook's, a token without an account, a schedule without a CRM.
  bitrix24Settings();
  amocrmSettings();
  const crmSchedule = crmPullSchedule();
  // So do sign-in settings that cannot work: the company's provider, and passwords switched off.
  oidcSettings();
  localSignIn();
  // Content that does not pass the check stops the start, with every problem named.
  servedContent();
  // The portal's own server (scripts/serve.mjs) follows the content folder and keeps the search
  // indexes; a built server started by the search indexer or a test does neither.
  const serving = (globalThis as { [SERVING]?: { distDir: string } })[SERVING];
  if (serving) {
    watchContentFolder();
    await keepSearchIndexCurrent(serving.distDir);
  }
  const seed = isDemo() ? await demoSeed() : undefined;
  const store = await serverStore(seed && (() => seed));
  const people = await store.read((data) => ({
    heads: data.users.filter((u) => u.appRole === 'head' && !u.disabled).length,
    total: data.users.length,
  }));
  if (people.heads === 0) {
    console.warn(
      [
        'Salesbook: there is no head of sales yet, so nobody can manage people.',
        'Stop the server and add the first head from the command line:',
        '  npm run users -- add --login ivanova --name "Анна Иванова" --role head --position head-of-sales',
        'It prints a temporary password; then start Salesbook again and sign in.',
      ].join('\n'),
    );
  } else if (isDemo() && seed && people.total === seed.users.length) {
    console.log(`Salesbook demo: sign in as ${seed.users.map((u) => u.login).join(', ')}; the password is "demo".`);
  }
  // The team pages' summaries are worked out in the background from the start, a slice at a time,
  // so that the first head to open them does not wait for the whole department.
  setImmediate(() => void teamSummaries(store, clock.now()).catch(() => undefined));
  // New document versions go to their readers' notifications, from this content on.
  await keepAnnouncingVersions(store);
  // Late items are reported to mentors once a day, whether or not e-mail is set up.
  new EscalationScheduler(store).start();
  // So are people told of their own passes and confirmations that expire soon or have expired.
  new RenewalNoticeScheduler(store).start();
  // Each CRM set up is pulled for the month before on the day and at the time set, once.
  if (crmSchedule) new CrmPullScheduler(store, crmConnectors(), crmSchedule).start();
  // E-mails leave from the outbox in the background, never while a request waits; digests are queued
  // when each person's time comes, and the ones missed while the server was down at once.
  const channels: SenderChannels = {};
  if (mail) {
    channels.email = { transport: smtpTransport(mail), settings: mail };
    new DigestScheduler(store).start();
  }
  let botName: string | undefined;
  let linkerOf: (() => TelegramLinker) | undefined;
  if (telegram) {
    const bot = new TelegramBot(telegram.token, telegram.apiUrl);
    channels.telegram = { bot, publicUrl: telegram.publicUrl };
    // The bot's name is for the linking page's instructions; the page does without it until known.
    void bot.username().then(
      (name) => (botName = name),
      (error: Error) => console.error(`Salesbook: the Telegram bot's name could not be read (${error.message}).`),
    );
    linkerOf = () => new TelegramLinker(store, bot);
  }
  const url = databaseUrl();
  if (mail || telegram) {
    // Sending and reading the bot's updates are done by one server at a time: on a database, the one
    // holding its sender lock (pg-leader.ts), which another takes over when it stops.
    let running: { start(): void; stop(): Promise<void> }[] = [];
    const startSending = () => {
      running = [...(linkerOf ? [linkerOf()] : []), new OutboxSender(store, channels)];
      for (const part of running) part.start();
    };
    const stopSending = async () => void (await Promise.all(running.map((part) => part.stop())));
    if (url) whileLeading(url, SENDER_LOCK, 'sending e-mail and Telegram messages', startSending, stopSending);
    else startSending();
  }
  const lockMs = Number(process.env.SALESBOOK_LOGIN_LOCK_MS);
  const rules = lockMs > 0 ? { windowMs: lockMs } : {};
  // On a database, every server counts the sign-in failures of all, and reads the content folder
  // again when another one publishes into it.
  const throttle = url ? (await openSharedThrottle(url, rules)).throttle : new LoginThrottle(rules);
  if (url) shareContentChanges(url);
  // At most half the cores hash (and never more than 2 of the thread pool's 4 threads), so pages and
  // file reads keep theirs; 16 more wait, and any beyond them are answered at once.
  const hashing = new HashGate(Math.max(1, Math.min(2, Math.floor(availableParallelism() / 2))), 16);
  return { store, throttle, hashing, ...(telegram ? { telegram: { botName: () => botName } } : {}) };
}

/** The services, started on first use; a start-up failure stops the process with the reason. */
export function services(): Promise<Services> {
  const holder = globalThis as Holder;
  holder[KEY] ??= start();
  return holder[KEY];
}
