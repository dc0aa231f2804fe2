// The benchmark's figures as markdown tables, and the targets they are judged against.
import type { PublishFigures, SwitchFigures } from './publish';
import type { BenchResult } from './run';
import { percentile } from './measure';

export interface Target {
  target: string;
  measured: string;
  met: boolean | null;
}

const f = (value: number | undefined, digits = 1) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits));
const kib = (bytes: number) => (bytes / 1024).toFixed(1);
/** Seconds from milliseconds; null (not within the wait) as "never". */
const sec = (ms: number | null | undefined) => (ms === undefined ? '—' : ms === null ? 'never' : (ms / 1000).toFixed(1));

/**
 * Starlight 0.42's peak memory building the same 1000 generated documents, measured earlier: the
 * yardstick of the search index's memory when this run did not build Starlight (--vs-starlight).
 */
export const STARLIGHT_RECORDED_PEAK_MB = 1650;

const measuredPublish = (result: BenchResult) => result.publish.filter((p): p is PublishFigures => 'changes' in p);
const failed = (c: SwitchFigures) => c.readers.non200 + c.readers.errors;

/** Publish-to-visible on one corpus, judged against a bound in seconds; null when that corpus was not measured. */
function visibleTarget(result: BenchResult, corpus: (p: { corpus: string; documents: number }) => boolean, boundS: number, name: string, missing: string): Target {
  const run = result.publish.find(corpus);
  const target = `A change visible to readers within ${boundS} s (${name}): publication in the browser and hand edits`;
  if (!run) return { target, measured: missing, met: null };
  if (!('changes' in run)) return { target, measured: `failed: ${run.error.split('\n')[0]}`, met: false };
  return {
    target,
    measured: run.changes.map((c) => `${c.change} ${c.visibleMs === null ? 'not within 60 s' : `${sec(c.visibleMs)} s`}`).join('; '),
    met: run.changes.every((c) => c.visibleMs !== null && c.visibleMs <= boundS * 1000),
  };
}

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
  const index1000 = result.searchIndex.find((b) => b.documents === 1000);
  const starlight = 'wallS' in result.starlight && result.starlight.documents === 1000 ? result.starlight : undefined;
  const yardstick = starlight
    ? { mb: starlight.peakMemoryMb, said: `Starlight ${starlight.starlight}'s build peak, measured in this run` }
    : { mb: STARLIGHT_RECORDED_PEAK_MB, said: "Starlight 0.42's build peak recorded earlier; this run did not build Starlight" };
  const switches = measuredPublish(result).flatMap((p) => p.changes.map((c) => ({ corpus: p.corpus, ...c })));
  const failedRequests = switches.reduce((n, c) => n + failed(c), 0);
  const readerRequests = switches.reduce((n, c) => n + c.readers.requests, 0);
  const team = result.team;
  const teamPage = (name: string) => team?.pages.find((p) => p.page === name);
  const slowest = (name: string) => Math.max(...(teamPage(name)?.coldMs ?? [NaN]), ...(teamPage(name)?.warmMs ?? [NaN]));
  const longestWait = team ? Math.max(...team.pages.flatMap((p) => p.traineeMs)) - team.traineeAloneMs : NaN;
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
    visibleTarget(result, (p) => p.corpus === 'demo content', 10, 'the demo content', '—'),
    visibleTarget(result, (p) => p.corpus !== 'demo content' && p.documents === 1000, 30, '1000 documents', 'not measured: no 1000-document corpus in this run'),
    {
      target: 'No failed request while a change goes live (readers of the changed document and My path, until search has switched)',
      measured:
        switches.length > 0
          ? `${failedRequests} of ${readerRequests.toLocaleString('en')} requests${failedRequests > 0 ? `: ${switches.filter((c) => failed(c) > 0).map((c) => `${c.corpus}, ${c.change}: ${c.readers.firstFailure ?? ''}`).join('; ')}` : ''}`
          : '—',
      met: switches.length > 0 ? failedRequests === 0 : null,
    },
    {
      target: "Search index of 1000 documents: peak memory ≤ Starlight's build peak",
      measured: index1000 ? `${f(index1000.peakMemoryMb, 0)} MB vs ${f(yardstick.mb, 0)} MB (${f(index1000.peakMemoryMb / yardstick.mb, 2)}×): ${yardstick.said}` : 'not measured: no 1000-document corpus in this run',
      met: index1000 ? index1000.peakMemoryMb <= yardstick.mb : null,
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
  if (team) {
    targets.push({
      target: `Team page and analytics with ${team.people} people and a year of history each: every answer < 300 ms, after a change to the data too`,
      measured: `team ${f(slowest('team'), 0)} ms, analytics ${f(slowest('analytics'), 0)} ms at most`,
      met: slowest('team') < 300 && slowest('analytics') < 300,
    });
    targets.push({
      target: 'No other request waits more than 50 ms behind the team pages (a trainee’s My path asked for meanwhile, against the same page alone)',
      measured: `${f(longestWait, 0)} ms longer at most (alone ${f(team.traineeAloneMs, 0)} ms)`,
      met: longestWait <= 50,
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

  parts.push('\n### Build (`npm run build`: the code only, one build for every corpus)\n');
  const b = result.build;
  parts.push(table(['wall s', 'peak memory MB', 'output MB'], b ? [[f(b.wallS), f(b.peakMemoryMb, 0), f(b.outputMb)]] : []));

  parts.push('\n### Search index (the indexer bundled into the build, run as the server runs it, every page rendered)\n');
  const indexRows: (string | number)[][] = result.searchIndex.map((i) => [
    i.documents,
    i.words.toLocaleString('en'),
    `${i.pages} (${i.staffPages} / ${i.headsPages})`,
    f(i.wallS),
    f(i.peakMemoryMb, 0),
    f(i.pagesPerS),
    f(i.indexMb),
    i.indexFiles,
  ]);
  if ('wallS' in result.starlight) {
    const s = result.starlight;
    indexRows.push([`${s.documents}: the whole Starlight ${s.starlight} build (Astro ${s.astro})`, '', s.documents, f(s.wallS), f(s.peakMemoryMb, 0), f(s.pagesPerS), '', '']);
  }
  parts.push(table(['documents', 'words', 'pages (staff / heads)', 'wall s', 'peak memory MB', 'pages/s', 'index MB', 'index files'], indexRows));
  if (!('wallS' in result.starlight)) parts.push(`\nStarlight not built in this run (--vs-starlight): its recorded build peak for 1000 documents is ${STARLIGHT_RECORDED_PEAK_MB} MB.`);
  if ('status' in result.starlight && result.starlight.status === 'failed') parts.push(`\nStarlight failed: ${result.starlight.error.split('\n')[0]}`);

  parts.push('\n### First start (spawn to listening: reading and checking the content, and its first search index)\n');
  parts.push(
    table(
      ['content', 'start s', 'of which search index s', 'note'],
      result.firstStart.map((s) => [s.corpus, f(s.startS), s.indexS === null ? '—' : f(s.indexS), s.rebuilt ? 'the code was built again first (the sources changed during the run), which also emptied the build folder of its search indexes' : '']),
    ),
  );

  parts.push('\n### Publish-to-visible (readers request the document and My path as trainee1 throughout)\n');
  for (const p of result.publish) {
    if (!('changes' in p)) {
      parts.push(`${p.corpus}: failed: ${p.error.split('\n')[0]}\n`);
      continue;
    }
    parts.push(`${p.corpus}: ${p.readers} reading loops; search waited for up to ${p.searchBoundS} s.\n`);
    if (p.tooLargeForEditor > 0) {
      parts.push(`${p.tooLargeForEditor} of ${p.documents} documents are too long to be saved from the editor (a text over 256 KB).\n`);
    }
    parts.push(
      table(
        ['change', 'document', 'action s', 'visible s', 'search switched s', 'pages rendered / reused', 'requests', 'failed', 'reader p50 / p99 ms'],
        p.changes.map((c) => [
          c.change,
          c.doc,
          sec(c.actionMs),
          sec(c.visibleMs),
          c.searchWatched ? sec(c.searchMs) : 'not watched',
          c.indexed && c.indexed.rendered !== null ? `${c.indexed.rendered} / ${c.indexed.unchanged}` : '—',
          c.readers.requests,
          failed(c),
          `${f(c.readers.p50Ms)} / ${f(c.readers.p99Ms)}`,
        ]),
      ),
    );
    parts.push('');
  }

  parts.push(`\n### Page weight (${result.search.corpus || (result.searchIndex.at(-1)?.documents ?? '')} documents, signed in, in Chromium)\n`);
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

  if (result.team) {
    const team = result.team;
    parts.push(`\n### Team pages (${team.people} people, ${team.records.toLocaleString('en')} records, ${f(team.fileMb)} MB; a trainee's My path alone: ${f(team.traineeAloneMs)} ms)\n`);
    parts.push(
      table(
        ['page', 'after a change p50 / max ms', 'unchanged p50 / max ms', 'trainee asking meanwhile p50 / max ms', 'not 200'],
        team.pages.map((p) => [p.page, `${f(percentile(p.coldMs, 50), 0)} / ${f(Math.max(...p.coldMs), 0)}`, `${f(percentile(p.warmMs, 50), 0)} / ${f(Math.max(...p.warmMs), 0)}`, `${f(percentile(p.traineeMs, 50), 0)} / ${f(Math.max(...p.traineeMs), 0)}`, p.non200]),
      ),
    );
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
      ? `not built${s.indexBytes ? ` (an index of ${kib(s.indexBytes)} KB was built for this content, but /pagefind/staff/pagefind.js does not answer)` : ''}`
      : table(['index KB', 'index files', 'first query ms', 'warm query ms', 'results'], [[s.indexBytes ? kib(s.indexBytes) : '—', s.indexFiles ?? '—', f(s.firstQueryMs), f(s.warmQueryMs), s.results ?? '—']]),
  );
  return `${parts.join('\n')}\n`;
}
