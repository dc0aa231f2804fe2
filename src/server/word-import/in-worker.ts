import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { convertDocx, WordImportError, type ConvertedDocument } from './index';
import type { ConvertReply, ConvertRequest } from './worker';

// A running server converts each Word file in a worker thread bundled into its build
// (word-import-worker.mjs, by src/integrations/server-scripts.ts): mammoth and the Markdown steps take
// about half a second for a long regulation, and a crafted file could take far longer; the thread
// that answers requests must not wait for them. The worker gets a time limit and a memory limit, and
// a file that exceeds either is refused. Outside a running server (the command line, the tests)
// files are converted in place.

/** Longest a file may take to convert. */
export const CONVERT_TIMEOUT_MS = 60_000;
/** Heap a conversion may use. */
const WORKER_HEAP_MB = 1024;
const WORKER_FILE = 'word-import-worker.mjs';

/** The build the server runs from, when it runs (scripts/serve.mjs says). */
function servingFrom(): string | undefined {
  return (globalThis as { [key: symbol]: { distDir?: string } | undefined })[Symbol.for('salesbook.serving')]?.distDir;
}

/** Converts a Word file, in a worker thread when a server runs; throws WordImportError when the file is refused. */
export function convertWordBytes(bytes: Buffer, fileName: string, imageMark: string): Promise<ConvertedDocument> {
  const dist = servingFrom();
  const script = dist ? join(dist, WORKER_FILE) : undefined;
  if (!script || !existsSync(script)) return convertDocx(bytes, { fileName, imageUrl: (name) => `${imageMark}${name}` });
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let settled = false;
    const settle = (result: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      result();
    };
    const timer = setTimeout(() => settle(() => reject(new WordImportError('too-slow', `took over ${CONVERT_TIMEOUT_MS / 1000} s`))), CONVERT_TIMEOUT_MS);
    worker.once('message', (reply: ConvertReply) =>
      settle(() => {
        if (!reply.ok) return reject(new WordImportError(reply.reason));
        // Buffers come back as plain byte arrays.
        const { converted } = reply;
        resolve({ ...converted, images: converted.images.map((image) => ({ ...image, bytes: Buffer.from(image.bytes) })) });
      }),
    );
    // Out of memory, or a crash in a library: the file cannot be read.
    worker.once('error', (error: Error) => settle(() => reject(new WordImportError(/heap|memory/i.test(error.message) ? 'too-large' : 'corrupt', error.message))));
    worker.once('exit', (code) => settle(() => reject(new WordImportError('corrupt', `the converter stopped (${code})`))));
    const request: ConvertRequest = { bytes, fileName, imageMark };
    worker.postMessage(request);
  });
}
