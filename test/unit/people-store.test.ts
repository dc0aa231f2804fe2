import { afterEach, beforeEach, expect, it } from 'vitest';
import * as clock from '../../src/server/clock';
import { addDays, dayOf, shiftDays } from '../../src/domain/calendar';
import { pathStart } from '../../src/domain/learning-path';
import { personById, updatePerson } from '../../src/server/records/users';
import { emptyStore, type StoredUser } from '../../src/server/store/data';
import type { Store } from '../../src/server/store/store';
import { describeEachStore } from '../store-kinds';

// A person's position and the day they took it: what the start of their learning path is counted from.

const suiteNow = clock.now();
const today = dayOf(suiteNow);
const hired = addDays(today, -900);
const trainee: StoredUser = {
  id: 't1',
  login: 't1',
  name: 'Trainee',
  appRole: 'employee',
  position: 'trainee',
  mentorId: null,
  hired,
  passwordHash: 'scrypt$1$1$1$a$b',
  mustChangePassword: false,
  disabled: false,
  createdAt: `${hired}T06:00:00.000Z`,
};

let store: Store;
afterEach(() => clock.setClock(suiteNow));

describeEachStore('a person’s position', (kind) => {
  beforeEach(async () => {
    const seed = emptyStore();
    seed.users.push(trainee);
    store = await (await kind.place()).open({ seed: () => seed });
  });

  it('a new position is dated today, and the person’s path starts again from it', async () => {
    expect(pathStart((await personById(store, 't1'))!)).toBe(hired);
    const moved = await updatePerson(store, 't1', { position: 'manager' });
    expect(moved.positionSince).toBe(today);
    expect(pathStart(moved)).toBe(today);
  });

  it('keeps the day of the position when anything else changes, or the same position is saved again', async () => {
    clock.setClock(shiftDays(suiteNow, -30));
    const moved = await updatePerson(store, 't1', { position: 'manager' });
    clock.setClock(suiteNow);
    expect(moved.positionSince).toBe(addDays(today, -30));
    const renamed = await updatePerson(store, 't1', { name: 'Renamed', position: 'manager' });
    expect(renamed.positionSince).toBe(addDays(today, -30));
    // Never set for a position held since hiring.
    const fresh = await updatePerson(store, 't1', { name: 'Again' });
    expect(fresh.positionSince).toBe(addDays(today, -30));
  });
});
