import type { APIContext } from 'astro';
import { defineMiddleware } from 'astro:middleware';
import { siteLocale } from './content';
import { translator } from './i18n';
import { installPageCache, SESSION_COOKIE, sessionIdOf, type RenderTicket } from './server/http/page-cache';
import { canonicalPath, isPageNavigation, PASSWORD_CHANGE_PATHS, PUBLIC_PATHS } from './domain/paths';
import { services } from './server/services';
import { personById } from './server/records/users';

// Open the data store as the server starts, so a locked, missing or broken data file stops it at once.
const ready = await services().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

const pages = installPageCache({ generation: () => ready.store.generation });

/** Behind https (directly, or through a proxy trusted with SALESBOOK_TRUST_PROXY=1) the session cookie is Secure. */
function markSessionCookieSecure(context: APIContext) {
  const forwarded = process.env.SALESBOOK_TRUST_PROXY === '1' && context.request.headers.get('x-forwarded-proto') === 'https';
  if (context.url.protocol !== 'https:' && !forwarded) return;
  const value = context.cookies.get(SESSION_COOKIE)?.value;
  const setNow = value !== undefined && context.request.headers.get('cookie')?.includes(`${SESSION_COOKIE}=${value}`) !== true;
  if (setNow) context.cookies.set(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: true });
}

/** Who is asking (locals.user), in which language (locals.i18n); anything not public needs a session. */
export const onRequest = defineMiddleware(async (context, next) => {
  context.locals.i18n = translator(await siteLocale());
  const path = canonicalPath(context.url.pathname);
  if (path === null) return new Response('Bad request', { status: 400 });

  const userId = await context.session?.get('userId');
  let user = userId ? await personById(ready.store, userId) : undefined;
  if (user?.disabled) {
    context.session?.destroy();
    user = undefined;
  }
  context.locals.user = user;

  if (!user) {
    if (PUBLIC_PATHS.has(path)) {
      const response = await next();
      markSessionCookieSecure(context);
      return response;
    }
    if (isPageNavigation(context.request.method, path)) {
      return context.redirect(`/login?next=${encodeURIComponent(context.url.pathname + context.url.search)}`, 303);
    }
    return new Response('Sign-in required', { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  if (path === '/login') return context.redirect('/', 303);
  if (user.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(path)) {
    if (isPageNavigation(context.request.method, path)) return context.redirect('/account/password', 303);
    return new Response('Password change required', { status: 403 });
  }
  const ticket = pages.ticket();
  const response = await next();
  markSessionCookieSecure(context);
  // Pages carry personal data: never cache them in shared caches.
  try {
    if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');
  } catch {
    // Some responses (redirects) have immutable headers; they carry no page content.
  }
  return keepForSession(context, ticket, response);
});

/** Keeps a page that asked for it (locals.cacheForSession) for this session's next visit; see page-cache.ts. */
async function keepForSession(context: APIContext, ticket: RenderTicket, response: Response): Promise<Response> {
  if (context.locals.cacheForSession !== true) return response;
  // The id as the fast path will read it: refused when the request carries two session cookies.
  const sessionId = sessionIdOf(context.request.headers.get('cookie') ?? undefined);
  const keep =
    context.request.method === 'GET' &&
    context.url.search === '' &&
    response.status === 200 &&
    sessionId !== undefined &&
    sessionId === context.cookies.get(SESSION_COOKIE)?.value &&
    // A page that sets a cookie is answering this request only.
    !response.headers.has('set-cookie') &&
    [...context.cookies.headers()].length === 0 &&
    response.headers.get('content-type')?.startsWith('text/html') === true;
  if (!keep) return response;
  const body = Buffer.from(await response.arrayBuffer());
  const headers = Object.fromEntries(response.headers);
  pages.put(sessionId, context.request.headers.get('host') ?? '', context.url.pathname, ticket, { status: 200, headers, body });
  return new Response(body, { status: 200, headers });
}
