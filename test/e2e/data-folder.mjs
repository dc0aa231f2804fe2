import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The end-to-end server's data folder, one per port: made afresh at each start, removed at its stop. */
export function e2eDataFolder(port = process.env.SALESBOOK_E2E_PORT || '4399') {
  return join(tmpdir(), `salesbook-e2e-${port}`);
}

/** The file the end-to-end server's clock follows (SALESBOOK_CLOCK_FILE). */
export function e2eClockFile(port) {
  return join(e2eDataFolder(port), 'test-clock');
}

/**
 * The content folder the end-to-end server serves: a copy of the fixture content made at each start,
 * so that the tests that edit and publish documents in the browser never write into the repository.
 */
export function e2eContentFolder(port = process.env.SALESBOOK_E2E_PORT || '4399') {
  return join(tmpdir(), `salesbook-e2e-content-${port}`);
}

/**
 * The mailbox of the end-to-end server's SMTP server: each message it receives is a JSON file here,
 * `{ to, raw }` (the envelope's recipients and the message as sent).
 */
export function e2eMailFolder(port = process.env.SALESBOOK_E2E_PORT || '4399') {
  return join(e2eDataFolder(port), 'mailbox');
}
