// Every route, walked as each kind of person, against the one route table (src/domain/routes.ts):
// a page with no row in the table, a row with no page, or a route that answers anyone otherwise
// than its row says fails here.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPageNavigation } from '../../src/domain/paths';
import * as clock from '../../src/server/clock';
import { monthOf } from '../clock';
import { matchRoute, mayReach, ROUTES } from '../../src/domain/routes';
import type { PublicUser } from '../../src/server/store/data';
import { cleanUp, get, readStore, ROOT, signIn, startServer, type RunningServer } from './server';

afterAll(cleanUp);

/** The route Astro makes of each file under src/pages. */
function pageRoutes(): string[] {
  const folder = join(ROOT, 'src', 'pages');
  const routes: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(astro|ts)$/.test(entry.name)) {
        const route = `/${relative(folder, path)}`.replace(/\.(astro|ts)$/, '').replace(/\/index$/, '');
        routes.push(route === '' ? '/' : route);
      }
    }
  };
  walk(folder);
  return routes.sort();
}

/** A real value for each route parameter, from the fixture content and the demo people. */
function examplePath(pattern: string): string {
  const ids: Record<string, string> = { docs: 'lead-handling', scripts: 'cold-call', quizzes: 'basics-final', checklists: 'trainee-skills', roles: 'manager', media: 'lead-handling' };
  const section = pattern.split('/')[1]!;
  return pattern
    .replace('[collection]/[...id]', 'docs/lead-handling')
    .replace('[id]', ids[section] ?? 'unknown')
    .replace('[course]', 'basics')
    .replace('[lesson]', 'first-contact')
    // trainee2: mentor1's trainee, neither trainee1's nor mentor2's.
    .replace('[login]', 'trainee2')
    // The staff index: everyone's own but the head's.
    .replace('[index]', 'staff')
    .replace('[...path]', 'pagefind-entry.json')
    .replace('[name]', '0123456789abcdef.png')
    // A month with the demo's sales figures: the last one.
    .replace('[month]', monthOf(clock.now(), -1));
}

const VIEWERS = ['trainee1', 'mentor1', 'mentor2', 'head'] as const;

/** Routes every signed-in person reaches at the table, where the page decides per entry: the editor's. */
const PAGE_DECIDES: Record<string, (login: string) => number> = {
  // A GET: the preview answers POSTs only.
  '/edit/preview': () => 405,
  '/edit/[collection]/[...id]': (login) => (login === 'head' ? 200 : 403),
  // No draft yet: on to the editor.
  '/publish/[collection]/[...id]': (login) => (login === 'head' ? 303 : 403),
  // The fixture's documents have no images: the 404 of an image that does not exist, to everyone.
  '/media/docs/[id]/[name]': () => 404,
  // A notification nobody has: the same 404 as someone else's.
  '/notifications/[id]': () => 404,
  // trainee2's position has no bonus scheme: no statement that month, the same 404 as someone else's.
  '/team/[login]/pay/[month]': () => 404,
};

let server: RunningServer;
const cookies: Record<string, string> = {};
let people: PublicUser[];

beforeAll(async () => {
  server = await startServer({ demo: true });
  for (const login of VIEWERS) cookies[login] = await signIn(server.url, login, 'demo');
  people = readStore(server.dataDir).users;
});

