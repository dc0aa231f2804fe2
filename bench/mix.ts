// What people feel: many signed-in people at once, each reading their own documents, their My path
// and a lesson, mentors and the head their team page, over 32 connections. Latency per kind of page
// and the throughput of the whole, against 127.0.0.1 only.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { hashPassword } from '../src/server/http/passwords';
import { emptyStore, type StoredUser } from '../src/server/store/data';
import type { GeneratedDoc } from './corpus';
import { percentile } from './measure';

export interface PageLatency {
  page: string;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 200: each is a failure of the mix, not a figure. */
  non200: number;
}

export interface MixFigures {
  people: number;
  connections: number;
  durationS: number;
  requestsPerS: number;
  requests: number;
  errors: number;
  byPage: PageLatency[];
}

export interface Visitor {
  login: string;
  position: string;
  appRole: StoredUser['appRole'];
}

/**
 * Writes a data folder with `count` people: one head, a mentor per ten, the rest employees spread
 * over `positions`, all with the password `demo`.
 */
export async function seedPeople(dataDir: string, positions: readonly string[], headPosition: string, count: number): Promise<Visitor[]> {
  const passwordHash = await hashPassword('demo');
  const data = emptyStore();
  const mentors = Math.max(1, Math.round(count / 10));
  const visitors: Visitor[] = [];
  const mentorIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const appRole: StoredUser['appRole'] = i === 0 ? 'head' : i <= mentors ? 'mentor' : 'employee';
    const position = appRole === 'head' ? headPosition : positions[i % positions.length]!;
    const login = appRole === 'head' ? 'head' : `${appRole}${i}`;
    const id = randomUUID();
    if (appRole === 'mentor') mentorIds.push(id);
    data.users.push({
      id,
      login,
      name: `Person ${i}`,
      appRole,
      position,
      mentorId: appRole === 'employee' ? mentorIds[i % mentorIds.length]! : null,
      hired: '2026-01-12',
      passwordHash,
      mustChangePassword: false,
      disabled: false,
      createdAt: '2026-01-12T06:00:00.000Z',
    });
    visitors.push({ login, position, appRole });
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'salesbook.json'), JSON.stringify(data));
  return visitors;
}

/** The documents a person in `position` may read: active, and for everyone or for that position. */
export function readableBy(docs: readonly GeneratedDoc[], position: string): GeneratedDoc[] {
  return docs.filter((d) => /status: active/.test(d.frontmatter) && (/audience: all/.test(d.frontmatter) || d.frontmatter.includes(position)));
}

export interface Step {
  page: string;
  path: string;
}

/** A person's round of visits: three of their own documents, My path, a lesson; the team page for mentors and heads. */
export function planFor(visitor: Visitor, index: number, docs: readonly GeneratedDoc[], lessons: readonly string[]): Step[] {
  const readable = readableBy(docs, visitor.position);
  const doc = (k: number) => ({ page: 'document', path: `/docs/${readable[(index * 7 + k * 13) % readable.length]!.id}/` });
  const steps: Step[] = [doc(0), { page: 'my path', path: '/' }, doc(1), { page: 'lesson', path: `/courses/${lessons[index % lessons.length]}/` }, doc(2)];
  if (visitor.appRole !== 'employee') steps.push({ page: 'team', path: '/team/' });
  return steps;
}

/**
 * `connections` loops, each taking the next visit of the next person in turn, for `durationS`
 * seconds. Bodies are read to the end, compressed as a browser would ask.
 */
export async function mixedLoad(url: string, people: { cookie: string; steps: Step[] }[], options: { connections: number; durationS: number }): Promise<MixFigures> {
  const target = /^http:\/\/127\.0\.0\.1:(\d+)$/.exec(url);
  if (!target) throw new Error(`The benchmark sends traffic to 127.0.0.1 only, not to ${url}.`);
  const port = Number(target[1]);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies = new Map<string, number[]>();
  const non200 = new Map<string, number>();
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.durationS * 1000;

  const visit = (step: Step, cookie: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: step.path, agent, headers: { cookie, 'accept-encoding': 'br, gzip' }, timeout: 10_000 }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end();
    });

  const loop = async () => {
    while (performance.now() < deadline) {
      const turn = next++;
      const person = people[turn % people.length]!;
      const step = person.steps[Math.floor(turn / people.length) % person.steps.length]!;
      const sent = performance.now();
      try {
        const status = await visit(step, person.cookie);
        const list = latencies.get(step.page) ?? [];
        list.push(performance.now() - sent);
        latencies.set(step.page, list);
        if (status !== 200) non200.set(step.page, (non200.get(step.page) ?? 0) + 1);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  const requests = [...latencies.values()].reduce((n, list) => n + list.length, 0);
  return {
    people: people.length,
    connections: options.connections,
    durationS: options.durationS,
    requestsPerS: requests / seconds,
    requests,
    errors,
    byPage: [...latencies].map(([page, list]) => ({ page, requests: list.length, p50Ms: percentile(list, 50), p99Ms: percentile(list, 99), non200: non200.get(page) ?? 0 })),
  };
}
