import type { CrmKind, CrmUser } from '../../domain/crm';
import { crmUsers, type CrmConnector } from '../crm/pull';
import { CrmError } from '../crm/requests';
import { crmSetupOf } from '../records/crm';
import type { CrmField, CrmPull } from '../store/data';
import type { Store } from '../store/store';

/** One CRM user on the mapping page, with what is chosen for them. */
export interface CrmUserRow {
  crmUserId: string;
  name: string;
  /** False for a user the CRM marks as dismissed; undefined when the CRM does not list them (now). */
  active: boolean | undefined;
  /** A person's id, "-" for not in Salesbook, or "" for nobody chosen yet. */
  choice: string;
  /** The choice is a suggestion by the name, not saved yet. */
  suggested: boolean;
}

export interface CrmMappingView {
  users: CrmUserRow[];
  /** Why the CRM's users could not be listed, when they could not. */
  usersFailure: CrmError | undefined;
  people: { id: string; name: string; login: string }[];
  fields: CrmField[];
  pulls: CrmPull[];
}

/** A name's words, in any order and either ё: «Смирнов Алексей» is «Алексей Смирнов». */
const nameKey = (name: string) => name.toLowerCase().replaceAll('ё', 'е').split(/\s+/).filter(Boolean).sort().join(' ');

/**
 * The mapping page of one CRM: its users as it lists them, the ones only saved links or a refused pull
 * know of (`named`), each with the person chosen, or one whose name is the same as a suggestion.
 */
export async function crmMappingView(store: Store, crm: CrmKind, connector: CrmConnector, named: readonly { crmUserId: string; name: string }[] = []): Promise<CrmMappingView> {
  let listed: CrmUser[] = [];
  let usersFailure: CrmError | undefined;
  try {
    listed = await crmUsers(connector);
  } catch (error) {
    if (!(error instanceof CrmError)) throw error;
    usersFailure = error;
  }
  const { links, fields, pulls } = await crmSetupOf(store, crm);
  // People who can be chosen, and anyone disabled since a CRM user was linked to them.
  const chosen = new Set(links.map((l) => l.userId));
  const users = await store.read((data) => data.users.filter((u) => !u.disabled || chosen.has(u.id)));
  const people = users.map((u) => ({ id: u.id, name: u.name, login: u.login })).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const linked = new Map(links.map((l) => [l.crmUserId, l]));
  const byName = new Map<string, string[]>();
  for (const person of people) byName.set(nameKey(person.name), [...(byName.get(nameKey(person.name)) ?? []), person.id]);
  const rows = new Map<string, CrmUserRow>();
  const add = (crmUserId: string, name: string, active: boolean | undefined) => {
    if (rows.has(crmUserId)) return;
    const link = linked.get(crmUserId);
    const namesake = byName.get(nameKey(name));
    const suggestion = !link && namesake?.length === 1 ? namesake[0]! : undefined;
    rows.set(crmUserId, { crmUserId, name, active, choice: link ? (link.userId ?? '-') : (suggestion ?? ''), suggested: suggestion !== undefined });
  };
  for (const user of listed) add(user.id, user.name, user.active);
  for (const user of named) add(user.crmUserId, user.name, undefined);
  for (const link of links) add(link.crmUserId, link.crmName, undefined);
  return { users: [...rows.values()], usersFailure, people, fields, pulls };
}
