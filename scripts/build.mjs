// `npm run build`: builds the server into a fresh folder under SALESBOOK_DIST and makes it the current
// build only when it succeeded, so a build never touches the one a running server uses
// (build-state.mjs). A running server goes on with its own build until it is restarted.
import { resolve } from 'node:path';
import { buildSalesbook } from './build-state.mjs';

const distDir = resolve(process.env.SALESBOOK_DIST || 'dist');
try {
  const build = await buildSalesbook(distDir, { echo: true });
  console.log(`Salesbook: built into ${build}; servers started from now on use it.`);
} catch (error) {
  console.error(error.message.split('\n')[0]);
  process.exit(1);
}
