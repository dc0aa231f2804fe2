import yauzl from 'yauzl';
import { MAX_DOCX_BYTES, MAX_UNPACKED_BYTES, WordImportError } from './refusal';

// A .docx is a zip of XML parts and pictures. Before any of it is read as a document, the file must be
// one: not too large, not an old .doc or a password-protected file, a zip that opens, holds Word's main
// part and unpacks to a sane size. Every entry is inflated here with a hard cap, so a file whose zip
// headers understate what it holds is refused before the converter reads it.

/** An old .doc, or a .docx protected by a password, which Word keeps inside an OLE compound file. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
/** A zip starts with a local file header, or with the end of the directory when it is empty. */
const ZIP_MAGICS = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

/** The parts every Word document has. */
const REQUIRED_PARTS = ['[Content_Types].xml', 'word/document.xml'];

/** More entries than any document has: a zip of thousands of tiny entries is an attack too. */
const MAX_ENTRIES = 10_000;

/** The package's XML parts that the report reads: the document, its styles, comments, headers and footers. */
const isReportPart = (name: string) => /^word\/[^/]+\.xml$/.test(name);

const startsWith = (bytes: Buffer, magic: Buffer) => bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic);

/** A refusal for what the zip reader said: an entry that inflates past its declared size is a bomb; anything else, a broken file. */
function refusalOf(error: unknown): WordImportError {
  if (error instanceof WordImportError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new WordImportError(/too many bytes/i.test(message) ? 'zip-bomb' : 'corrupt', message);
}

/**
 * Checks that `bytes` are a Word document that can be unpacked safely, and returns the XML parts the
 * report reads, unpacked (the converter reads the rest itself). Throws WordImportError with the reason.
 */
export async function checkWordPackage(bytes: Buffer): Promise<Map<string, Buffer>> {
  if (bytes.length > MAX_DOCX_BYTES) throw new WordImportError('too-large', `${bytes.length} bytes`);
  if (bytes.length === 0) throw new WordImportError('empty');
  if (startsWith(bytes, OLE_MAGIC)) throw new WordImportError('protected-or-legacy');
  if (!ZIP_MAGICS.some((magic) => startsWith(bytes, magic))) throw new WordImportError('not-docx', 'not a zip');

  let zip: yauzl.ZipFile;
  const entries: yauzl.Entry[] = [];
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true });
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      declared += entry.uncompressedSize;
      if (declared > MAX_UNPACKED_BYTES) throw new WordImportError('zip-bomb', `entries declare over ${MAX_UNPACKED_BYTES} bytes`);
      entries.push(entry);
      if (entries.length > MAX_ENTRIES) throw new WordImportError('zip-bomb', `over ${MAX_ENTRIES} entries`);
    }
  } catch (error) {
    throw refusalOf(error);
  }

  const names = new Set(entries.map((entry) => entry.fileName));
  if (!REQUIRED_PARTS.every((name) => names.has(name))) throw new WordImportError('not-docx', 'no Word document inside the zip');
  // Word protects a document with a password by wrapping it in an OLE file; a zip whose entries are encrypted was locked by an archiver.
  if (entries.some((entry) => entry.isEncrypted())) throw new WordImportError('protected-or-legacy', 'encrypted zip entries');

  const parts = new Map<string, Buffer>();
  const budget = { left: MAX_UNPACKED_BYTES };
  for (const entry of entries) {
    if (entry.fileName.endsWith('/')) continue;
    const content = await inflate(zip, entry, budget, isReportPart(entry.fileName));
    if (content) parts.set(entry.fileName, content);
  }
  return parts;
}

/**
 * Inflates one entry, counting what comes out: past the size the entry declares, or past what is left of
 * the whole file's budget, it stops and the file is refused, whatever the headers said.
 */
async function inflate(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: { left: number }, keep: boolean): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    if (!entry.canDecodeFileData()) throw new WordImportError('corrupt', `${entry.fileName}: unknown compression`);
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      budget.left -= chunk.length;
      if (size > entry.uncompressedSize || budget.left < 0) {
        stream.destroy();
        throw new WordImportError('zip-bomb', `${entry.fileName} inflates past its declared size or the limit`);
      }
      if (keep) chunks.push(chunk);
    }
  } catch (error) {
    throw refusalOf(error);
  }
  return keep ? Buffer.concat(chunks) : undefined;
}
