// What the end-to-end server's SMTP server received (test/e2e/server.mjs writes each message to a file).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { e2eMailFolder } from './data-folder.mjs';

export interface Mail {
  to: string[];
  parsed: ParsedMail;
}

/** Every message received so far, in the order they arrived. */
export async function mailbox(): Promise<Mail[]> {
  const folder = e2eMailFolder();
  if (!existsSync(folder)) return [];
  const files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const { to, raw } = JSON.parse(readFileSync(join(folder, file), 'utf8')) as { to: string[]; raw: string };
      return { to, parsed: await simpleParser(raw) };
    }),
  );
}

/** Waits (at most `ms`) for a message to `address`, and returns it. */
export async function mailTo(address: string, ms = 20_000): Promise<Mail> {
  let found: Mail | undefined;
  await expect(async () => {
    found = (await mailbox()).find((m) => m.to.includes(address));
    expect(found, `an e-mail to ${address}`).toBeDefined();
  }).toPass({ timeout: ms, intervals: [250, 500, 1000] });
  return found!;
}
