// How many trainees each mentor has, against the department's limit (site.yaml
// `policies.maxTraineesPerMentor`). Over the limit is a warning for the heads, never a refusal:
// the head decides, and the portal keeps saying so while it lasts.

/** A person as the count needs them. */
export interface LoadPerson {
  id: string;
  mentorId: string | null;
  disabled: boolean;
}

/** The active people whose mentor each active person is, by the mentor's id. */
export function traineesByMentor<P extends LoadPerson>(people: readonly P[]): Map<string, P[]> {
  const active = new Set(people.filter((p) => !p.disabled).map((p) => p.id));
  const out = new Map<string, P[]>();
  for (const person of people) {
    if (person.disabled || !person.mentorId || !active.has(person.mentorId)) continue;
    const trainees = out.get(person.mentorId);
    if (trainees) trainees.push(person);
    else out.set(person.mentorId, [person]);
  }
  return out;
}

/**
 * The active mentors with more active trainees than `max`, the most loaded first (then in the order
 * given); none when there is no limit. A disabled mentor's trainees have no mentor to overload.
 */
export function overloadedMentors<P extends LoadPerson>(people: readonly P[], max: number | undefined): { mentor: P; trainees: P[] }[] {
  if (max === undefined) return [];
  const byMentor = traineesByMentor(people);
  return people
    .flatMap((mentor) => {
      const trainees = byMentor.get(mentor.id) ?? [];
      return trainees.length > max ? [{ mentor, trainees }] : [];
    })
    .sort((a, b) => b.trainees.length - a.trainees.length);
}
