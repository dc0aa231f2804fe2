// The demo company as a first start makes it from the demo content: its people and their history as
// of `today`, for tests that need a whole department's data; and the pieces it is made of, for the
// tests of the demo history itself.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { inReadingOrder, requiredDocs } from '../src/domain/acknowledgement';
import { majorSince } from '../src/domain/coverage';
import { parseVersion } from '../src/domain/versions';
import { workingCalendar, type WorkingCalendar } from '../src/domain/working-days';
import { readContentFolder } from '../src/content-check/folder';
import { addDemoHistory, type HistoryContent } from '../src/server/demo/demo-history';
import { demoPeople, type SeedDoc } from '../src/server/demo/demo-seed';
import type { StoreData } from '../src/server/store/data';
import { checkedContent } from './unit/checked-content';

export const demoContent = checkedContent('content');
const content = demoContent;
export const textHash = (text: string) => createHash('sha256').update(text).digest('hex');
export const demoRoles = content.roles.map((r) => ({ id: r.id, reportsTo: r.data.reportsTo, path: r.data.path }));
/** The kept texts of earlier versions, `<doc>/<version>`. */
export const keptVersions = readContentFolder(resolve('content')).docVersions;

/** The latest kept text of an earlier major version, as the server finds it for the demo. */
function earlierOf(doc: (typeof content.docs)[number]): SeedDoc['earlier'] {
  const major = parseVersion(doc.data.version).major;
  const latest = keptVersions
    .filter((v) => v.id.startsWith(`${doc.id}/`))
    .map((v) => ({ version: v.id.slice(doc.id.length + 1), body: v.body ?? '' }))
    .filter((v) => parseVersion(v.version).major < major)
    .sort((a, b) => parseVersion(a.version).major - parseVersion(b.version).major || parseVersion(a.version).minor - parseVersion(b.version).minor)
    .at(-1);
  return latest && { version: latest.version, contentHash: textHash(latest.body), replacedOn: majorSince(doc.data) };
}

export const demoDocs: SeedDoc[] = content.docs.map((d) => ({ id: d.id, ...d.data, contentHash: textHash(d.body ?? ''), earlier: earlierOf(d) }));
/** The company's production calendar, from the content. */
export const demoCalendar = workingCalendar(Object.fromEntries(Object.entries(content.calendar.years).map(([year, data]) => [Number(year), data])));

/** What the demo history is made from, without the revisions (`revisionsOf`). */
export const historyContent = (withCalendar: WorkingCalendar = demoCalendar): Omit<HistoryContent, 'revisions'> => ({
  roles: content.roles.map((r) => ({ id: r.id, path: r.data.path })),
  courses: content.courses.map((c) => ({ id: c.id, lessons: c.data.lessons, targetDays: c.data.targetDays, ...(c.data.quiz ? { quiz: c.data.quiz } : {}) })),
  quizzes: new Map(content.quizzes.map((q) => [q.id, q.data])),
  checklists: content.checklists.map((c) => ({ id: c.id, rating: c.data.rating, validForMonths: c.data.validForMonths, items: c.data.items })),
  docVersions: new Map(content.docs.map((d) => [d.id, d.data.version])),
  dialogues: content.dialogues.map((d) => ({ id: d.id, data: d.data })),
  requiredDocs: new Map(
    content.roles.map((r) => [
      r.id,
      inReadingOrder(requiredDocs(demoDocs, r.id, r.data.path.docs), r.data.path.docs).map((d) => ({ id: d.id, version: d.version, contentHash: d.contentHash, effective: d.effective })),
    ]),
  ),
  calendar: withCalendar,
});

/** The documents whose earlier major text is kept, as the server gives them to the demo history. */
export const revisionsOf = (seedDocs: SeedDoc[]) => new Map(seedDocs.flatMap((d) => (d.earlier ? [[d.id, { earlier: d.earlier.version, replacedOn: d.earlier.replacedOn }] as const] : [])));

/** The demo company on `today`, from `seedDocs` (the content's documents) and the company's calendar. */
export function demoCompany(today: Date, seedDocs: SeedDoc[] = demoDocs, withCalendar = demoCalendar): StoreData {
  const data = demoPeople(demoRoles, seedDocs, 'password-hash', today);
  addDemoHistory(data, { ...historyContent(withCalendar), revisions: revisionsOf(seedDocs) }, today);
  return data;
}
