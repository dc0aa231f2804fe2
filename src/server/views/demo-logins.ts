import { roleTitles } from '../../content';
import type { Store } from '../store/store';

/** Logins of one kind on the demo's sign-in page: the position's title, and whether they mentor. */
export interface DemoLoginGroup {
  logins: string[];
  position: string;
  mentor: boolean;
}

/**
 * The demo's people as the sign-in page lists them: logins grouped by position, in the order the
 * people were made, so whoever opens the demo sees whom they can be. Only for demo mode, where every
 * password is the same and the logins are the point.
 */
export async function demoLogins(store: Store): Promise<DemoLoginGroup[]> {
  const [people, titles] = await Promise.all([store.read((data) => data.users.filter((u) => !u.disabled).map((u) => ({ login: u.login, position: u.position, mentor: u.appRole === 'mentor' }))), roleTitles()]);
  const groups = new Map<string, DemoLoginGroup>();
  for (const person of people) {
    const key = `${person.position}|${person.mentor}`;
    const group = groups.get(key) ?? { logins: [], position: titles.get(person.position) ?? person.position, mentor: person.mentor };
    group.logins.push(person.login);
    groups.set(key, group);
  }
  return [...groups.values()];
}
