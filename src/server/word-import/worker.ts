import { parentPort } from 'node:worker_threads';
import { convertDocx, WordImportError, type ConvertedDocument, type ImportRefusal } from './index';

// Converts one Word file in a thread of its own (src/server/word-import/in-worker.ts), so that a long
// or hostile file never holds up the thread that answers people's requests.

export interface ConvertRequest {
  bytes: Uint8Array;
  fileName: string;
  /** What stands before each image's name in the body, where the caller puts the image's address. */
  imageMark: string;
}

export type ConvertReply = { ok: true; converted: ConvertedDocument } | { ok: false; reason: ImportRefusal };

parentPort?.once('message', async (request: ConvertRequest) => {
  let reply: ConvertReply;
  try {
    const converted = await convertDocx(Buffer.from(request.bytes), { fileName: request.fileName, imageUrl: (name) => `${request.imageMark}${name}` });
    reply = { ok: true, converted };
  } catch (error) {
    reply = { ok: false, reason: error instanceof WordImportError ? error.reason : 'corrupt' };
  }
  parentPort!.postMessage(reply);
});
