// npm run docs:import -- FOLDER [--apply] [--owner ROLE]   Brings a folder of Word files (.docx) into the
// content folder as documents. By default it only reports, file by file, what each would become and
// what would not carry over; with --apply it writes each new document (status draft, so that only
// heads see it until it is put into effect) with its images, once the whole content folder with them
// passes the content check. A file titled like an existing document is left for the portal, where it
// becomes that document's next version and readers get the usual "what changed".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contentFolder } from '../src/content-folder';
import { MEDIA_FOLDER } from '../src/content-check/folder';
import { readContent } from '../src/content-store/snapshot';
import { writeContentFiles } from '../src/content-store/library';
import { freeId, idFromTitle } from '../src/domain/doc-ids';
import { translator } from '../src/i18n';
import { formatProblems } from '../src/schemas/error-map';
import { composeImported, convertWordFile, documentTitled } from '../src/server/importing';
import { findingText, refusalText } from '../src/server/views/import-report';
import { WordImportError } from '../src/server/word-import';
import { fail, parseArgs } from './cli/context';

const usage = `Import Word files into the content folder:
  npm run docs:import -- FOLDER            report what each .docx in FOLDER would become (nothing is written)
  npm run docs:import -- FOLDER --apply    write them as new documents, status draft, with their images
  --owner ROLE                             the role that owns them (default: the role owning most documents)`;

async function main() {
  const { words, options } = parseArgs(process.argv.slice(2), { flags: ['apply'], strings: ['owner'] }, usage);
  if (words.length !== 1) fail(usage);
  const folder = resolve(words[0]!);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) fail(`${words[0]} is not a folder.\n${usage}`);
  const root = contentFolder();
  const reading = readContent(root);
  if (!reading.ok) fail(`The content folder has mistakes; fix them first:\n${formatProblems(reading.problems, reading.locale)}`);
  const content = reading.snapshot;
  const i18n = translator(content.site.locale);
  const { t } = i18n;

  const owners = new Map<string, number>();
  for (const doc of content.docs) owners.set(doc.data.owner, (owners.get(doc.data.owner) ?? 0) + 1);
  const owner = typeof options.get('owner') === 'string' ? (options.get('owner') as string) : ([...owners].sort((a, b) => b[1] - a[1])[0]?.[0] ?? content.roles[0]?.id);
  if (!owner || !content.roles.some((r) => r.id === owner)) fail(`There is no role «${owner ?? ''}» in the content folder's roles/.`);

  const names = readdirSync(folder).filter((name) => /\.docx$/i.test(name) && !name.startsWith('~$')).sort();
  if (names.length === 0) fail(`${words[0]} holds no .docx files.`);
  const taken = new Set(content.docs.map((d) => d.id));
  const files = new Map<string, string | Uint8Array>();
  let ready = 0;
  for (const name of names) {
    console.log(`\n${name}`);
    let converted;
    try {
      converted = await convertWordFile({ name, bytes: readFileSync(join(folder, name)) });
    } catch (error) {
      if (!(error instanceof WordImportError)) throw error;
      console.log(`  ✗ ${refusalText(t, error.reason)}`);
      continue;
    }
    const existing = documentTitled(converted.title, content.docs);
    if (existing) {
      console.log(`  ✗ ${t('import.cli.exists', { title: converted.title, id: existing })}`);
      continue;
    }
    const id = freeId(idFromTitle(converted.title), taken);
    taken.add(id);
    const { text, media } = await composeImported(converted, id, undefined, owner);
    files.set(`docs/${id}.mdx`, text);
    for (const image of media) files.set(`docs/${MEDIA_FOLDER}/${id}/${image.name}`, image.bytes);
    ready++;
    console.log(`  → docs/${id}.mdx: «${converted.title}» (${t(`kind.${converted.kind}`)})${media.length > 0 ? `, ${t('import.page.images', { count: new Set(media.map((m) => m.name)).size })}` : ''}`);
    for (const finding of converted.findings) console.log(`    · ${findingText(i18n, finding)}`);
  }

  console.log(`\n${t('import.cli.summary', { done: ready, total: names.length })}`);
  if (!options.has('apply')) {
    if (ready > 0) console.log(t('import.cli.dryRun'));
    return;
  }
  if (ready === 0) return;
  const written = writeContentFiles(files);
  if (!written.ok) fail(`${t('import.cli.refused')}\n${formatProblems(written.problems, content.site.locale)}`);
  console.log(t('import.cli.written', { count: ready, folder: join(root, 'docs') }));
}

main().catch((error: Error) => fail(error.stack ?? error.message));
