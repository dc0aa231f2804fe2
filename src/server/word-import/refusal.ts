// Why a Word file is refused before anything in it is read: each reason has its message for the
// head who brought the file (src/i18n/word-import.ts), saying what to do about it.

/** A .docx over this is refused: regulations with their pictures are far below it. */
export const MAX_DOCX_BYTES = 20 * 1024 * 1024;

/** Total unpacked size of the file's zip: over it, the file is a zip bomb, not a document. */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

export type ImportRefusal = 'too-large' | 'not-docx' | 'protected-or-legacy' | 'corrupt' | 'zip-bomb' | 'empty' | 'too-slow';

/** A Word file that cannot be imported, and why. */
export class WordImportError extends Error {
  readonly reason: ImportRefusal;

  constructor(reason: ImportRefusal, detail?: string) {
    super(detail ? `Salesbook cannot import this Word file (${reason}): ${detail}` : `Salesbook cannot import this Word file (${reason}).`);
    this.name = 'WordImportError';
    this.reason = reason;
  }
}
