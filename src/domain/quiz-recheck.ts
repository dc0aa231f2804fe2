import { linkedDocId, recheckCauses, type RecheckCause, type SectionChangesOf } from './signoffs';

// Which questions of a passed quiz must be answered again after a new major version of a document
// they are tied to (`doc` of a question), by the same rule as sign-offs (`recheckCauses`): a question
// tied to a section is reopened only when that section changed, was renamed or removed; one tied to a
// whole document, by any new major version of it. Pure: the content and the attempts are the caller's.

/** A question as the recheck needs it. */
export interface QuestionLink {
  id: string;
  /** `doc-id` or `doc-id#anchor`; absent for a question tied to no document. */
  doc?: string | undefined;
}

/** An attempt as the recheck needs it. */
export interface JudgedAttempt {
  passed: boolean | null;
  submittedAt: string | null;
  /** The versions of the quiz's documents when the attempt started; null for attempts from before they were kept. */
  docVersions: Readonly<Record<string, string>> | null;
}

/** The questions to answer again, and why. */
export interface QuizRecheck {
  /** Ids of the questions of the bank to answer again, in the bank's order. */
  questions: string[];
  /** Why, once per document section (or document). */
  causes: RecheckCause[];
}

/** The distinct documents a quiz's questions are tied to. */
export function quizDocIds(questions: readonly QuestionLink[]): string[] {
  return [...new Set(questions.flatMap((q) => (q.doc ? [linkedDocId(q.doc)] : [])))];
}

/** The versions of a quiz's documents now, as an attempt records them when it starts. */
export function quizDocVersions(questions: readonly QuestionLink[], current: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries(quizDocIds(questions).flatMap((docId) => (current.has(docId) ? [[docId, current.get(docId)!]] : [])));
}

/**
 * What a person must answer again of a quiz they passed: judged against the versions recorded with
 * their latest pass (a full one or a recheck). A pass from before attempts recorded versions is judged
 * against the version each document's change log says was in effect on the day of the pass
 * (`versionOn`); a document whose log says nothing for that day reopens nothing. Null when the quiz is
 * not passed or nothing needs answering again.
 */
export function quizRecheck(input: {
  questions: readonly QuestionLink[];
  attempts: readonly JudgedAttempt[];
  currentVersions: ReadonlyMap<string, string>;
  sectionChanges?: SectionChangesOf;
  /** The version of a document in effect on a day, from its change log. */
  versionOn: (docId: string, day: string) => string | undefined;
}): QuizRecheck | null {
  const passes = input.attempts.filter((a): a is JudgedAttempt & { submittedAt: string } => a.passed === true && a.submittedAt !== null);
  const latest = passes.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)).at(-1);
  if (!latest) return null;
  const judged =
    latest.docVersions ??
    Object.fromEntries(
      quizDocIds(input.questions).flatMap((docId) => {
        const version = input.versionOn(docId, latest.submittedAt.slice(0, 10));
        return version === undefined ? [] : [[docId, version]];
      }),
    );
  const questions: string[] = [];
  const causes = new Map<string, RecheckCause>();
  for (const question of input.questions) {
    const docId = question.doc && linkedDocId(question.doc);
    if (!docId || judged[docId] === undefined) continue;
    const found = recheckCauses([question.doc!], { [docId]: judged[docId] }, input.currentVersions, input.sectionChanges);
    if (found.length === 0) continue;
    questions.push(question.id);
    for (const cause of found) causes.set(`${cause.docId}#${cause.section?.anchor ?? ''}`, cause);
  }
  return questions.length === 0 ? null : { questions, causes: [...causes.values()] };
}
