// Headers every answer carries, whoever makes it (Astro, or the precompressed assets before it): no
// site may frame the portal, no type is guessed, the address a link came from stays on the portal, and
// a browser that reached it over https keeps to https. Each page's Content-Security-Policy is Astro's
// (astro.config.ts), with the hashes of what that page holds.

/** Whether the request came over https: directly, or through a proxy trusted with SALESBOOK_TRUST_PROXY=1. */
export function overHttps(request, tls) {
  return tls || (process.env.SALESBOOK_TRUST_PROXY === '1' && request.headers['x-forwarded-proto'] === 'https');
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
