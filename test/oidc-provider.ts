// A real OpenID Connect provider for the tests: oidc-provider (an OpenID-certified OP) on 127.0.0.1,
// with its own small sign-in page (an account name, "Sign in" or "Deny") and nothing mocked. The
// integration tests drive it over HTTP, the end-to-end tests in Chromium.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

/** A person at the provider: their subject and the claims it gives. */
export interface ProviderAccount {
  sub: string;
  preferred_username?: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export const CLIENT_ID = 'salesbook';
export const CLIENT_SECRET = 'a-test-client-secret-of-some-length';

export interface RunningProvider {
  issuer: string;
  port: number;
  /** Accounts by subject; tests may add and change them while it runs. */
  accounts: Map<string, ProviderAccount>;
  /** How many times its discovery document was read. */
  discoveries(): number;
  /** The Salesbook settings that use this provider, for a server's environment. */
  env(portalUrl: string): Record<string, string>;
  stop(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

/** Starts a provider on `port` (127.0.0.1) for the Salesbook servers at `portalUrls`. */
export async function startProvider(port: number, portalUrls: string[], accounts: ProviderAccount[]): Promise<RunningProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const byId = new Map(accounts.map((a) => [a.sub, a]));
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const key = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: portalUrls.map((url) => `${url}/login/oidc/callback`),
        post_logout_redirect_uris: portalUrls.map((url) => `${url}/login`),
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [key] },
    cookies: { keys: ['a-test-cookie-key-for-the-provider'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    // Claims in the ID token itself, as Keycloak and Entra ID send them, not only from the userinfo endpoint.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => {
      const account = byId.get(id);
      return account && { accountId: id, claims: () => ({ ...account }) };
    },
    // Salesbook is the company's own application: no consent screen, every asked scope is granted.
    loadExistingGrant: async (ctx) => {
      const existing = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (existing) {
        const found = await ctx.oidc.provider.Grant.find(existing);
        if (found) return found;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();

  const page = (res: ServerResponse, uid: string, problem = '') => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>Company sign-in</title></head><body><main><h1>Company sign-in</h1>${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}"><label>Account <input name="account" autocomplete="off"></label>
<button name="action" value="login">Sign in at the company</button> <button name="action" value="deny">Deny</button></form></main></body></html>`);
  };

  const interaction = async (req: IncomingMessage, res: ServerResponse) => {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') return page(res, details.uid);
    const form = await readForm(req);
    if (form.get('action') === 'deny') {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The person refused.' }, { mergeWithLastSubmission: false });
    }
    const account = form.get('account') ?? '';
    if (!byId.has(account)) return page(res, details.uid, `No account ${account}`);
    return provider.interactionFinished(req, res, { login: { accountId: account } }, { mergeWithLastSubmission: false });
  };

  let discoveries = 0;
  const server: Server = createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration') discoveries++;
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((error: Error) => {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(error.message);
      });
      return;
    }
    void callback(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    port,
    accounts: byId,
    discoveries: () => discoveries,
    env: (portal) => ({
      SALESBOOK_PUBLIC_URL: portal,
      SALESBOOK_OIDC_ISSUER: issuer,
      SALESBOOK_OIDC_CLIENT_ID: CLIENT_ID,
      SALESBOOK_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      SALESBOOK_OIDC_NAME: 'Acme ID',
      SALESBOOK_OIDC_SCOPES: 'groups',
    }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
