import type { APIContext, MiddlewareNext } from 'astro';
import { defineMiddleware } from 'astro:middleware';
import { siteLocale } from './content';
import { translator } from './i18n';
import { canonicalPath, isPageNavigation } from './domain/paths';
import { matchRoute, mayReach, SMALL_BODY_BYTES } from './domain/routes';
import { SESSION_COOKIE, trustsProxy } from './server/config';
import { services } from './server/services';
import { documentsToConfirm } from './server/views/my-path';
import { waitingForMe } from './server/views/skills';
import { personById, personByLogin } from './server/records/users';
import { unreadCount } from './server/records/notifications';
import { runAction } from './actions/answers';

// Open the data store as the server starts, so a locked, missing or broken data file stops it at once.
const ready = await services().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

/**
 * Over https the session cookie is `__Host-salesbook_session`: Secure, path /, no Domain, so no other host
 * of the company's domain and nothing sent over http can set or replace it. Astro's session knows the
 * cookie by its plain name (the same build also serves plain http on a LAN): scripts/serve.mjs hands
 * the cookie over under that name on the way in, and it is renamed here on the way out.
 */
const HOST_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/** Reached over https: directly, or through a proxy trusted with SALESBOOK_TRUST_PROXY=1. */
function overHttps(context: APIContext): boolean {
  const forwarded = trustsProxy() && context.request.headers.get('x-forwarded-proto') === 'https';
  return context.url.protocol === 'https:' || forwarded;
}

/** When this answer sets or removes the session cookie, over https it does so under the __Host- name. */
function writeHostSessionCookie(context: APIContext) {
  const sent = context.request.headers.get('cookie')?.split(';').map((pair) => pair.trim()).find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
  const value = context.cookies.get(SESSION_COOKIE)?.value;
  const options = { path: '/', httpOnly: true, sameSite: 'lax', secure: true } as const;
  if (value !== undefined && sent !== `${SESSION_COOKIE}=${value}`) context.cookies.set(HOST_SESSION_COOKIE, value, options);
  else if (value === undefined && sent !== undefined) context.cookies.delete(HOST_SESSION_COOKIE, options);
  else return;
  // What Astro queued under the plain name becomes its removal, so no plain cookie lingers beside it.
  context.cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** Who is asking (locals.user), in which language (locals.i18n); anything not public needs a session. */
export const onRequest = defineMiddleware(async (context, next) => {
  const https = overHttps(context);
  const response = await answer(context, next);
  if (https) writeHostSessionCookie(context);
  return withCharset(response);
});

async function answer(context: APIContext, next: MiddlewareNext): Promise<Response> {
  context.locals.i18n = translator(await siteLocale());
  const path = canonicalPath(context.url.pathname);
  // Astro's URL has lost the line breaks and tabs the request's own address still holds (encoded):
  // a path with one is refused before anything could print it.
  if (path === null || canonicalPath(new URL(context.request.url).pathname) === null) return new Response('Bad request', { status: 400 });
  // Every route's access is in one table (src/domain/routes.ts); a path it does not know is not found.
  const matched = matchRoute(path);
  const tooLarge = bodyRefusal(context.request, matched?.route.maxBody ?? SMALL_BODY_BYTES);
  if (tooLarge) return tooLarge;

  const userId = await context.session?.get('userId');
  let user = userId ? await personById(ready.store, userId) : undefined;
  // A session signed in before the person's sessions were ended (a new password, disabling, signing out everywhere) is over.
  const generation = user ? ((await context.session?.get('generation')) ?? 0) : 0;
  if (user?.disabled || (user && generation !== (user.sessionGeneration ?? 0))) {
    context.session?.destroy();
    user = undefined;
  }
  context.locals.user = user;

  const access = matched?.route.access;
  if (!user) {
    if (access?.kind === 'public') {
      return (await runAction(context)) ?? (await next());
    }
    if (isPageNavigation(context.request.method, path)) {
      return context.redirect(`/login?next=${encodeURIComponent(context.url.pathname + context.url.search)}`, 303);
    }
    return new Response('Sign-in required', { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  if (path === '/login' || path.startsWith('/login/')) return context.redirect('/', 303);
  if (user.mustChangePassword && access?.kind !== 'password-change' && access?.kind !== 'public') {
    if (isPageNavigation(context.request.method, path)) return context.redirect('/account/password', 303);
    return new Response('Password change required', { status: 403 });
  }
  if (!matched) return notFound(context, path);
  // The person a /team/[login]/… route is about, for the check and then for the page.
  const subject = matched.route.access.kind === 'person' ? await personByLogin(ready.store, matched.params.login ?? '') : undefined;
  // Denied looks exactly like not there: the same 404 as a page or person that does not exist.
  if (!mayReach(user, matched.route.access, matched.params, subject)) return notFound(context, path);
  context.locals.subject = subject;
  if (!user.mustChangePassword && isPageNavigation(context.request.method, path)) {
    context.locals.documentsToConfirm = (await documentsToConfirm(ready.store, user)).length;
    context.locals.waitingForMe = await waitingForMe(ready.store, user);
    context.locals.unreadNotifications = await unreadCount(ready.store, user.id);
  }
  const response = (await runAction(context)) ?? (await next());
  // Pages carry personal data: never cache them in shared caches.
  try {
    if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');
  } catch {
    // Some responses (redirects) have immutable headers; they carry no page content.
  }
  return response;
}

/** Astro sends pages as text/html without a charset; say it, so no browser guesses another. */
function withCharset(response: Response): Response {
  if (response.headers.get('content-type') !== 'text/html') return response;
  try {
    response.headers.set('content-type', 'text/html; charset=utf-8');
  } catch {
    // Immutable headers: nothing of ours to mark.
  }
  return response;
}

/**
 * A request body is refused before anything reads it when it says it is larger than its route takes;
 * one that does not say (sent in chunks) is refused too: browsers always say, and Node reads no more
 * of a body than it said.
 */
function bodyRefusal(request: Request, limit: number): Response | undefined {
  const plain = (text: string, status: number) => new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const length = request.headers.get('content-length');
  if (length === null) return request.headers.has('transfer-encoding') ? plain('Length required', 411) : undefined;
  return Number(length) > limit ? plain('Request too large', 413) : undefined;
}

/** The 404 page for a person opening a page; a plain 404 for anything else. */
function notFound(context: APIContext, path: string): Response | Promise<Response> {
  if (isPageNavigation(context.request.method, path)) return context.rewrite('/404');
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });
}
