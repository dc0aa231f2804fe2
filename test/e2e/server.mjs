// The server the end-to-end tests drive: the fixture content, its own build folder, fresh data each run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { requireChromium } from '../../scripts/chromium.mjs';

requireChromium();
process.env.SALESBOOK_CONTENT = resolve('test/fixtures/content');
process.env.SALESBOOK_DIST = resolve(process.env.SALESBOOK_E2E_DIST || 'dist-e2e');
process.env.SALESBOOK_DATA = mkdtempSync(join(tmpdir(), 'salesbook-e2e-'));
process.env.SALESBOOK_DEMO = '1';
// People only, no made-up history: each test starts from the state it describes.
process.env.SALESBOOK_DEMO_HISTORY = '0';
// A failed quiz can be retried after 5 seconds instead of the content's minutes.
process.env.SALESBOOK_QUIZ_COOLDOWN_SECONDS ??= '5';
process.env.PORT = process.env.SALESBOOK_E2E_PORT || '4399';
await import('../../scripts/serve.mjs');
