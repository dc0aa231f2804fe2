// Builds Salesbook when its sources changed since the last build, then serves it with the content
// folder (read and checked by the server itself, and followed as it changes).
// Used by `npm start` (demo mode) and by the end-to-end tests (a fixture content folder).
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSalesbook, currentBuild, isBuildCurrent, removeUnusedBuilds, useBuild } from './build-state.mjs';
import { browserHeaders, dropUntrustedForwarding, readHostSessionCookie } from './browser-headers.mjs';
import { compressAnswers, precompressedAssets } from './compressed-answers.mjs';

const dist = resolve(process.env.SALESBOOK_DIST || 'dist');
const contentDir = resolve(process.env.SALESBOOK_CONTENT || 'content');

if (!isBuildCurrent(dist)) {
  console.log(`Salesbook: building into ${dist} …`);
  try {
    await buildSalesbook(dist, { echo: true });
  } catch (error) {
    console.error(error.message.split('\n')[0]);
    process.exit(1);
  }
}
// The build is resolved once: this server runs its own build's code and keeps its search indexes there
// until it stops, whatever builds come after it (build-state.mjs).
const distDir = currentBuild(dist);
if (!distDir) {
  console.error(`Salesbook: there is no build in ${dist}; run \`npm run build\`.`);
  process.exit(1);
}
useBuild(dist, distDir);
removeUnusedBuilds(dist);
process.env.SALESBOOK_CONTENT = contentDir;

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 4321);
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
// Tells the server it is the portal: it follows the content folder and keeps the search indexes (src/server/services.ts).
globalThis[Symbol.for('salesbook.serving')] = { distDir };
const { handler } = await import(pathToFileURL(resolve(distDir, 'server', 'entry.mjs')).href);
// The middleware opens the data store when it loads; load it now so a locked, missing or broken
// data file stops the server before it listens, not at the first request.
const middleware = resolve(distDir, 'server', 'virtual_astro_middleware.mjs');
if (existsSync(middleware)) await import(pathToFileURL(middleware).href);
// A stop closes the data store first, which writes its journal into the data file: a stopped Salesbook
// leaves one whole file. It never holds the stop up for more than a few seconds.
const store = Symbol.for('salesbook.store');
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    setTimeout(() => process.exit(0), 5000).unref();
    Promise.resolve(globalThis[store])
      .then((opened) => opened?.close())
      .catch((error) => console.error(`Salesbook: the data store did not close cleanly (${error.message}); its journal is replayed at the next start.`))
      .finally(() => process.exit(0));
  });
}

// Salesbook's own http server around Astro's handler, so that answers go out compressed without a
// proxy: hashed assets from their compressed copies, everything else compressed as it streams
// (compressed-answers.mjs). Everything else, the other static files included, is Astro's to answer.
const assets = precompressedAssets(resolve(distDir, 'client'));
const compress = compressAnswers();
const tls = Boolean(process.env.SERVER_CERT_PATH && process.env.SERVER_KEY_PATH);
const protect = browserHeaders(tls);
const listener = (request, response) => {
  dropUntrustedForwarding(request);
  readHostSessionCookie(request, tls);
  protect(request, response);
  return assets(request, response) || compress(request, response, () => handler(request, response));
};
const server = tls
  ? https.createServer({ key: readFileSync(process.env.SERVER_KEY_PATH), cert: readFileSync(process.env.SERVER_CERT_PATH) }, listener)
  : http.createServer(listener);
const demo = process.env.SALESBOOK_DEMO === '1' || process.env.SALESBOOK_DEMO === 'true';
// A company's portal over plain http sends passwords and session cookies readable to the network.
if (!tls && process.env.SALESBOOK_TRUST_PROXY !== '1' && !demo) {
  console.warn(
    'Salesbook is served over plain http: passwords and sessions cross the network unencrypted. Serve https with ' +
      'SERVER_CERT_PATH and SERVER_KEY_PATH, or behind an https proxy with SALESBOOK_TRUST_PROXY=1.',
  );
}
server.listen(port, host, () => console.log(`Salesbook: Server listening on ${tls ? 'https' : 'http'}://${host}:${port}`));
