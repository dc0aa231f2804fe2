import * as client from 'openid-client';
import type { OidcSettings } from '../config';
import type { Claims } from '../../domain/sso';
import * as clock from '../clock';

// Signing in with the company's account: the authorization code flow with PKCE, state and nonce, by
// openid-client (an OpenID-certified relying party). What the flow must remember between leaving for
// the provider and coming back stays in the server-side session, never in the browser. The ID token's
// times are judged by the machine's own clock, as the provider's are: they are about two servers
// agreeing, not about Salesbook's "today", which a demo or a test may set elsewhere.

/** How long a started sign-in waits for the person to come back from the provider. */
export const PENDING_MS = 10 * 60_000;
/** How long Salesbook waits for the provider before telling the person it does not answer. */
const TIMEOUT_SECONDS = 10;

/** What a started sign-in keeps in the session until the provider sends the person back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  /** Where to go after signing in: a path of this site (safeNext). */
  next: string;
  /** When it started, on Salesbook's clock (ms). */
  startedAt: number;
}

/** Why a sign-in with the company's account failed before Salesbook's own rules were asked. */
export type FlowProblem =
  /** The provider did not answer, or answered with a server error. */
  | 'down'
  /** The ID token is not yet valid or no longer valid: the clocks of the two servers disagree, or it is too old. */
  | 'clock'
  /** The person refused (error=access_denied). */
  | 'denied'
  /** Nothing started in this session, it is too old, or the answer's state does not match: start again. */
  | 'expired'
  /** The provider refused the code (used already, expired) or the ID token failed a check (nonce, audience). */
  | 'refused';

export class FlowError extends Error {
  constructor(
    readonly problem: FlowProblem,
    readonly detail: string,
  ) {
    super(`${problem}: ${detail}`);
  }
}

const KEY = Symbol.for('salesbook.oidc');
type Holder = { [KEY]?: { client: string; config: Promise<client.Configuration> } };

/**
 * The provider's configuration, discovered from its issuer once per process (per issuer and client). A
 * failed discovery is not kept, so the next sign-in asks again once the provider is back.
 */
export function providerConfig(settings: OidcSettings): Promise<client.Configuration> {
  const holder = globalThis as Holder;
  const held = holder[KEY];
  const key = JSON.stringify([settings.issuer.href, settings.clientId, settings.clientSecret ?? null]);
  if (held && held.client === key) return held.config;
  const auth = settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None();
  // Plain http is accepted only for an issuer on this machine (config.ts refuses it elsewhere).
  const execute = settings.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
  const config = client.discovery(settings.issuer, settings.clientId, undefined, auth, { execute, timeout: TIMEOUT_SECONDS }).catch((error: unknown) => {
    if (holder[KEY]?.config === config) delete holder[KEY];
    throw new FlowError('down', describe(error));
  });
  holder[KEY] = { client: key, config };
  return config;
}

/** Starts a sign-in: the provider's address to send the person to, and what to keep in their session. */
export async function startSignIn(settings: OidcSettings, next: string, now = clock.nowMs()): Promise<{ url: URL; pending: PendingSignIn }> {
  const config = await providerConfig(settings);
  const pending: PendingSignIn = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), next, startedAt: now };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUri,
    scope: ['openid', 'email', 'profile', ...settings.scopes].join(' '),
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  });
  return { url, pending };
}

/** What a finished sign-in gives: the person at the provider, and the ID token for signing out there. */
export interface FinishedSignIn {
  issuer: string;
  subject: string;
  claims: Claims;
  idToken: string;
}

/**
 * Finishes a sign-in from the address the provider sent the person back to: checks the state, trades
 * the code (with the PKCE verifier) for tokens, and validates the ID token (signature, issuer, audience,
 * nonce, times). Throws a FlowError saying what went wrong.
 */
export async function finishSignIn(settings: OidcSettings, callback: URL, pending: PendingSignIn | undefined, now = clock.nowMs()): Promise<FinishedSignIn> {
  const error = callback.searchParams.get('error');
  if (error === 'access_denied') throw new FlowError('denied', callback.searchParams.get('error_description') ?? error);
  if (!pending || now - pending.startedAt > PENDING_MS || now < pending.startedAt) throw new FlowError('expired', 'no sign-in was started in this session, or it is too old');
  // Checked here as well as by the library, so a tampered answer never reaches the provider's token endpoint.
  if (callback.searchParams.get('state') !== pending.state) throw new FlowError('expired', 'the state does not match');
  const config = await providerConfig(settings);
  // The address the provider sent the person to, as the provider knows it (a proxy may have changed the host).
  const current = new URL(settings.redirectUri);
  current.search = callback.search;
  try {
    const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new FlowError('refused', 'the provider sent no ID token');
    return { issuer: claims.iss, subject: claims.sub, claims, idToken: tokens.id_token };
  } catch (caught) {
    throw asFlowError(caught);
  }
}

/** The provider's sign-out address for a person signed in with `idToken`, when the provider has one. */
export async function providerSignOutUrl(settings: OidcSettings, idToken: string): Promise<string | undefined> {
  try {
    const config = await providerConfig(settings);
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: settings.postLogoutRedirectUri, client_id: settings.clientId }).href;
  } catch {
    // Salesbook's own sign-out has happened; the provider's is only offered when it can be.
    return undefined;
  }
}

/** Sorts what openid-client threw into what the person is told. */
export function asFlowError(error: unknown): FlowError {
  if (error instanceof FlowError) return error;
  if (error instanceof client.AuthorizationResponseError) {
    return new FlowError(error.error === 'access_denied' ? 'denied' : 'refused', `${error.error}: ${error.error_description ?? ''}`);
  }
  if (error instanceof client.ResponseBodyError) return new FlowError(error.status >= 500 ? 'down' : 'refused', `${error.error} (${error.status})`);
  const code = (error as { code?: unknown }).code;
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return new FlowError('clock', describe(error));
  if (error instanceof client.ClientError || typeof code === 'string') {
    // A response that is not an OAuth one at all (an HTML error page, a 502 from a proxy) means the provider is not working.
    if (code === 'OAUTH_RESPONSE_IS_NOT_JSON' || code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') return new FlowError('down', describe(error));
    return new FlowError('refused', describe(error));
  }
  // fetch failed: refused connection, unknown host, time-out.
  return new FlowError('down', describe(error));
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`.slice(0, 300);
}
