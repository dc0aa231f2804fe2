// Runs before every test file (vitest.config.ts): the temporary folders a file made go when it ends.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp';

afterAll(removeTempDirs);
