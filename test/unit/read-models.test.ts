// The read models that join content and stored records, run on the fixture content as the server
// serves it (src/content-store: read and checked from the folder, no build needed).
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { checklistById, currentDocVersions, docById, resolveDocLinks } from '../../src/content';
import { monthOf } from '../../src/domain/calendar';
import { decideSignoff } from '../../src/server/records/signoffs';
import { departmentCoverage } from '../../src/server/views/skill-coverage';
import { whatIfFor } from '../../src/server/views/what-if';
import { acknowledgeDoc } from '../../src/server/records/acknowledgements';
import { completeLesson } from '../../src/server/records/lessons';
import { emptyStore, publicUser, type StoredUser } from '../../src/server/store/data';
import { openStore, type Store } from '../../src/server/store/store';
import { acknowledgementSheet } from '../../src/server/views/doc-currency';
import { myCourse, myLearningPath } from '../../src/server/views/learning';
import { documentsToConfirm } from '../../src/server/views/my-path';
import { skillsOf } from '../../src/server/views/skills';
import { personRecord, teamOverview } from '../../src/server/views/tracker';
import { courseState } from '../../src/domain/learning-path';
import * as clock from '../../src/server/clock';
import { tempDir } from '../temp';
import { ONE_OBSERVATION, TEST_AUDIT_KEY } from '../store-files';

beforeAll(() => {
  vi.stubEnv('SALESBOOK_CONTENT', 'test/fixtures/content');
});

const person = (id: string, appRole: StoredUser['appRole'], position: string, hired: string, mentorId: string | null = null): StoredUser => ({
  id,
  login: id,
  name: `Person ${id}`,
  appRole,
  position,
  mentorId,
  hired,
  passwordHash: 'not-a-hash',
  mustChangePassword: false,
  disabled: false,
  createdAt: `${hired}T06:00:00.000Z`,
});
const head = person('head', 'head', 'head-of-sales', '2019-03-11');
const mentor = person('m1', 'mentor', 'manager', '2021-06-01');
const trainee = person('t1', 'employee', 'trainee', '2026-11-02', 'm1');

let store: Store;
beforeEach(async () => {
  const dir = tempDir('salesbook-read-models-');
  const seed = emptyStore();
  seed.users.push(head, mentor, trainee);
  store = await openStore({ path: join(dir, 'salesbook.json'), lockPath: join(dir, 'salesbook.json.lock'), backupsDir: join(dir, 'backups'), auditKey: TEST_AUDIT_KEY, seed: () => seed });
});
afterEach(() => store.close());

const confirm = (userId: string, docId: string, version: string) => acknowledgeDoc(store, { userId, docId, version, currentVersion: version, contentHash: 'hash' });

describe('My path', () => {
  it('lists the role’s documents first, then its course and checklist; a confirmed document is done and the next step moves on', async () => {
    const now = new Date('2026-11-05T09:00:00Z');
    const before = await myLearningPath(store, publicUser(trainee), now);
    // lead-handling is on the role's path; the motivation statute asks everyone; drafts and the archive ask nobody.
    expect(before.path.items.map((i) => `${i.kind}:${i.id}:${i.done}`)).toEqual(['doc:lead-handling:false', 'doc:motivation-statute:false', 'course:basics:false', 'checklist:trainee-skills:null']);
    expect(before.path.next).toMatchObject({ kind: 'doc', id: 'lead-handling' });
    expect((await documentsToConfirm(store, publicUser(trainee))).map((d) => d.doc.id).sort()).toEqual(['lead-handling', 'motivation-statute']);

    await confirm('t1', 'lead-handling', '2.0');
    const after = await myLearningPath(store, publicUser(trainee), now);
    expect(after.path.items[0]).toMatchObject({ kind: 'doc', id: 'lead-handling', done: true });
    expect(after.path.next).toMatchObject({ kind: 'doc', id: 'motivation-statute' });
    expect((await documentsToConfirm(store, publicUser(trainee))).map((d) => d.doc.id)).toEqual(['motivation-statute']);
  });

  it('counts a course’s target days from hiring: due on the 14th day, overdue after it, done when its lessons and quiz are', async () => {
    const basics = (await myLearningPath(store, publicUser(trainee), new Date('2026-11-16T12:00:00Z'))).courses.get('basics')!;
    const onTime = await myCourse(store, publicUser(trainee), basics, new Date('2026-11-16T12:00:00Z'));
    expect(onTime).toMatchObject({ targetDate: '2026-11-16', overdue: false });
    expect(await myCourse(store, publicUser(trainee), basics, new Date('2026-11-17T00:30:00Z'))).toMatchObject({ overdue: true });
    await completeLesson(store, 't1', 'basics/first-contact', new Date('2026-11-04T10:00:00Z'));
    const progress = (await myCourse(store, publicUser(trainee), basics, new Date('2026-11-05T10:00:00Z'))).progress;
    expect(progress).toMatchObject({ lessonsDone: 1, lessonsTotal: 2, complete: false });
  });
});

