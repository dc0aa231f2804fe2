// The demo company as a first start makes it from the demo content: its people and their history as
// of `today`, for tests that need a whole department's data.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { inReadingOrder, requiredDocs } from '../src/domain/acknowledgement';
import { majorSince } from '../src/domain/coverage';
import { parseVersion } from '../src/domain/versions';
import { workingCalendar } from '../src/domain/working-days';
import { readContentFolder } from '../src/content-check/folder';
import { addDemoHistory } from '../src/server/demo/demo-history';
import { demoPeople, type SeedDoc } from '../src/server/demo/demo-seed';
import type { StoreData } from '../src/server/store/data';
import { checkedContent } from './unit/checked-content';

export function demoCompany(today: Date): StoreData {
  const content = checkedContent('content');
  const hash = (text: string) => createHash('sha256').update(text).digest('hex');
  const kept = readContentFolder(resolve('content')).docVersions;
  const earlierOf = (doc: (typeof content.docs)[number]): SeedDoc['earlier'] => {
    const major = parseVersion(doc.data.version).major;
    const latest = kept
      .filter((v) => v.id.startsWith(`${doc.id}/`))
      .map((v) => ({ version: v.id.slice(doc.id.length + 1), body: v.body ?? '' }))
      .filter((v) => parseVersion(v.version).major < major)
      .sort((a, b) => parseVersion(a.version).major - parseVersion(b.version).major || parseVersion(a.version).minor - parseVersion(b.version).minor)
      .at(-1);
    return latest && { version: latest.version, contentHash: hash(latest.body), replacedOn: majorSince(doc.data) };
  };
  const docs: SeedDoc[] = content.docs.map((d) => ({ id: d.id, ...d.data, contentHash: hash(d.body ?? ''), earlier: earlierOf(d) }));
  const calendar = workingCalendar(Object.fromEntries(Object.entries(content.calendar.years).map(([year, data]) => [Number(year), data])));
  const data = demoPeople(content.roles.map((r) => ({ id: r.id, reportsTo: r.data.reportsTo, path: r.data.path })), docs, 'password-hash', today);
  addDemoHistory(
    data,
    {
      roles: content.roles.map((r) => ({ id: r.id, path: r.data.path })),
      courses: content.courses.map((c) => ({ id: c.id, lessons: c.data.lessons, ...(c.data.quiz ? { quiz: c.data.quiz } : {}) })),
      quizzes: new Map(content.quizzes.map((q) => [q.id, q.data])),
      checklists: content.checklists.map((c) => ({ id: c.id, rating: c.data.rating, validForMonths: c.data.validForMonths, items: c.data.items })),
      docVersions: new Map(content.docs.map((d) => [d.id, d.data.version])),
      dialogues: content.dialogues.map((d) => ({ id: d.id, data: d.data })),
      requiredDocs: new Map(
        content.roles.map((r) => [
          r.id,
          inReadingOrder(requiredDocs(docs, r.id, r.data.path.docs), r.data.path.docs).map((d) => ({ id: d.id, version: d.version, contentHash: d.contentHash, effective: d.effective })),
        ]),
      ),
      calendar,
      revisions: new Map(docs.flatMap((d) => (d.earlier ? [[d.id, { earlier: d.earlier.version, replacedOn: d.earlier.replacedOn }] as const] : []))),
    },
    today,
  );
  return data;
}
