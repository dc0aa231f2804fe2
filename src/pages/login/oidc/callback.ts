import type { APIRoute } from 'astro';
import { oidcSettings, trustsProxy } from '../../../server/config';
import { clientAddressOf } from '../../../server/http/client-address';
import { completeCompanySignIn } from '../../../server/company-sign-in';

/** Back from the company's provider: checked, then signed in, or sent to the sign-in page with the reason. */
export const GET: APIRoute = async (context) => {
  const settings = oidcSettings();
  if (!settings) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const pending = await context.session?.get('oidcPending');
  // One try per start: a replayed or tampered answer finds nothing to finish.
  context.session?.delete('oidcPending');
  const address = clientAddressOf(context.request.headers, context.clientAddress, trustsProxy());
  const result = await completeCompanySignIn(settings, context.url, pending, address);
  if (!result.ok) return context.redirect(`/login?sso=${result.problem}`, 303);
  await context.session?.regenerate();
  context.session?.set('userId', result.user.id);
  context.session?.set('generation', result.user.sessionGeneration ?? 0);
  context.session?.set('oidcIdToken', result.idToken);
  return context.redirect(result.next, 303);
};