describe('the route table', () => {
  it('has a row for every page, and a page for every row but the actions', () => {
    const pages = pageRoutes();
    const rows = ROUTES.map((r) => r.pattern).filter((p) => !p.startsWith('/_actions/'));
    expect(pages.filter((p) => !rows.includes(p)), 'pages without a row').toEqual([]);
    expect(rows.filter((p) => !pages.includes(p)), 'rows without a page').toEqual([]);
  });

  it('is what every route answers, to someone signed out and to each kind of person', async () => {
    const answers: string[] = [];
    const expected: string[] = [];
    for (const { pattern, access } of ROUTES.filter((r) => !r.pattern.startsWith('/_actions/'))) {
      for (const login of [undefined, ...VIEWERS]) {
        const viewer = people.find((p) => p.login === login);
        const path = examplePath(pattern);
        const match = matchRoute(path);
        expect(match?.route.pattern, path).toBe(pattern);
        let status: number;
        // The way to the company's sign-in provider is not found where none is set up, as here.
        if (!viewer && pattern.startsWith('/login/oidc')) status = 404;
        else if (!viewer) status = access.kind === 'public' ? (pattern === '/404' ? 404 : 200) : isPageNavigation('GET', path) ? 303 : 401;
        else if (pattern === '/login' || pattern.startsWith('/login/')) status = 303;
        else {
          const subject = access.kind === 'person' ? people.find((p) => p.login === match!.params.login) : undefined;
          status = mayReach(viewer, access, match!.params, subject) && pattern !== '/404' ? 200 : 404;
          if (status === 200 && PAGE_DECIDES[pattern]) status = PAGE_DECIDES[pattern](viewer.login);
        }
        expected.push(`${login ?? 'anonymous'} ${path} ${status}`);
        const response = await get(server.url, path, login ? cookies[login] : undefined);
        await response.arrayBuffer();
        answers.push(`${login ?? 'anonymous'} ${path} ${response.status}`);
      }
    }
    expect(answers).toEqual(expected);
    // The walk saw every kind of answer: allowed, denied, sign-in needed.
    for (const status of [' 200', ' 404', ' 303', ' 401']) expect(answers.some((a) => a.endsWith(status)), status).toBe(true);
  });

  it('answers 404 to a signed-in person for a path no row matches, and sends a signed-out one to sign in', async () => {
    for (const path of ['/nothing-here', '/team/trainee2/unknown', '/admin', '/docs/lead-handling/sheet/extra']) {
      expect((await get(server.url, path, cookies.head)).status, path).toBe(404);
      expect((await get(server.url, path)).status, path).toBe(303);
    }
  });

  it('gives mentors the effectiveness of their trainees’ training, and heads alone the department’s figures', async () => {
    const access = (pattern: string) => ROUTES.find((r) => r.pattern === pattern)?.access;
    expect(access('/team/analytics')).toEqual({ kind: 'allowed', action: 'team.analytics' });
    expect(access('/team/coverage')).toEqual({ kind: 'allowed', action: 'team.coverage' });
    const reach = async (path: string) => Promise.all(VIEWERS.map(async (login) => `${login} ${(await get(server.url, path, cookies[login])).status}`));
    expect(await reach('/team/analytics/')).toEqual(['trainee1 404', 'mentor1 200', 'mentor2 200', 'head 200']);
    expect(await reach('/team/coverage/')).toEqual(['trainee1 404', 'mentor1 404', 'mentor2 404', 'head 200']);
  });

  it('shows a mentor the training of their own trainees, without the sales before and after the courses', async () => {
    // The demo's history, so that there are sales figures before and after completed courses.
    const history = await startServer({ demo: true, env: { SALESBOOK_DEMO_HISTORY: '1' } });
    const page = async (login: string) => (await get(history.url, '/team/analytics/', await signIn(history.url, login, 'demo'))).text();
    const [head, mentor] = [await page('head'), await page('mentor1')];
    expect(head).toContain('data-testid="team-before-after"');
    expect(head).toContain('Елена Кузнецова');
    expect(mentor).toContain('data-testid="by-cohort"');
    expect(mentor).toContain('data-testid="course-stats"');
    expect(mentor).toContain('Дмитрий Орлов');
    expect(mentor).not.toContain('Елена Кузнецова');
    expect(mentor).not.toContain('data-testid="team-before-after"');
    expect(mentor).not.toContain('id="ba-title"');
    expect(mentor).not.toContain('href="/team/coverage/"');
    await history.stop();
  });

  it('treats a person who does not exist as one the viewer may not see', async () => {
    const missing = await get(server.url, '/team/nobody/', cookies.trainee1);
    const hidden = await get(server.url, '/team/trainee2/', cookies.trainee1);
    expect(missing.status).toBe(404);
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).toBe(await missing.text());
  });
});
