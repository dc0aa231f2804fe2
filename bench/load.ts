// Requests per second and latency of a signed-in page, with autocannon, against 127.0.0.1 only.
import autocannon from 'autocannon';

export interface LoadFigures {
  target: string;
  path: string;
  connections: number;
  durationS: number;
  requestsPerS: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export async function loadTest(url: string, target: string, path: string, options: { connections: number; durationS: number; cookie: string }): Promise<LoadFigures> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`The benchmark sends traffic to 127.0.0.1 only, not to ${url}.`);
  const result = await autocannon({
    url: `${url}${path}`,
    connections: options.connections,
    duration: options.durationS,
    headers: options.cookie ? { cookie: options.cookie, 'accept-encoding': 'identity' } : { 'accept-encoding': 'identity' },
    // A hard stop in case the server stalls: the run never outlives its duration by much.
    timeout: 10,
  });
  return {
    target,
    path,
    connections: options.connections,
    durationS: options.durationS,
    requestsPerS: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
