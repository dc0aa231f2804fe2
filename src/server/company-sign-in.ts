import { allRoles } from '../content';
import type { OidcSettings } from './config';
import { services } from './services';
import { FlowError, finishSignIn, type PendingSignIn } from './http/oidc';
import { signInWithProvider, type SsoRefusal } from './records/identities';
import type { PublicUser } from './store/data';

/** What the sign-in page tells a person whose sign-in with the company's account failed (`/login?sso=…`). */
export type CompanySignInProblem = FlowError['problem'] | SsoRefusal | 'busy';

export const COMPANY_SIGN_IN_PROBLEMS: readonly CompanySignInProblem[] = ['down', 'clock', 'denied', 'expired', 'refused', 'unknown', 'linked-elsewhere', 'disabled', 'busy'];

/**
 * Finishes a sign-in with the company's account: the provider's answer checked, then Salesbook's own
 * rules (who the person is, whether they may come in). A refusal is audited like a failed password and
 * changes nothing else.
 */
export async function completeCompanySignIn(
  settings: OidcSettings,
  callback: URL,
  pending: PendingSignIn | undefined,
  address: string,
): Promise<{ ok: true; user: PublicUser; idToken: string; next: string } | { ok: false; problem: CompanySignInProblem }> {
  const { store } = await services();
  let finished;
  try {
    finished = await finishSignIn(settings, callback, pending);
  } catch (error) {
    if (!(error instanceof FlowError)) throw error;
    await store.record({ actor: 'anonymous', action: 'auth.signInFailed', subject: 'login:unknown', details: { method: 'oidc', reason: error.problem, detail: error.detail, address } });
    return { ok: false, problem: error.problem };
  }
  const positions = new Set((await allRoles()).map((role) => role.id));
  const outcome = await signInWithProvider(store, finished, settings, positions);
  if (!outcome.ok) {
    await store.record({
      actor: 'anonymous',
      action: 'auth.signInFailed',
      subject: outcome.userId ? `user:${outcome.userId}` : 'login:unknown',
      details: { method: 'oidc', reason: outcome.reason, issuer: finished.issuer, subject: finished.subject, address },
    });
    return { ok: false, problem: outcome.reason };
  }
  return { ok: true, user: outcome.user, idToken: finished.idToken, next: pending?.next ?? '/' };
}
