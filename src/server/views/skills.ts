import { checklistsOnPath, currentDocVersions, productionCalendar, sectionChangesSince, siteSettings, type ChecklistEntry } from '../../content';
import { zonedDay } from '../../domain/digest-schedule';
import { mentorNotes, personItemStates, queueOf, requestRefusal, sameDayPass, waitingRequests, type PersonItem, type RecheckCause, type RequestRefusal } from '../../domain/signoffs';
import { can } from '../../domain/permissions';
import * as clock from '../clock';
import { allSignoffRecords, signoffRecordsOf } from '../records/signoffs';
import type { PublicUser, Signoff, SignoffRequest } from '../store/data';
import type { Store } from '../store/store';
import { listPeople, personById } from '../records/users';
import { perDataChange } from '../memo';

// Sign-offs joined with the content: which checklists a person's path has, and the documents' versions.

export type ChecklistItemEntry = ChecklistEntry['data']['items'][number];
/** One item with where the person stands, and what today allows. */
export type SkillItem = PersonItem<ChecklistItemEntry, SignoffRequest, Signoff> & {
  /** Why the person cannot ask for this item today (`requestRefusal`), or null when they can. */
  refusal: RequestRefusal | null;
  /** While an observation passed today and more are needed: the day the next pass counts (`sameDayPass`). */
  nextPassFrom: string | null;
};

/** The id of an item's card on a page, and the fragment that links to it. */
export { skillAnchor } from '../../domain/notifications';

/** The checklists on a person's path as the domain wants them, with their sign-off settings and the months their passes hold. */
export const asChecklists = (entries: ChecklistEntry[]) =>
  entries.map((c) => ({ id: c.id, items: c.data.items, observations: c.data.observations, retryAfterDays: c.data.retryAfterDays, validForMonths: c.data.validForMonths }));

/** A checklist of a person's path, with where the person stands on each of its items. */
export interface SkillChecklist {
  checklist: ChecklistEntry;
  items: SkillItem[];
}

/** A person's checklists, each with every item's state and what `now` allows (a pass past its `validForMonths` is expired). */
export async function skillsOf(store: Store, person: Pick<PublicUser, 'id' | 'position'>, now = clock.now()): Promise<SkillChecklist[]> {
  const [checklists, records, currentVersions, { timeZone }] = await Promise.all([checklistsOnPath(person.position), signoffRecordsOf(store, person.id), currentDocVersions(), siteSettings()]);
  const today = zonedDay(now.getTime(), timeZone);
  const calendar = productionCalendar();
  const items = personItemStates({ userId: person.id, checklists: asChecklists(checklists), ...records, currentVersions, timeZone, sectionChanges: sectionChangesSince, expiry: { now, timeZone } }).map((entry) => ({
    ...entry,
    refusal: requestRefusal(entry, { today, timeZone, retryAfterDays: entry.rules.retryAfterDays, calendar }),
    nextPassFrom: sameDayPass(entry.observations, today),
  }));
  return checklists.map((checklist) => ({ checklist, items: items.filter((i) => i.checklistId === checklist.id) }));
}

/** An item on a position's path, or undefined: a person is only judged on what their path asks. */
export async function itemOnPath(position: string, checklistId: string, itemId: string): Promise<{ checklist: ChecklistEntry; item: ChecklistItemEntry } | undefined> {
  const checklist = (await checklistsOnPath(position)).find((c) => c.id === checklistId);
  const item = checklist?.data.items.find((i) => i.id === itemId);
  return checklist && item ? { checklist, item } : undefined;
}

/** A waiting request, ready to show: whose, which item, and the mentor the person has now. */
export interface WaitingRow {
  request: SignoffRequest;
  person: PublicUser;
  checklist: ChecklistEntry;
  item: ChecklistItemEntry;
  /** When the request follows a pass that must be judged again: why (`recheckCauses`). */
  recheck: RecheckCause[];
}

/**
 * What a mentor or head has to judge, oldest first: `mine`, the requests of the people whose mentor they
 * are now; `others`, for a head, every other request they may judge (never their own).
 */
export async function queueFor(store: Store, viewer: PublicUser, people: PublicUser[]): Promise<{ mine: WaitingRow[]; others: WaitingRow[] }> {
  if (!can(viewer, 'signoff.queue')) return { mine: [], others: [] };
  const { pending, pathOf, recheckOf } = await waitingRequestsOf(store, people);
  const row = ({ request, person }: { request: SignoffRequest; person: PublicUser }): WaitingRow => {
    const checklist = pathOf.get(person.position)!.find((c) => c.id === request.checklistId)!;
    return { request, person, checklist, item: checklist.data.items.find((i) => i.id === request.itemId)!, recheck: recheckOf.get(request.id) ?? [] };
  };
  const mine = queueOf(pending, people, viewer.id).map(row);
  const others =
    can(viewer, 'team.viewAll')
      ? waitingRequests(pending, people)
          .filter(({ person }) => person.mentorId !== viewer.id && can(viewer, 'signoff.decide', person))
          .map(row)
      : [];
  return { mine, others };
}

/** Every waiting request of the given people, on items their path still has. */
async function waitingRequestsOf(store: Store, people: PublicUser[]) {
  const [records, currentVersions, { timeZone }] = await Promise.all([allSignoffRecords(store), currentDocVersions(), siteSettings()]);
  const pathOf = new Map<string, ChecklistEntry[]>();
  for (const position of new Set(people.map((p) => p.position))) pathOf.set(position, await checklistsOnPath(position));
  const waiting = people.flatMap((person) =>
    personItemStates({ userId: person.id, checklists: asChecklists(pathOf.get(person.position)!), ...records, currentVersions, timeZone, sectionChanges: sectionChangesSince }).filter(
      (i): i is SkillItem & { pending: SignoffRequest } => i.pending !== undefined,
    ),
  );
  const recheckOf = new Map(waiting.map((i) => [i.pending.id, i.recheck]));
  return { pending: waiting.map((i) => i.pending), pathOf, recheckOf };
}

// Every page's header shows a mentor how many requests wait for them: kept per person until the data
// store or the content served changes, like the count of documents to confirm.
const waitingByMentor = perDataChange<number>();

/** How many requests wait for this person as the mentor of the people asking (their queue's own part). */
export async function waitingForMe(store: Store, viewer: PublicUser): Promise<number> {
  if (!can(viewer, 'signoff.queue')) return 0;
  return waitingByMentor(store, viewer.id, async () => (await queueFor(store, viewer, await listPeople(store))).mine.length);
}

/** A verdict a person should read on My path (`mentorNotes`), with its checklist and who gave it. */
export interface MentorNote {
  entry: SkillItem & { latest: Signoff };
  checklist: ChecklistEntry;
  /** The name of who judged; undefined when that account is gone. */
  by: string | undefined;
}

/** The "needs work" verdicts and the new comments on a person's skills, newest first. */
export async function mentorNotesOf(store: Store, skills: readonly SkillChecklist[], now: Date): Promise<MentorNote[]> {
  const checklistOf = new Map(skills.map((s) => [s.checklist.id, s.checklist]));
  const notes = mentorNotes(skills.flatMap((s) => s.items), now);
  const names = new Map<string, string | undefined>();
  for (const id of new Set(notes.map((n) => n.latest.signedBy))) names.set(id, (await personById(store, id))?.name);
  return notes.map((entry) => ({ entry, checklist: checklistOf.get(entry.checklistId)!, by: names.get(entry.latest.signedBy) }));
}