describe('the acknowledgement sheet', () => {
  it('names everyone a document asks, with where each stands', async () => {
    const doc = (await docById('lead-handling'))!;
    await confirm('t1', 'lead-handling', '2.0');
    const { lines } = await acknowledgementSheet(store, doc);
    expect(lines.map((l) => [l.person.login, l.standing.state]).sort()).toEqual([
      ['m1', 'unconfirmed'],
      ['t1', 'confirmed'],
    ]);
  });
});

describe('skills', () => {
  it('are the checklists of the person’s path, each item not yet asked for', async () => {
    const lists = await skillsOf(store, publicUser(trainee));
    expect(lists.map((l) => l.checklist.id)).toEqual(['trainee-skills']);
    expect(lists[0]!.items.length).toBeGreaterThan(1);
    expect(lists[0]!.items.every((i) => i.state === 'not-requested')).toBe(true);
    expect(await skillsOf(store, publicUser(head))).toEqual([]);
  });
});

describe('the tracker', () => {
  it('tells a person’s story newest first, back to their hiring, with the content’s titles', async () => {
    await confirm('t1', 'lead-handling', '2.0');
    await completeLesson(store, 't1', 'basics/first-contact', new Date('2026-11-04T10:00:00Z'));
    const record = await personRecord(store, publicUser(trainee), new Date('2026-11-18T06:00:00Z'));
    expect(record.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['hired', 'ack', 'lesson']));
    expect(record.timeline.at(-1)).toMatchObject({ kind: 'hired', at: expect.stringMatching(/^2026-11-02/) });
    const times = record.timeline.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(record.timeline.find((e) => e.kind === 'ack')).toMatchObject({ subject: 'lead-handling', title: 'Регламент обработки входящих заявок' });
    expect(record.ramp.done).toBe(false);
  });

  it('shows a mentor their trainees and nobody else; the course overdue after its target days', async () => {
    const overview = await teamOverview(store, publicUser(mentor), new Date('2026-11-18T06:00:00Z'));
    const rows = overview.rows.map((r) => ({ login: r.person.login, courses: r.courses }));
    expect(rows).toEqual([{ login: 't1', courses: [{ id: 'basics', state: 'overdue' }] }]);
  });

  it('works each row out from the person’s own records with the same answers as their person page, and again after a change', async () => {
    const now = new Date('2026-11-18T06:00:00Z');
    const rowAsOnPersonPage = async (user: StoredUser) => {
      const record = await personRecord(store, publicUser(user), now);
      const items = record.path.path.items;
      return {
        docs: { done: items.filter((i) => i.kind === 'doc' && i.done).length, total: items.filter((i) => i.kind === 'doc').length },
        courses: items.flatMap((i) => (i.kind === 'course' ? [{ id: i.id, state: courseState(i.progress, i.overdue) }] : [])),
        skills: { passed: record.signoffCounts.passed, total: record.signoffCounts.total },
        lastActivity: record.timeline.filter((e) => e.kind !== 'hired').map((e) => e.at).sort().at(-1) ?? null,
        ramp: record.ramp,
        trained: record.trained,
      };
    };
    const rowOf = async (login: string) => {
      const row = (await teamOverview(store, publicUser(head), now)).rows.find((r) => r.person.login === login)!;
      return { docs: row.docs, courses: row.courses, skills: row.skills, lastActivity: row.lastActivity, ramp: row.ramp, trained: row.trained };
    };
    await confirm('t1', 'lead-handling', '2.0');
    await completeLesson(store, 't1', 'basics/first-contact', new Date('2026-11-04T10:00:00Z'));
    for (const user of [head, mentor, trainee]) expect(await rowOf(user.login)).toEqual(await rowAsOnPersonPage(user));
    const before = await rowOf('t1');
    // A change to one person's records is seen at once: their row is worked out again.
    const later = new Date(clock.nowMs() + 60_000);
    await completeLesson(store, 't1', 'basics/crm', later);
    const after = await rowOf('t1');
    expect(after).toEqual(await rowAsOnPersonPage(trainee));
    expect(before.lastActivity).not.toBe(later.toISOString());
    expect(after.lastActivity).toBe(later.toISOString());
  });
});

