// npm run docs:keep -- DOC-ID   Keeps the current text of a document before a head edits it, so that
// readers of this version can later see, word by word, what changed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { splitFrontmatter, VERSIONS_FOLDER } from '../src/content-check/folder';
import { fail } from './cli/context';

const usage = `Keep the current text of a document before you edit it:
  npm run docs:keep -- DOC-ID
It copies docs/DOC-ID.mdx to docs/${VERSIONS_FOLDER}/DOC-ID/<its version>.mdx in the content folder.`;

const root = resolve(process.env.SALESBOOK_CONTENT || 'content');
const id = process.argv[2]?.trim();
if (!id || id.startsWith('-')) fail(usage);
const source = join(root, 'docs', `${id}.mdx`);
if (!/^[a-z0-9][a-z0-9-]*$/.test(id) || !existsSync(source)) fail(`There is no document «${id}» in ${join(root, 'docs')}. The id is the file name without .mdx.`);

const text = readFileSync(source, 'utf8');
const version = (splitFrontmatter(text)?.data as { version?: unknown } | undefined)?.version;
if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version)) fail(`docs/${id}.mdx has no version like "2.1" in its frontmatter; fix it first.`);

const target = join(root, 'docs', VERSIONS_FOLDER, id, `${version}.mdx`);
const shown = relative(root, target).split('\\').join('/');
if (existsSync(target)) {
  if (readFileSync(target, 'utf8') === text) {
    console.log(`Version ${version} of ${id} is already kept in ${shown}.`);
    process.exit(0);
  }
  fail(`${shown} already exists and differs from docs/${id}.mdx. If you have already edited the document, raise its version first; to keep the current text anyway, delete ${shown} and run this again.`);
}
mkdirSync(join(root, 'docs', VERSIONS_FOLDER, id), { recursive: true });
writeFileSync(target, text);
console.log(`Kept version ${version} of ${id} in ${shown}.
Now edit docs/${id}.mdx: raise its version and add a line to its change log (changes). A running portal serves it once it is saved and passes the content check.`);
