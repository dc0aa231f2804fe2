// Headers every answer carries, whoever makes it (Astro, or the precompressed assets before it): no
// site may frame the portal, no type is guessed, the address a link came from stays on the portal, and
// a browser that reached it over https keeps to https. Each page's Content-Security-Policy is Astro's
// (astro.config.ts), with the hashes of what that page holds.

/** Whether the request came over https: directly, or through a proxy trusted with SALESBOOK_TRUST_PROXY=1. */
export function overHttps(request, tls) {
  return tls || (process.env.SALESBOOK_TRUST_PROXY === '1' && request.headers['x-forwarded-proto'] === 'https');
}

/**
 * What a proxy says about the request (X-Forwarded-Proto, -Host, -Port, -For) counts only behind a proxy
 * trusted with SALESBOOK_TRUST_PROXY=1: otherwise anyone could claim another address or https, so the
 * headers are removed before Astro reads the request. Astro takes them as they come
 * (security.allowedDomains in astro.config.ts), so that behind a trusted https proxy the portal knows
 * its https address and a browser's https origin passes the origin check.
 */
export function dropUntrustedForwarding(request) {
  if (process.env.SALESBOOK_TRUST_PROXY === '1') return;
  for (const name of ['x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-for']) delete request.headers[name];
}

/**
 * Over https the session cookie is `__Host-salesbook_session` (src/middleware.ts sets it so). Astro's
 * session knows it by its plain name, so it is handed over under that name; a cookie sent under the
 * plain name, which any host of the company's domain could have set, counts for nothing over https.
 */
export function readHostSessionCookie(request, tls) {
  const header = request.headers.cookie;
  if (!header || !overHttps(request, tls)) return;
  const pairs = header.split(';').map((pair) => pair.trim()).filter((pair) => pair && !pair.startsWith('salesbook_session='));
  request.headers.cookie = pairs.map((pair) => (pair.startsWith('__Host-salesbook_session=') ? pair.slice('__Host-'.length) : pair)).join('; ');
}

export function browserHeaders(tls) {
  return function setBrowserHeaders(request, response) {
    response.setHeader('x-frame-options', 'DENY');
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'same-origin');
    // A year, for this host only: other hosts of the company's domain may still be served over http.
    if (overHttps(request, tls)) response.setHeader('strict-transport-security', 'max-age=31536000');
  };
}
