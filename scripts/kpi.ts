// npm run kpi -- import FILE.csv [--apply]   (the server must be stopped)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as clock from '../src/server/clock';
import { checkKpiFile } from '../src/domain/kpi';
import { translator } from '../src/i18n';
import { kpiIssuesText } from '../src/i18n/kpi';
import { importKpiRows } from '../src/server/records/kpi';
import { contentSchemes, fail, openForCli, parseArgs } from './cli/context';

const usage = `Salesbook KPI import (stop the server first):
  npm run kpi -- import FILE.csv           checks every line and writes nothing
  npm run kpi -- import FILE.csv --apply   writes the file when no line is bad; a month already on record is replaced
Columns: login,month,revenue,margin,deals,leads,plan (month as 2026-11 or 11.2026; amounts in roubles; the margin no more than revenue),
and a column for each other figure the bonus schemes use, headed by the KPI's id (receivables, retention…): needed for
everyone whose scheme uses it, a number in the KPI's unit. Schemes are read from SALESBOOK_CONTENT (default: content).`;

const { words, options } = parseArgs(process.argv.slice(2), { flags: ['apply'] }, usage);
if (words[0] !== 'import' || !words[1]) {
  console.log(usage);
  process.exit(words[0] ? 1 : 0);
}
let text: string;
try {
  text = readFileSync(words[1], 'utf8');
} catch (error) {
  fail(`Cannot read ${words[1]}: ${(error as Error).message}`);
}
const { store } = await openForCli();
try {
  const people = await store.read((data) => data.users.map((u) => ({ login: u.login, position: u.position })));
  const content = contentSchemes();
  const schemesByLogin = new Map(people.flatMap((p) => (content.byPosition.has(p.position) ? [[p.login, content.byPosition.get(p.position)!] as const] : [])));
  // The operator's tools speak English throughout.
  const { t } = translator('en');
  const { rows, problems } = checkKpiFile(text, { logins: new Set(people.map((p) => p.login)), schemesByLogin, schemes: content.schemes, today: clock.now() });
  if (problems.length > 0) {
    console.error(`The file has ${problems.length} bad line(s); nothing was written:`);
    for (const p of problems) console.error(`  line ${p.line}: ${kpiIssuesText(t, p.issues)}`);
    process.exitCode = 1;
  } else if (!options.has('apply')) {
    console.log(`All ${rows.length} line(s) are valid. This was a dry run: add --apply to write them.`);
  } else {
    const source = basename(words[1]);
    const result = await importKpiRows(store, rows, source, (imported) => ({
      actor: 'cli',
      action: 'kpi.import',
      subject: `file:${source}`,
      details: { lines: rows.length, added: imported.added, replaced: imported.replaced },
    }));
    console.log(`Imported ${rows.length} line(s): ${result.added} new, ${result.replaced.length} replaced${result.replaced.length ? ` (${result.replaced.join(', ')})` : ''}.`);
  }
} finally {
  await store.close();
}
