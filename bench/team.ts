// The team pages of a large company: a store of many people with a year of history each, the team
// page, the analytics, the coverage, "what if" and the matrix CSV timed for a head, and how long a trainee's own
// page waits when it is asked for while they are worked out.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, DAY_MS } from '../src/domain/calendar';
import * as clock from '../src/server/clock';
import { addTraineeHistory } from '../src/server/demo/demo-history';
import { demoKpis } from '../src/server/demo/demo-seed';
import { hashPassword } from '../src/server/http/passwords';
import { historyContent } from '../src/server/services';
import { emptyStore, type StoreData, type StoredUser } from '../src/server/store/data';
import { openPgStore } from '../src/server/store/pg-store';
import { randomFrom } from './corpus';
import { percentile } from './measure';
import { ROOT, signIn, startServer } from './server';

export interface TeamPageFigures {
  page: string;
  path: string;
  /** The first request after a change to the data: everything worked out again. */
  coldMs: number[];
  /** The same request again, nothing changed since. */
  warmMs: number[];
  /** A trainee's My path, asked for 20 ms after each cold request, while it was being answered. */
  traineeMs: number[];
  /** Answers other than 200. */
  non200: number;
}

export interface TeamFigures {
  people: number;
  records: number;
  fileMb: number;
  /** A trainee's My path with nothing else going on: the yardstick of their waits. */
  traineeAloneMs: number;
  pages: TeamPageFigures[];
}

const EMPLOYEE_POSITIONS = ['sales-trainee', 'account-manager', 'inbound-manager', 'key-account-manager'];

/**
 * A company of `count` people on the demo content, as of `today`: a head, a mentor per ten, the rest
 * employees; one in seven hired before the portal started (`today` − 400 days), the others over the
 * last year, each with the training history their days since hiring give (demo-history.ts), their
 * confirmations, a year of sales figures, and 60–100 confirmations of documents no longer served.
 */
export async function teamData(count: number, today = clock.now(), passwordHash?: string): Promise<StoreData> {
  const previous = process.env.SALESBOOK_CONTENT;
  process.env.SALESBOOK_CONTENT = join(ROOT, 'content');
  try {
    const content = await historyContent();
    const hash = passwordHash ?? (await hashPassword('demo'));
    const r = randomFrom(11 + count);
    const data = emptyStore();
    const portalStart = addDays(today.toISOString().slice(0, 10), -400);
    const mentors: StoredUser[] = [];
    for (let i = 0; i < count; i++) {
      const appRole: StoredUser['appRole'] = i === 0 ? 'head' : i % 10 === 1 ? 'mentor' : 'employee';
      const before = appRole !== 'employee' || i % 7 === 3;
      const hired = before ? addDays(portalStart, -r.int(30, 1500)) : addDays(today.toISOString().slice(0, 10), -r.int(1, 365));
      const user: StoredUser = {
        id: `person-${String(i).padStart(5, '0')}`,
        login: appRole === 'head' ? 'head' : `${appRole}${i}`,
        name: `${SURNAMES[i % SURNAMES.length]} ${GIVEN[(i * 7) % GIVEN.length]} ${i}`,
        appRole,
        position: appRole === 'head' ? 'head-of-sales' : appRole === 'mentor' ? 'senior-manager' : EMPLOYEE_POSITIONS[i % EMPLOYEE_POSITIONS.length]!,
        mentorId: appRole === 'employee' && mentors.length > 0 ? mentors[i % mentors.length]!.id : null,
        hired,
        passwordHash: hash,
        mustChangePassword: false,
        disabled: false,
        createdAt: `${hired > portalStart ? hired : portalStart}T06:00:00.000Z`,
      };
      if (appRole === 'mentor') mentors.push(user);
      data.users.push(user);
    }
    addTraineeHistory(data, content, today, data.users.filter((u) => u.appRole !== 'head'));
    const yearAgo = today.getTime() - 365 * DAY_MS;
    for (const user of data.users) {
      const since = Math.max(yearAgo, Date.parse(`${user.hired}T09:00:00Z`));
      const when = () => new Date(since + r.next() * Math.max(DAY_MS, today.getTime() - since)).toISOString();
      for (const doc of content.requiredDocs.get(user.position) ?? []) {
        if (r.next() < 0.8) data.acknowledgements.push({ id: `ack-${data.acknowledgements.length}`, userId: user.id, docId: doc.id, version: doc.version, contentHash: doc.contentHash, at: when() });
      }
      for (const doc of r.some(Array.from({ length: 1000 }, (_, k) => k + 1), r.int(60, 100))) {
        data.acknowledgements.push({ id: `ack-${data.acknowledgements.length}`, userId: user.id, docId: `retired-${String(doc).padStart(4, '0')}`, version: `${r.int(1, 4)}.${r.int(0, 3)}`, contentHash: null, at: when() });
      }
    }
    data.kpiRecords.push(...demoKpis(data.users, today));
    return data;
  } finally {
    if (previous === undefined) delete process.env.SALESBOOK_CONTENT;
    else process.env.SALESBOOK_CONTENT = previous;
  }
}

