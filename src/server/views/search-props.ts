import { allDocs, allRoles } from '../../content';
import { indexesFor } from '../../domain/search-pages';
import type { FilterChoices } from '../../domain/search-query';
import type { Locale, Translator } from '../../i18n';
import { searchRu } from '../../i18n/search';
import type { SearchMessageKey, SearchText } from '../../i18n/search-text';
import { docKinds } from '../../schemas/doc';
import { searchIndexName } from '../../domain/routes';
import type { PublicUser } from '../store/data';

const messageKeys = Object.keys(searchRu).filter((key): key is SearchMessageKey => key.startsWith('search.'));

/** What the search islands say, in this request's language, and the language of what they find (`contentLangFor`). */
export function searchText(i18n: Translator, contentLang?: Locale): SearchText {
  return {
    contentLang,
    intlLocale: i18n.locale === 'ru' ? 'ru-RU' : 'en-GB',
    messages: Object.fromEntries(messageKeys.map((key) => [key, i18n.t(key)])) as Record<SearchMessageKey, string>,
    kinds: Object.fromEntries(docKinds.map((kind) => [kind, i18n.t(`kind.${kind}`)])),
    statuses: { draft: i18n.t('status.draft'), active: i18n.t('status.active'), archived: i18n.t('status.archived') },
  };
}

/** The filter values a person's index can match: kinds of the documents in it, every role, status for heads. */
export async function searchFilterOptions(user: PublicUser, i18n: Translator) {
  const index = searchIndexName(user);
  const docs = (await allDocs()).filter((doc) => indexesFor(doc.data.status).includes(index));
  const present = new Set(docs.map((doc) => doc.data.kind));
  const kinds = Object.fromEntries(docKinds.filter((kind) => present.has(kind)).map((kind) => [kind, i18n.t(`kind.${kind}`)]));
  const roles = Object.fromEntries((await allRoles()).map((role) => [role.id, role.data.title]));
  const statuses = index === 'heads' ? searchText(i18n).statuses : undefined;
  const choices: FilterChoices = { kinds: Object.keys(kinds), roles: Object.keys(roles), statuses: statuses !== undefined };
  return { kinds, roles, statuses, choices };
}
