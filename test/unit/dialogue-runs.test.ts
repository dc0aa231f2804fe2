import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as clock from '../../src/server/clock';
import { tempDir } from '../temp';
import { scoreRun, type PathStep } from '../../src/domain/dialogue';
import { dialogueRunsFor, dialogueRunsOf, recordDialogueRun } from '../../src/server/records/dialogue-runs';
import { openStore, type Store } from '../../src/server/store/store';
import { checkedContent } from './checked-content';
import { TEST_AUDIT_KEY } from '../store-files';

const coldCall = checkedContent('test/fixtures/content').dialogues.find((d) => d.id === 'cold-call')!.data;
const scored = (path: PathStep[]) => {
  const result = scoreRun(coldCall, path);
  if (!result.ok) throw new Error('bad path');
  return result.run;
};
const good = scored([{ node: 'hello', choice: 0 }, { node: 'who', choice: 0 }]);
const bad = scored([{ node: 'hello', choice: 1 }]);

const opened: Store[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

async function freshStore(initial?: unknown) {
  const dir = tempDir('salesbook-runs-');
  if (initial) writeFileSync(join(dir, 'salesbook.json'), JSON.stringify(initial));
  const store = await openStore({ path: join(dir, 'salesbook.json'), lockPath: join(dir, 'salesbook.json.lock'), backupsDir: join(dir, 'backups'), auditKey: TEST_AUDIT_KEY });
  opened.push(store);
  return store;
}

describe('stored dialogue runs', () => {
  it('keep the person, dialogue, version, path, server-side score and time', async () => {
    const store = await freshStore();
    const before = clock.nowMs();
    const { run, runs } = await recordDialogueRun(store, { userId: 'u1', dialogueId: 'cold-call', version: '1.0', run: bad });
    expect(run).toMatchObject({ userId: 'u1', dialogueId: 'cold-call', version: '1.0', path: [{ node: 'hello', choice: 1 }], end: 'refused', ending: 'bad', score: 0, maxScore: 2 });
    expect(Date.parse(run.at)).toBeGreaterThanOrEqual(before);
    expect(runs).toHaveLength(1);
  });

  it('list a person’s runs newest first, and never another person’s', async () => {
    const store = await freshStore();
    await recordDialogueRun(store, { userId: 'u1', dialogueId: 'cold-call', version: '1.0', run: bad });
    clock.setClock(clock.nowMs() + 60_000);
    const second = await recordDialogueRun(store, { userId: 'u1', dialogueId: 'cold-call', version: '1.0', run: good });
    await recordDialogueRun(store, { userId: 'u2', dialogueId: 'cold-call', version: '1.0', run: good });
    expect(second.runs.map((r) => r.ending)).toEqual(['bad', 'good']);
    expect((await dialogueRunsOf(store, 'u1')).map((r) => r.ending)).toEqual(['good', 'bad']);
    expect((await dialogueRunsFor(store, 'cold-call')).map((r) => r.userId).sort()).toEqual(['u1', 'u1', 'u2']);
  });

  it('start empty in a data file written before the trainer existed', async () => {
    const store = await freshStore({ schemaVersion: 2, users: [], acknowledgements: [], lessonCompletions: [] });
    expect(await dialogueRunsOf(store, 'u1')).toEqual([]);
    await recordDialogueRun(store, { userId: 'u1', dialogueId: 'cold-call', version: '1.0', run: good });
    expect(await dialogueRunsOf(store, 'u1')).toHaveLength(1);
  });
});
