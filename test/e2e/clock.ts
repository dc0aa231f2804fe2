// The end-to-end server's clock, as the tests see and move it.
import { ClockFile } from '../clock';
import { e2eClockFile } from './data-folder.mjs';

export const serverClock = new ClockFile(e2eClockFile());
