// The benchmark's figures as markdown tables, and the targets they are judged against.
import type { BenchResult } from './run';

export interface Target {
  target: string;
  measured: string;
  met: boolean | null;
}

const f = (value: number | undefined, digits = 1) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits));
const kib = (bytes: number) => (bytes / 1024).toFixed(1);

/** Each target of the benchmark issue, with what this run measured; null where it could not be judged. */
export function targetsOf(result: BenchResult): Target[] {
  const page = (name: string) => result.pages.find((p) => p.page === name);
  const plain = page('document');
  const confirm = page('document with confirm button');
  const rps = (target: string, connections: number) => result.serving.find((s) => s.target === target && s.connections === connections)?.requestsPerS;
  const static32 = rps('static asset', 32);
  const mix = result.mix;
  const mixDoc = mix?.byPage.find((p) => p.page === 'document');
  const store100 = result.store.find((s) => s.people === 100);
  const store1000 = result.store.find((s) => s.people === 1000);
  const build1000 = result.build.find((b) => b.documents === 1000);
  const starlight = 'wallS' in result.starlight ? result.starlight : undefined;
  const targets: Target[] = [
    { target: 'Document without islands: 0 bytes of JavaScript', measured: plain ? `${plain.jsBytes} B` : '—', met: plain ? plain.jsBytes === 0 : null },
    { target: 'Document with the confirm button: ≤ 12 KB gzip of JavaScript', measured: confirm ? `${kib(confirm.jsGzip)} KB gzip` : '—', met: confirm ? confirm.jsGzip <= 12 * 1024 : null },
    {
      target: `Pages in use (${mix?.people ?? 50} signed-in people, documents, My path, lessons, team page; 32 connections): ≥ ½ the requests/s of a static asset`,
      measured:
        mix && static32
          ? `${f(mix.requestsPerS, 0)} vs ${f(static32, 0)} req/s (${f(mix.requestsPerS / static32, 2)}×); a document p50 ${f(mixDoc?.p50Ms)} ms, p99 ${f(mixDoc?.p99Ms)} ms`
          : '—',
      met: mix && static32 ? mix.requestsPerS >= static32 / 2 && mix.errors === 0 && mix.byPage.every((p) => p.non200 === 0) : null,
    },
    { target: 'Confirmation with 100 people: p99 < 20 ms', measured: store100 ? `${f(store100.confirmP99Ms)} ms` : '—', met: store100 ? store100.confirmP99Ms < 20 : null },
    {
      target: '1000 documents build no slower than Starlight',
      measured: build1000 && starlight ? `${f(build1000.wallS)} s vs ${f(starlight.wallS)} s (${f(build1000.wallS / starlight.wallS, 2)}×)` : build1000 ? `${f(build1000.wallS)} s; Starlight not run (--vs-starlight)` : '—',
      met: build1000 && starlight ? build1000.wallS <= starlight.wallS : null,
    },
  ];
  const flood = result.flood;
  targets.push({
    target: 'My path p99 during a sign-in flood (16 clients, 19 made-up sign-ins/s from many addresses): ≤ 2× My path p99 without it, same run',
    measured: flood ? `${f(flood.flood.p99Ms)} ms vs ${f(flood.quiet.p99Ms)} ms; sign-ins answered ${Object.entries(flood.answers).map(([status, n]) => `${status}×${n}`).join(', ')}` : '—',
    met: flood ? flood.flood.p99Ms <= 2 * flood.quiet.p99Ms : null,
  });
  if (store1000) {
    targets.push({
      target: 'Confirmation with 1000 people: p99 ≤ 100 ms, else move to PostgreSQL at this size',
      measured: `${f(store1000.confirmP99Ms)} ms`,
      met: store1000.confirmP99Ms <= 100,
    });
  }
  return targets;
}

const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

