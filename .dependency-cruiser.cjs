// Salesbook's layers, enforced: `npm run check` and the test suite (test/unit/layers.test.ts) fail on
// an import that goes the wrong way. The map itself is in docs/ARCHITECTURE.md ("Layers").
//
//   schemas ─→ domain ─→ content-store/ ─→ content.ts, server/ ─→ actions/, middleware, pages/, components/
//                  └──→ islands/ (with i18n/)
//
// A layer imports its own layer and those to its left, never one to its right.
const SRC = '^src/';
const LAYERS = {
  schemas: '^src/schemas/',
  domain: '^src/domain/',
  i18n: '^src/i18n/',
  check: '^src/content-check/',
  contentStore: '^src/content-store/',
  content: '^src/content\\.ts$',
  server: '^src/server/',
  actions: '^src/actions/',
  islands: '^src/islands/',
  web: '^src/(pages|components|layouts|middleware\\.ts)',
};

/** A rule forbidding `from` to import anything under src/ but `allowed` (and itself). */
function only(name, comment, from, allowed) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from },
    to: { path: SRC, pathNot: [from, ...allowed] },
  };
}

module.exports = {
  forbidden: [
    only('schemas-are-the-bottom', 'Content schemas describe data; they import other schemas only.', LAYERS.schemas, []),
    only('domain-is-pure-logic', 'Domain code is pure: it stands on the schemas and on nothing of the server, the content queries or the pages.', LAYERS.domain, [LAYERS.schemas]),
    only('i18n-is-text', 'Translations and formatters: they may name domain and schema types, nothing else.', LAYERS.i18n, [LAYERS.domain, LAYERS.schemas]),
    only('content-check-reads-files', 'The content check (the build and the tools) reads a content folder through the schemas and domain rules.', LAYERS.check, [LAYERS.schemas, LAYERS.domain, LAYERS.i18n]),
    only('content-store-serves-checked-content', 'The content store reads the content folder through the content check, and writes into it.', LAYERS.contentStore, [LAYERS.schemas, LAYERS.domain, LAYERS.i18n, LAYERS.check, '^src/content-folder\\.ts$']),
    only('content-queries', 'src/content.ts queries the content served: it stands on the content store, schemas and domain.', LAYERS.content, [LAYERS.schemas, LAYERS.domain, LAYERS.i18n, LAYERS.contentStore, '^src/content-folder\\.ts$']),
    only('server-below-the-web', 'The server (store, records, read models, plumbing) never imports actions, pages, components or islands.', LAYERS.server, [LAYERS.schemas, LAYERS.domain, LAYERS.i18n, LAYERS.check, LAYERS.contentStore, LAYERS.content, '^src/content-folder\\.ts$']),
    only('actions-below-pages', 'Actions import the server and below, never pages, components or islands.', LAYERS.actions, [LAYERS.schemas, LAYERS.domain, LAYERS.i18n, LAYERS.check, LAYERS.content, LAYERS.server]),
    {
      name: 'islands-run-in-the-browser',
      comment: 'Islands run in the browser: they import other islands, domain and i18n, and schemas for their types only (a schema value would ship zod).',
      severity: 'error',
      from: { path: LAYERS.islands },
      to: { path: SRC, pathNot: [LAYERS.islands, LAYERS.domain, LAYERS.i18n, LAYERS.schemas] },
    },
    {
      name: 'islands-take-schema-types-only',
      comment: 'A schema imported by an island for its values would put zod in the browser bundle.',
      severity: 'error',
      from: { path: LAYERS.islands },
      to: { path: LAYERS.schemas, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'pure-code-has-no-io',
      comment: 'Schemas, domain code, i18n and islands touch no file system, network or process: Node built-ins belong to the server.',
      severity: 'error',
      from: { path: '^src/(schemas|domain|i18n|islands)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'one-module-queries-content',
      comment: 'Pages, components and actions ask src/content.ts (or the server) for content, never the content store itself.',
      severity: 'error',
      from: { path: '^src/(actions|pages|components|layouts|middleware\\.ts)' },
      to: { path: LAYERS.contentStore },
    },
    {
      name: 'no-circular',
      comment: 'Modules that import each other, directly or around a loop, are one module in two files.',
      severity: 'error',
      from: { path: SRC },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a removed file.',
      severity: 'error',
      from: { path: SRC },
      // Virtual modules, and packages that are types only (@types/hast).
      to: { couldNotResolve: true, pathNot: ['^astro:', '^hast$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|dist-[a-z-]+)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.mjs', '.js', '.astro'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
