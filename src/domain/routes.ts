import { can, type Action, type Actor, type PersonSubject } from './permissions';
import type { SearchIndexName } from './search-pages';

// Every route Salesbook answers, with what it takes to reach it. The middleware checks this table for
// every request before a page runs; pages do not check access themselves. A path no route matches is
// answered 404, and test/integration/routes.test.ts fails when a page has no row here, or when a route
// answers anyone otherwise than its row says.

/** What a route takes. */
export type Access =
  /** Anyone, signed in or not. */
  | { kind: 'public' }
  /** Anyone signed in; a person who must change a temporary password reaches only these. */
  | { kind: 'password-change' }
  /** Anyone signed in who has changed their temporary password. */
  | { kind: 'signed-in' }
  /** Someone `can(user, action)`; everyone else gets the 404 of a page that does not exist. */
  | { kind: 'allowed'; action: Action }
  /** Someone `can(user, action, person)` for the person whose login is the route's `[login]`. */
  | { kind: 'person'; action: Action }
  /** The person's own search index, named by the route's `[index]`. */
  | { kind: 'own-search-index' };

export interface Route {
  /** As Astro names pages: `/team/[login]/skills`, `/pagefind/[index]/[...path]`. */
  pattern: string;
  access: Access;
  /** The largest request body the route takes, in bytes, when it is more than SMALL_BODY_BYTES. */
  maxBody?: number;
}

/**
 * What a request may send to any route but an upload: forms and actions are small, the largest being a
 * document saved from the editor (MAX_DRAFT_BYTES of text, sent as multipart so that Cyrillic is not
 * tripled by URL encoding).
 */
export const SMALL_BODY_BYTES = 512 * 1024;
/** What an upload may send: several Word files at once. The server refuses anything larger before a page runs. */
export const UPLOAD_BODY_BYTES = 64 * 1024 * 1024;

const PUBLIC: Access = { kind: 'public' };
const PASSWORD_CHANGE: Access = { kind: 'password-change' };
const SIGNED_IN: Access = { kind: 'signed-in' };
const allowed = (action: Action): Access => ({ kind: 'allowed', action });
const PERSON: Access = { kind: 'person', action: 'person.view' };