export function markdownReport(result: BenchResult): string {
  const parts: string[] = [];
  parts.push(`## Salesbook benchmark (${result.mode} run)\n`);
  parts.push(`${result.date.slice(0, 10)} · Node ${result.node} · ${result.cpus} CPUs (${result.cpuModel}) · ${result.memoryGb} GB\n`);

  parts.push('### Targets\n');
  parts.push(table(['target', 'measured', 'met'], targetsOf(result).map((t) => [t.target, t.measured, t.met === null ? 'not measured' : t.met ? 'yes' : '**no**'])));

  parts.push('\n### Build (`npm run build`, search index included when the build makes one)\n');
  const rows = result.build.map((b) => [b.documents, b.pages, b.words.toLocaleString('en'), f(b.wallS), f(b.peakMemoryMb, 0), f(b.pagesPerS), f(b.outputMb)]);
  if ('wallS' in result.starlight) {
    const s = result.starlight;
    rows.push([`${s.documents} (Starlight ${s.starlight}, Astro ${s.astro})`, s.documents, '', f(s.wallS), f(s.peakMemoryMb, 0), f(s.pagesPerS), f(s.outputMb)]);
  }
  parts.push(table(['documents', 'pages', 'words', 'wall s', 'peak memory MB', 'pages/s', 'output MB'], rows));
  if ('status' in result.starlight && result.starlight.status === 'failed') parts.push(`\nStarlight failed: ${result.starlight.error.split('\n')[0]}`);

  parts.push(`\n### Page weight (${result.build.at(-1)?.documents ?? ''} documents, signed in, in Chromium)\n`);
  parts.push(
    table(
      ['page', 'HTML KB', 'HTML gzip KB', 'JS KB', 'JS gzip KB', 'JS files', 'CSS KB', 'CSS gzip KB', 'islands'],
      result.pages.map((p) => [p.page, kib(p.htmlBytes), kib(p.htmlGzip), kib(p.jsBytes), kib(p.jsGzip), p.jsFiles, kib(p.cssBytes), kib(p.cssGzip), p.islands]),
    ),
  );

  parts.push('\n### Serving (signed in, 127.0.0.1, autocannon)\n');
  parts.push(
    table(
      ['target', 'connections', 'seconds', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
      result.serving.map((s) => [s.target, s.connections, s.durationS, f(s.requestsPerS, 0), f(s.p50Ms), f(s.p99Ms), s.non2xx, s.errors]),
    ),
  );

  if (result.mix) {
    const m = result.mix;
    parts.push(`\n### Pages in use (${m.people} signed-in people, ${m.connections} connections, ${m.durationS} s, compressed as a browser asks)\n`);
    parts.push(`${f(m.requestsPerS, 0)} requests/s in all, ${m.requests} requests, ${m.errors} errors.\n`);
    parts.push(table(['page', 'requests', 'p50 ms', 'p99 ms', 'not 200'], m.byPage.map((p) => [p.page, p.requests, f(p.p50Ms), f(p.p99Ms), p.non200])));
  }

  parts.push('\n### Store (a confirmation through acknowledgeDoc, written with fsync)\n');
  parts.push(
    table(
      ['people', 'records', 'file MB', 'start ms', 'writes', 'confirm p50 ms', 'confirm p99 ms'],
      result.store.map((s) => [s.people, s.records.toLocaleString('en'), f(s.fileMb), f(s.startMs, 0), s.writes, f(s.confirmP50Ms), f(s.confirmP99Ms)]),
    ),
  );

  parts.push(`\n### Search (${result.search.corpus} documents)\n`);
  const s = result.search;
  parts.push(
    s.status === 'not built'
      ? `not built${s.indexBytes ? ` (an index of ${kib(s.indexBytes)} KB lies in the build, but ${'/pagefind/staff/pagefind.js'} does not answer)` : ''}`
      : table(['index KB', 'index files', 'first query ms', 'warm query ms', 'results'], [[s.indexBytes ? kib(s.indexBytes) : '—', s.indexFiles ?? '—', f(s.firstQueryMs), f(s.warmQueryMs), s.results ?? '—']]),
  );
  return `${parts.join('\n')}\n`;
}
