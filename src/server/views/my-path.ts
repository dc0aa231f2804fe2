import { motivationById, requiredDocsFor, roleById, roleTitles, siteSettings, visibleDocById, type DocEntry } from '../../content';
import { outstandingDocs, type Outstanding } from '../../domain/acknowledgement';
import { zonedDay } from '../../domain/digest-schedule';
import { parseDocLink } from '../../domain/doc-links';
import { perContent } from '../../domain/memo';
import { readingMinutes } from '../../domain/reading-time';
import { acknowledgementsOf } from '../records/acknowledgements';
import { personById } from '../records/users';
import type { PublicUser } from '../store/data';
import { perDataChange } from '../memo';
import type { Store } from '../store/store';
import * as clock from '../clock';

type ToConfirm = (Omit<Outstanding<DocEntry>, 'doc'> & { doc: DocEntry })[];

// Every page's header shows how many documents the reader still has to confirm, and working it out
// goes through every document their position requires. The answer changes with the data store, the
// content served, or the day (a confirmation with `validForMonths` expires at midnight in the site's
// time zone), so it is kept per person and day until the store or the content changes; by person
// alone, since a new position is a change to the store.
const toConfirmByPerson = perDataChange<ToConfirm>();

/**
 * The documents a person still has to confirm, with why (never read, a new major version, or a
 * confirmation that expired), in the order to read them.
 */
export async function documentsToConfirm(store: Store, user: PublicUser, now = clock.now()): Promise<ToConfirm> {
  const site = await siteSettings();
  const result = await toConfirmByPerson(store, `${user.id}/${zonedDay(now.getTime(), site.timeZone)}`, async () => {
    const [required, acks] = await Promise.all([requiredDocsFor(user.position), acknowledgementsOf(store, user.id)]);
    const entries = required.map((doc) => ({ id: doc.id, ...doc.data, entry: doc }));
    return outstandingDocs(entries, acks, site.policies.reackOnMajor, { now, timeZone: site.timeZone }).map(({ doc, state, validity }) => ({ doc: doc.entry, state, validity }));
  });
  return [...result];
}

/** Whether a position has to confirm this document. */
export async function mustConfirm(position: string, docId: string): Promise<boolean> {
  return (await requiredDocsFor(position)).some((d) => d.id === docId);
}

/** The next document a person has to confirm after `docId`, in the order to read them; undefined when none is left. */
export async function nextDocToConfirm(store: Store, user: PublicUser, docId: string): Promise<DocEntry | undefined> {
  return (await documentsToConfirm(store, user)).find(({ doc }) => doc.id !== docId)?.doc;
}

// Counting a document's words takes a pass over its text: once per version served.
const minutesByDoc = perContent<number>();

/** About how long a document takes to read with care, in minutes. */
export function readingMinutesOf(doc: DocEntry): number {
  return minutesByDoc(`${doc.id}@${doc.data.version}`, () => readingMinutes(doc.body ?? ''));
}

/**
 * A person's mentor as their My path introduces them: the name and position only, nothing else of
 * the mentor's record goes to the trainee's page.
 */
export async function mentorOf(store: Store, user: PublicUser): Promise<{ name: string; position: string } | undefined> {
  const mentor = user.mentorId ? await personById(store, user.mentorId) : undefined;
  if (!mentor || mentor.disabled) return undefined;
  return { name: mentor.name, position: (await roleTitles()).get(mentor.position) ?? mentor.position };
}

/**
 * Where a person works out their pay: the calculator on the statute that sets their position's scheme,
 * or on their role's page when that statute is not one they may read; undefined without a scheme.
 */
export async function payCalculatorHref(user: PublicUser): Promise<string | undefined> {
  const scheme = (await roleById(user.position))?.data.motivation;
  const entry = scheme ? await motivationById(scheme) : undefined;
  if (!entry) return undefined;
  const statute = entry.data.statute && (await visibleDocById(parseDocLink(entry.data.statute).docId, user));
  return statute && statute.data.status === 'active' ? `/docs/${statute.id}/#calculator` : `/roles/${user.position}/#calculator`;
}