const SURNAMES = ['Смирнов', 'Иванова', 'Кузнецов', 'Попова', 'Васильев', 'Петрова', 'Соколов', 'Михайлова', 'Новиков', 'Фёдорова', 'Морозов', 'Волкова'];
const GIVEN = ['Алексей', 'Мария', 'Дмитрий', 'Анна', 'Сергей', 'Ольга', 'Никита', 'Елена', 'Игорь', 'Татьяна', 'Павел'];

const recordsIn = (data: StoreData) =>
  data.acknowledgements.length + data.lessonCompletions.length + data.quizAttempts.length + data.signoffs.length + data.signoffRequests.length + data.kpiRecords.length + data.dialogueRuns.length + data.courseFeedback.length;

/**
 * Milliseconds until the whole answer is in, and its status: on a connection of its own, as a browser
 * tab would open. Given up after ten minutes: the first page of a large company can take minutes.
 */
function timed(url: string, cookie: string): Promise<{ ms: number; status: number }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { cookie, 'accept-encoding': 'br, gzip' }, timeout: 600_000 }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve({ ms: performance.now() - t, status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url} took over 600 s`)));
    req.on('error', reject);
    req.end();
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Serves the demo content with `count` people on `port`. Each page is asked for `rounds` times just
 * after a change to the data (a sign-in is one), with a trainee's My path 20 ms behind it, then
 * `rounds` times again with nothing changed. With `databaseUrl` (an empty database), the people are
 * written into it and the server keeps its data there instead of in the data file.
 */
export async function measureTeam(dist: string, count: number, port: number, rounds = 5, databaseUrl?: string): Promise<TeamFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'salesbook-bench-team-'));
  // The demo content, copied: the server keeps a search index of the folder it serves.
  const content = join(dataDir, 'content');
  cpSync(join(ROOT, 'content'), content, { recursive: true });
  const data = join(dataDir, 'data');
  mkdirSync(data);
  try {
    const seeded = await teamData(count);
    // The data file's size says how much there is, whichever store keeps it.
    writeFileSync(join(data, 'salesbook.json'), JSON.stringify(seeded));
    const fileMb = statSync(join(data, 'salesbook.json')).size / 1024 / 1024;
    let extraEnv: Record<string, string> | undefined;
    if (databaseUrl) {
      rmSync(join(data, 'salesbook.json'));
      const auditKey = randomBytes(32).toString('hex');
      await (await openPgStore({ url: databaseUrl, auditKey: Buffer.from(auditKey, 'utf8'), seed: () => seeded })).close();
      extraEnv = { SALESBOOK_DATABASE_URL: databaseUrl, SALESBOOK_AUDIT_KEY: auditKey };
    }
    const server = await startServer(dist, content, port, data, { extraEnv });
    try {
      const trainee = seeded.users.find((u) => u.appRole === 'employee' && u.mentorId)!;
      const head = await signIn(server.url, 'head');
      const traineeCookie = await signIn(server.url, trainee.login);
      await timed(`${server.url}/`, traineeCookie);
      const alone: number[] = [];
      for (let i = 0; i < 10; i++) alone.push((await timed(`${server.url}/`, traineeCookie)).ms);
      const pages: TeamPageFigures[] = [];
      for (const [page, path] of [
        ['team', '/team/'],
        ['team, page 3 sorted by name', '/team/?sort=name&page=3'],
        ['analytics', '/team/analytics/'],
        ['coverage', '/team/coverage/'],
        // The head and three mentors leave at once: every skill they hold, whom to train, their trainees.
        ['what if', '/team/coverage/what-if/?gone=head,mentor1,mentor11,mentor21'],
        ['matrix CSV', '/team/export/matrix.csv'],
      ] as const) {
        const figures: TeamPageFigures = { page, path, coldMs: [], warmMs: [], traineeMs: [], non200: 0 };
        for (let round = 0; round < rounds; round++) {
          // A sign-in is a change to the data (its audit entry): whatever was kept is worked out again.
          await signIn(server.url, trainee.login);
          const heavy = timed(`${server.url}${path}`, head);
          await pause(20);
          const waited = await timed(`${server.url}/`, traineeCookie);
          const answer = await heavy;
          figures.coldMs.push(answer.ms);
          figures.traineeMs.push(waited.ms);
          if (answer.status !== 200) figures.non200 += 1;
        }
        for (let round = 0; round < rounds; round++) {
          const answer = await timed(`${server.url}${path}`, head);
          figures.warmMs.push(answer.ms);
          if (answer.status !== 200) figures.non200 += 1;
        }
        process.stderr.write(`bench:   ${page}: cold p50 ${percentile(figures.coldMs, 50).toFixed(0)} ms, warm p50 ${percentile(figures.warmMs, 50).toFixed(0)} ms, trainee waited up to ${Math.max(...figures.traineeMs).toFixed(0)} ms\n`);
        pages.push(figures);
      }
      return { people: count, records: recordsIn(seeded), fileMb, traineeAloneMs: percentile(alone, 50), pages };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