describe('the brick wall', () => {
  /** The head passes one of m1's items, now or at an earlier `at`. */
  const pass = async (checklistId: string, itemId: string, at?: Date) => {
    const checklist = (await checklistById(checklistId))!;
    const back = clock.nowMs();
    if (at) clock.setClock(at);
    try {
      await decideSignoff(store, {
        actorId: 'head',
        userId: 'm1',
        checklistId,
        item: checklist.data.items.find((i) => i.id === itemId)!,
        ratingAsked: checklist.data.rating,
        verdict: 'passed',
        rating: checklist.data.rating ? 5 : null,
        currentVersions: await currentDocVersions(),
        ...ONE_OBSERVATION,
      });
    } finally {
      if (at) clock.setClock(back);
    }
  };

  it('holds each skill to its own minimum, now and at every month end since the verdict', async () => {
    // The trainee's inbound call takes two observations on different days.
    await pass('trainee-skills', 'inbound-call', new Date(`${monthOf(clock.now(), -3)}-15T09:00:00Z`));
    await pass('trainee-skills', 'inbound-call', new Date(`${monthOf(clock.now(), -3)}-16T09:00:00Z`));
    await pass('key-accounts', 'inbound-call');
    // Read after the verdicts: the clock runs on at its own pace.
    const now = clock.now();
    const coverage = await departmentCoverage(store, now);
    // The trainee's inbound call asks for three people (its minCertified), the annual contract for the site's two.
    expect(coverage.skills.map((s) => [s.key, s.people.map((p) => p.login), s.minimum, s.belowMinimum, s.single])).toEqual([
      ['key-accounts/inbound-call', ['m1'], 2, true, true],
      ['trainee-skills/inbound-call', ['m1'], 3, true, true],
    ]);
    expect(coverage.siteMinimum).toBe(2);
    expect(coverage.trend.points.map((p) => p.month)).toEqual(Array.from({ length: 12 }, (_, i) => monthOf(now, i - 11)));
    const counts = new Map(coverage.trend.skills.map((s) => [s.skill.key, s.counts]));
    expect(counts.get('trainee-skills/inbound-call')).toEqual([...new Array(8).fill(0), 1, 1, 1, 1]);
    expect(counts.get('key-accounts/inbound-call')).toEqual([...new Array(11).fill(0), 1]);
    expect(coverage.trend.belowMinimum).toEqual(new Array(12).fill(2));
  });

  it('takes people out by login: the skills they carry alone, whom to train, and the trainees left without a mentor', async () => {
    // Two observations on different days: yesterday and now.
    await pass('trainee-skills', 'inbound-call', new Date(clock.now().getTime() - 86_400_000));
    await pass('trainee-skills', 'inbound-call');
    const view = await whatIfFor(store, ['m1']);
    expect(view.problems).toEqual([]);
    expect(view.choices.map((c) => c.login)).toEqual(['head', 'm1', 't1']);
    const result = view.result!;
    expect(result.losses.map((l) => [l.skill.key, l.before, l.after, l.zero])).toEqual([['trainee-skills/inbound-call', 1, 0, true]]);
    // The trainee has the checklist on their path and has not asked yet; nobody who stays holds the skill.
    expect(result.gaps[0]!.training.map((t) => [t.person.login, t.state, t.mentor])).toEqual([['t1', 'not-requested', null]]);
    expect(result.gaps[0]!.needed).toBe(3);
    expect(result.roles.map((r) => [r.role.id, r.role.duties.length])).toEqual([['manager', 2]]);
    expect(result.orphans.map((o) => [o.mentor.login, o.trainees.map((p) => p.login)])).toEqual([['m1', ['t1']]]);
    expect(result.headsLeft).toBe(1);
  });

  it('refuses more than four people, or a login nobody has, and works nothing out', async () => {
    expect(await whatIfFor(store, ['head', 'm1', 't1', 'x1', 'x2'])).toMatchObject({ result: null, problems: [{ kind: 'too-many', count: 5 }, { kind: 'unknown', logins: ['x1', 'x2'] }] });
    expect(await whatIfFor(store, ['nobody'])).toMatchObject({ result: null, problems: [{ kind: 'unknown', logins: ['nobody'] }] });
    expect(await whatIfFor(store, [])).toMatchObject({ result: null, problems: [] });
  });
});

describe('links to document sections', () => {
  it('read as the section’s own heading, not as its anchor', async () => {
    const [section, whole, nested] = await resolveDocLinks(['lead-handling#что-записать-в-crm', 'lead-handling', 'lead-handling#если-заявка-пришла-ночью']);
    expect(section).toMatchObject({ href: '/docs/lead-handling/#что-записать-в-crm', label: 'Регламент обработки входящих заявок — Что записать в CRM' });
    expect(whole!.label).toBe('Регламент обработки входящих заявок');
    expect(nested!.label).toBe('Регламент обработки входящих заявок — Если заявка пришла ночью');
  });
});
