// Pictures of a Word document that a browser shows, recognised by their first bytes rather than by
// the name or type the file gives them: the portal serves them with this type.

export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** A picture taken from the document, to be stored beside it and served at `imageUrl(name)`. */
export interface ImportedImage {
  /** image-1.png, image-2.jpeg …, in the order the pictures appear. */
  name: string;
  contentType: ImageType;
  bytes: Buffer;
}

const EXTENSIONS: Readonly<Record<ImageType, string>> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };

const begins = (bytes: Buffer, offset: number, magic: string) => bytes.length >= offset + magic.length && bytes.toString('latin1', offset, offset + magic.length) === magic;

/** The type of a picture a browser shows, by its signature; undefined for EMF, WMF, TIFF, BMP and anything else. */
export function imageTypeOf(bytes: Buffer): ImageType | undefined {
  if (begins(bytes, 0, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (begins(bytes, 0, '\xff\xd8\xff')) return 'image/jpeg';
  if (begins(bytes, 0, 'GIF87a') || begins(bytes, 0, 'GIF89a')) return 'image/gif';
  if (begins(bytes, 0, 'RIFF') && begins(bytes, 8, 'WEBP')) return 'image/webp';
  return undefined;
}

/** The file name of the `position`-th picture (from 1). */
export const imageName = (position: number, type: ImageType) => `image-${position}.${EXTENSIONS[type]}`;
