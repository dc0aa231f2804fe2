import type { LessonCompletion } from '../store/data';
import type { Store } from '../store/store';
import type { AuditOf } from '../store/audit';
import * as clock from '../clock';

/** Marks a lesson done for a person. Doing it again changes nothing. Returns whether a record was added. */
export async function completeLesson(store: Store, userId: string, lessonId: string, now = clock.now(), audit?: AuditOf<{ added: boolean; completion: LessonCompletion }>): Promise<{ added: boolean; completion: LessonCompletion }> {
  return store.mutate((data) => {
    const known = data.lessonCompletions.find((c) => c.userId === userId && c.lessonId === lessonId);
    if (known) return { added: false, completion: known };
    const completion: LessonCompletion = { userId, lessonId, at: now.toISOString() };
    data.lessonCompletions.push(completion);
    return { added: true, completion };
  }, audit);
}

/** The lessons a person marked done. */
export async function completionsOf(store: Store, userId: string): Promise<LessonCompletion[]> {
  return store.read((data) => data.lessonCompletions.filter((c) => c.userId === userId));
}