export const ROUTES: readonly Route[] = [
  { pattern: '/login', access: PUBLIC },
  { pattern: '/_actions/login', access: PUBLIC },
  // Signing in with the company's account: off to the provider, and back (404 when it is not set up).
  { pattern: '/login/oidc', access: PUBLIC },
  { pattern: '/login/oidc/callback', access: PUBLIC },
  { pattern: '/404', access: PUBLIC },
  // The sign-in page shows it too, so it is for everyone.
  { pattern: '/favicon.svg', access: PUBLIC },
  { pattern: '/account/password', access: PASSWORD_CHANGE },
  { pattern: '/_actions/changePassword', access: PASSWORD_CHANGE },
  { pattern: '/logout', access: PASSWORD_CHANGE },
  { pattern: '/_actions/logout', access: PASSWORD_CHANGE },
  // Every other action authorises itself on the server (src/actions/guard.ts), with its own input.
  { pattern: '/_actions/[name]', access: SIGNED_IN },

  { pattern: '/', access: SIGNED_IN },
  { pattern: '/docs', access: SIGNED_IN },
  { pattern: '/docs/[id]', access: SIGNED_IN },
  { pattern: '/docs/[id]/sheet', access: allowed('docs.oversee') },
  { pattern: '/docs/[id]/sheet.csv', access: allowed('docs.oversee') },
  { pattern: '/scripts', access: SIGNED_IN },
  { pattern: '/scripts/[id]', access: SIGNED_IN },
  { pattern: '/courses', access: SIGNED_IN },
  { pattern: '/courses/[course]', access: SIGNED_IN },
  { pattern: '/courses/[course]/[lesson]', access: SIGNED_IN },
  { pattern: '/quizzes/[id]', access: SIGNED_IN },
  { pattern: '/checklists/[id]', access: SIGNED_IN },
  { pattern: '/roles', access: SIGNED_IN },
  { pattern: '/roles/[id]', access: SIGNED_IN },
  { pattern: '/search', access: SIGNED_IN },
  // One's own notifications: a notification of someone else's is not found.
  { pattern: '/notifications', access: allowed('notifications.own') },
  { pattern: '/notifications/[id]', access: allowed('notifications.own') },
  { pattern: '/account/notifications', access: allowed('notifications.own') },
  { pattern: '/pagefind/[index]/[...path]', access: { kind: 'own-search-index' } },
  // A document's images: the page decides, as for the document (and its draft, for editors).
  { pattern: '/media/docs/[id]/[name]', access: SIGNED_IN },

  { pattern: '/mentor', access: allowed('signoff.queue') },
  { pattern: '/team', access: allowed('team.view') },
  { pattern: '/team/analytics', access: allowed('team.analytics') },
  { pattern: '/team/coverage', access: allowed('team.coverage') },
  { pattern: '/team/coverage/what-if', access: allowed('team.coverage') },
  { pattern: '/team/sales', access: allowed('team.sales') },
  { pattern: '/team/export/matrix.csv', access: allowed('team.view') },
  { pattern: '/team/export/signoffs.csv', access: allowed('team.view') },
  { pattern: '/team/export/quiz-attempts.csv', access: allowed('team.view') },
  { pattern: '/team/[login]', access: PERSON },
  { pattern: '/team/[login]/skills', access: PERSON },
  { pattern: '/team/[login]/practice', access: PERSON },
  { pattern: '/team/[login]/quizzes', access: PERSON },
  { pattern: '/team/[login]/export.json', access: PERSON },
  // Pay is the person's own and the heads': their mentor gets the 404 of a page that does not exist.
  { pattern: '/team/[login]/pay', access: { kind: 'person', action: 'pay.view' } },
  { pattern: '/team/[login]/pay/[month]', access: { kind: 'person', action: 'pay.view' } },

  { pattern: '/admin/people', access: allowed('people.manage') },
  { pattern: '/admin/people/[login]', access: allowed('people.manage') },
  { pattern: '/admin/kpi', access: allowed('kpi.import') },
  { pattern: '/admin/kpi/crm', access: allowed('kpi.import') },
  { pattern: '/admin/pay', access: allowed('pay.review') },
  { pattern: '/admin/pay/[month]', access: allowed('pay.review') },
  { pattern: '/admin/pay/[month]/print', access: allowed('pay.review') },
  { pattern: '/admin/pay/[month]/payroll.csv', access: allowed('pay.review') },
  { pattern: '/admin/docs', access: allowed('docs.oversee') },
  { pattern: '/admin/docs/import', access: allowed('docs.oversee'), maxBody: UPLOAD_BODY_BYTES },
  { pattern: '/admin/search-gaps', access: allowed('search.gaps') },
  { pattern: '/admin/notifications', access: allowed('people.manage') },

  // The editor: who may edit which entry (heads; owners where site.yaml allows) is decided per entry
  // by the page and by every editing action on the server; new entries are for heads.
  { pattern: '/edit/new', access: allowed('docs.oversee') },
  { pattern: '/edit/preview', access: SIGNED_IN },
  { pattern: '/edit/[collection]/[...id]', access: SIGNED_IN },
  { pattern: '/publish/[collection]/[...id]', access: SIGNED_IN },
];

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
  /** Literal segments: of two routes that match, the one with more wins (`/team/analytics` over `/team/[login]`). */
  literals: number;
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  let literals = 0;
  const parts = route.pattern
    .split('/')
    .slice(1)
    .map((segment) => {
      // `[name]` is one segment; `[...name]` is the rest of the path.
      const param = /^\[(\.\.\.)?(\w+)\]$/.exec(segment);
      if (param) {
        names.push(param[2]!);
        return param[1] ? '(.+)' : '([^/]+)';
      }
      literals += 1;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    });
  const source = route.pattern === '/' ? '^/$' : `^/${parts.join('/')}$`;
  return { ...route, regex: new RegExp(source), names, literals };
}

const COMPILED = ROUTES.map(compile).sort((a, b) => b.literals - a.literals);

/** The route a canonical path (no trailing slash, see paths.ts) is for, with its parameters; undefined for none. */
export function matchRoute(path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of COMPILED) {
    const match = route.regex.exec(path);
    if (match) return { route, params: Object.fromEntries(route.names.map((name, i) => [name, match[i + 1]!])) };
  }
  return undefined;
}

/** The search index a person may read: heads the one with drafts and the archive, everyone else the staff one. */
export function searchIndexName(user: Actor): SearchIndexName {
  return can(user, 'search.drafts') ? 'heads' : 'staff';
}

/**
 * Whether a signed-in person who has changed any temporary password may reach a route. `subject`
 * is the person the route's `[login]` names (undefined when there is none by that login).
 */
export function mayReach(user: Actor, access: Access, params: Record<string, string>, subject?: PersonSubject): boolean {
  switch (access.kind) {
    case 'public':
    case 'password-change':
    case 'signed-in':
      return !user.disabled;
    case 'allowed':
      return can(user, access.action);
    case 'person':
      return subject !== undefined && can(user, access.action, subject);
    case 'own-search-index':
      return !user.disabled && params.index === searchIndexName(user);
  }
}
