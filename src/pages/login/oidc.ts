import type { APIRoute } from 'astro';
import { safeNext } from '../../domain/paths';
import { FlowError, startSignIn } from '../../server/http/oidc';
import { clientAddressOf } from '../../server/http/client-address';
import { oidcSettings, trustsProxy } from '../../server/config';
import { services } from '../../server/services';

/** Off to the company's provider: the state, nonce and PKCE verifier stay in this session. */
export const GET: APIRoute = async (context) => {
  const settings = oidcSettings();
  if (!settings) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  // Each start keeps a session: one address starts a burst of them, then one a second.
  const address = clientAddressOf(context.request.headers, context.clientAddress, trustsProxy());
  if ((await services()).throttle.admitStart(address)) return context.redirect('/login?sso=busy', 303);
  try {
    const { url, pending } = await startSignIn(settings, safeNext(context.url.searchParams.get('next')));
    context.session?.set('oidcPending', pending);
    return context.redirect(url.href, 303);
  } catch (error) {
    if (!(error instanceof FlowError)) throw error;
    console.error(`Salesbook: the sign-in provider ${settings.issuer.href} cannot be reached: ${error.detail}`);
    return context.redirect('/login?sso=down', 303);
  }
};
