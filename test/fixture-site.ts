import { readFileSync } from 'node:fs';

// The fixture content's site settings that tests compute what they expect from: the company's name
// and the time zone digests and local dates follow.
const siteYaml = readFileSync(new URL('./fixtures/content/site.yaml', import.meta.url), 'utf8');
const setting = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(siteYaml)?.[1]?.trim();

export const fixtureSite = {
  company: setting('company')!,
  timeZone: setting('timeZone') ?? 'Europe/Moscow',
};
