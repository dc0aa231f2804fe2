import { perContent } from '../../domain/memo';
import { allDocs, earlierVersionsOf, pathDocsByRole, siteSettings, textHash, type DocEntry, type DocVersionEntry } from '../../content';
import { docAudience, docCoverage, healthTotals, standingOf, type Coverage, type Standing } from '../../domain/coverage';
import { compareTexts, type TextComparison } from '../../domain/text-diff';
import { changedSections, compareSections, type ChangedSection } from '../../domain/section-changes';
import { changesSince } from '../../domain/versions';
import { pathStart } from '../../domain/learning-path';
import { can } from '../../domain/permissions';
import type { Acknowledgement, PublicUser } from '../store/data';
import type { Store } from '../store/store';
import { listPeople } from '../records/users';
import { teamSummaries } from './team-index';
import * as clock from '../clock';

// What pages need to keep documents current: who read which version, what changed for a reader,
// how each document is covered, and what each person still owes. Pure rules live in src/domain.

const docFields = (doc: DocEntry) => ({ id: doc.id, ...doc.data });

async function everyConfirmation(store: Store): Promise<Acknowledgement[]> {
  return store.read((data) => data.acknowledgements);
}

/** One line of a document's acknowledgement sheet: a person asked to confirm it, and where they stand. */
export interface SheetLine {
  person: Pick<PublicUser, 'id' | 'name' | 'login' | 'position'>;
  standing: Standing;
}

/**
 * The acknowledgement sheet of a document: everyone it asks to confirm it, by name, and the coverage,
 * as of `now` (a confirmation of a document with `validForMonths` may have expired).
 */
export async function acknowledgementSheet(store: Store, doc: DocEntry, now = clock.now()): Promise<{ lines: SheetLine[]; coverage: Coverage }> {
  const [people, acks, pathDocsOf, site] = await Promise.all([listPeople(store), everyConfirmation(store), pathDocsByRole(), siteSettings()]);
  const audience = docAudience(docFields(doc), people, pathDocsOf);
  const forDoc = acks.filter((a) => a.docId === doc.id);
  const expiry = { now, timeZone: site.timeZone };
  const lines = audience.map((person) => ({
    person: { id: person.id, name: person.name, login: person.login, position: person.position },
    standing: standingOf(docFields(doc), forDoc.filter((a) => a.userId === person.id), site.policies.reackOnMajor, expiry),
  }));
  return { lines, coverage: docCoverage(docFields(doc), audience, forDoc, site.policies.reackOnMajor, expiry) };
}

/**
 * Every document with its coverage and how many of its readers are past the day to confirm it (from
 * the per-person summaries, `itemDue`), for the content health page, and the totals.
 */
export async function contentHealth(store: Store, today = clock.now()) {
  const [docs, people, acks, pathDocsOf, site, summaries] = await Promise.all([allDocs(), listPeople(store), everyConfirmation(store), pathDocsByRole(), siteSettings(), teamSummaries(store, today)]);
  const overdueReaders = new Map<string, number>();
  for (const { person, overdue } of summaries.values()) {
    if (person.disabled) continue;
    for (const item of overdue) if (item.kind === 'doc') overdueReaders.set(item.id, (overdueReaders.get(item.id) ?? 0) + 1);
  }
  const rows = docs.map((doc) => {
    const audience = docAudience(docFields(doc), people, pathDocsOf);
    const coverage = docCoverage(docFields(doc), audience, acks.filter((a) => a.docId === doc.id), site.policies.reackOnMajor, { now: today, timeZone: site.timeZone });
    return { doc, status: doc.data.status, reviewBy: doc.data.reviewBy, title: doc.data.title, coverage, overdueReaders: overdueReaders.get(doc.id) ?? 0 };
  });
  return { rows, totals: healthTotals(rows, today) };
}

// The comparison of two texts is the same for every reader who confirmed the older one, and a word
// diff of a long document takes milliseconds: the kept texts' hashes and each comparison are worked
// out once per content served, not on every page view.
const keptTextsByDoc = perContent<Promise<{ entry: DocVersionEntry; hash: string }[]>>();
const comparisons = perContent<TextComparison>();
const sectionLists = perContent<ChangedSection[]>();

const keptTexts = (docId: string) =>
  keptTextsByDoc(docId, async () => (await earlierVersionsOf(docId)).map((entry) => ({ entry, hash: textHash(entry.data.text) })));

const comparisonOf = (kept: DocVersionEntry, doc: DocEntry, locale: string) =>
  comparisons(`${kept.id}\n${doc.id}\n${locale}`, () => compareTexts(kept.data.text, doc.body ?? '', { locale }));

const sectionsChanged = (kept: DocVersionEntry, doc: DocEntry) =>
  sectionLists(`${kept.id}\n${doc.id}`, () => changedSections(compareSections(kept.data.text, doc.body ?? '')));

/** What changed in a document since the version a reader last confirmed, when that is an earlier major version. */
export interface ReaderChanges {
  /** The version the reader confirmed. */
  from: string;
  /** Change-log entries after it, newest first. */
  changes: DocEntry['data']['changes'];
  /** A word-level comparison with the kept text of the reader's version, when that text is kept. */
  comparison?: TextComparison;
  /** The sections that differ from the kept text of the reader's version (`changedSections`), when it is kept. */
  sections?: ChangedSection[];
  /** Whether the kept text is byte for byte what the reader confirmed (by its recorded hash); null when unknown. */
  sameTextAsConfirmed: boolean | null;
}

/**
 * For a reader on an outdated major version: the change log since their version and a comparison of
 * the text they confirmed with the current one. The text is found by version among the kept earlier
 * versions, or else by the hash recorded with the confirmation. Undefined when the reader is not behind.
 */
export async function changesForReader(doc: DocEntry, acks: readonly Acknowledgement[], locale: string): Promise<ReaderChanges | undefined> {
  const site = await siteSettings();
  const mine = acks.filter((a) => a.docId === doc.id);
  const standing = standingOf(docFields(doc), mine, site.policies.reackOnMajor);
  if (standing.state !== 'outdated' || !standing.latest) return undefined;
  const from = standing.latest.version;
  const confirmed = mine.find((a) => a.version === from);
  const withHash = await keptTexts(doc.id);
  const match =
    withHash.find(({ entry }) => entry.data.version === from) ??
    (confirmed?.contentHash ? withHash.find(({ hash }) => hash === confirmed.contentHash) : undefined);
  const comparison = match ? comparisonOf(match.entry, doc, locale) : undefined;
  return {
    from,
    changes: changesSince(doc.data.changes, from),
    ...(comparison && { comparison, sections: sectionsChanged(match!.entry, doc) }),
    sameTextAsConfirmed: match && confirmed?.contentHash ? match.hash === confirmed.contentHash : null,
  };
}
