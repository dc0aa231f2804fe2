import { dialogueById, docLinkTargets } from '../../content';
import { practiceSummary } from '../../domain/dialogue';
import { can } from '../../domain/permissions';
import type { PublicUser } from '../store/data';
import type { Store } from '../store/store';
import { dialogueRunsFor } from '../records/dialogue-runs';
import { listPeople } from '../records/users';

/**
 * The practice part of a script page: the dialogue, the person's own runs, where its answers point in
 * the documents, and, for mentors and heads, the people they may see who practised it.
 */
export async function dialoguePractice(store: Store, user: PublicUser, dialogueId: string) {
  const dialogue = await dialogueById(dialogueId);
  if (!dialogue) return undefined;
  const runs = await dialogueRunsFor(store, dialogue.id);
  const mine = practiceSummary(runs.filter((r) => r.userId === user.id), dialogue.id);
  const links = await docLinkTargets(Object.values(dialogue.data.nodes).flatMap((n) => n.options ?? []).flatMap((o) => (o.doc ? [o.doc] : [])));
  const team = !can(user, 'team.view')
    ? []
    : (await listPeople(store))
        .filter((person) => person.id !== user.id && can(user, 'person.view', person))
        .map((person) => ({ person, summary: practiceSummary(runs.filter((r) => r.userId === person.id), dialogue.id) }))
        .filter(({ summary }) => summary.runs > 0);
  return { dialogue, mine, links, team };
}

export type DialoguePracticeData = NonNullable<Awaited<ReturnType<typeof dialoguePractice>>>;
