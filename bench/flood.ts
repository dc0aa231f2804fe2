// A signed-in person's My path while strangers flood the sign-in form: 16 clients, each sending a
// made-up login every 0.84 s whatever the answers (19 sign-ins a second in all, the rate that once slowed My path
// from 8 ms to 2.3 s), each attempt from an address of its own through a trusted proxy, so that only
// the bound on hashing holds them back, not the per-address throttle. Against 127.0.0.1 only.
import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { percentile } from './measure';
import { signIn, startServer } from './server';

export interface FloodFigures {
  durationS: number;
  /** Sign-in attempts sent, and what they were answered. */
  attempts: number;
  answers: Record<string, number>;
  /** My path for one signed-in person, one request at a time: first without the flood, then during it. */
  quiet: { requests: number; p50Ms: number; p99Ms: number };
  flood: { requests: number; p50Ms: number; p99Ms: number };
}

const CLIENTS = 16;
const EVERY_MS = 840;

/** Serves the build with fresh demo data behind a "trusted proxy" and measures My path without and with the flood. */
export async function measureSignInFlood(dist: string, content: string, port: number, seconds: number): Promise<FloodFigures> {
  const server = await startServer(dist, content, port, undefined, { extraEnv: { SALESBOOK_TRUST_PROXY: '1' } });
  const agent = new Agent({ keepAlive: true });
  try {
    const cookie = await signIn(server.url, 'trainee1');
    const send = (method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method, path, agent, headers, timeout: 30_000 }, (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
        req.on('error', reject);
        req.end(body);
      });
    const myPath = async (until: number) => {
      const times: number[] = [];
      while (performance.now() < until) {
        const sent = performance.now();
        const status = await send('GET', '/', { cookie, 'accept-encoding': 'br, gzip' });
        if (status !== 200) throw new Error(`My path answered ${status} during the sign-in flood benchmark.`);
        times.push(performance.now() - sent);
      }
      return { requests: times.length, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) };
    };

    const quiet = await myPath(performance.now() + seconds * 1000);

    const answers: Record<string, number> = {};
    let attempts = 0;
    const deadline = performance.now() + seconds * 1000;
    // Each client sends on its own beat without waiting for answers, as a script would.
    const client = async (index: number) => {
      const pending: Promise<void>[] = [];
      for (let n = 0; performance.now() < deadline; n++) {
        const body = new URLSearchParams({ login: `made-up-${index}-${n}`, password: `guess-${n}` }).toString();
        const headers = {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(Buffer.byteLength(body)),
          origin: server.url,
          'x-forwarded-for': `10.${index}.${(n >> 8) & 255}.${n & 255}`,
        };
        attempts++;
        pending.push(
          send('POST', '/_actions/login', headers, body)
            .catch(() => 0)
            .then((status) => void (answers[String(status || 'error')] = (answers[String(status || 'error')] ?? 0) + 1)),
        );
        await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
      }
      await Promise.all(pending);
    };
    const [flood] = await Promise.all([myPath(deadline), ...Array.from({ length: CLIENTS }, (_, i) => client(i))]);
    return { durationS: seconds, attempts, answers, quiet, flood: flood! };
  } finally {
    agent.destroy();
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}
