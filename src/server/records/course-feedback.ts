import { randomUUID } from 'node:crypto';
import type { CourseFeedback } from '../store/data';
import type { Store } from '../store/store';
import type { AuditOf } from '../store/audit';
import * as clock from '../clock';

export class FeedbackError extends Error {
  constructor(readonly code: 'already-given') {
    super(code);
  }
}

/** Records a person's rating of a course; once per person and course. */
export async function leaveCourseFeedback(
  store: Store,
  input: { userId: string; courseId: string; rating: number; comment: string | null },
  now = clock.now(),
  audit?: AuditOf<CourseFeedback>,
): Promise<CourseFeedback> {
  return store.mutate((data) => {
    if (data.courseFeedback.some((f) => f.userId === input.userId && f.courseId === input.courseId)) throw new FeedbackError('already-given');
    const feedback: CourseFeedback = { id: randomUUID(), ...input, at: now.toISOString() };
    data.courseFeedback.push(feedback);
    return feedback;
  }, audit);
}

/** A person's feedback on a course, if they left it. */
export async function feedbackOf(store: Store, userId: string, courseId: string): Promise<CourseFeedback | undefined> {
  return store.read((data) => data.courseFeedback.find((f) => f.userId === userId && f.courseId === courseId));
}
