// Ids of new documents, chosen from their titles: the id names the file and the address
// (`/docs/<id>/`), so it is Latin letters, digits and hyphens, and never one that exists.

const RUSSIAN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
  // The number sign says nothing in an address: «Приказ № 12» is prikaz-12.
  '№': ' ',
};

/** Longest id proposed: enough for a title's first words, short enough for an address. */
export const MAX_ID_LENGTH = 60;

/** The id a title proposes: transliterated (ICAO 9303, as Russian passports write names), lower case, words joined by hyphens. */
export function idFromTitle(title: string): string {
  const latin = [...title.toLowerCase().normalize('NFC')].map((ch) => RUSSIAN[ch] ?? ch).join('');
  const words = latin
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let id = '';
  for (const word of words) {
    const next = id ? `${id}-${word}` : word;
    if (next.length > MAX_ID_LENGTH) break;
    id = next;
  }
  return id || 'document';
}

/** `id`, or `id-2`, `id-3` … : the first that no existing entry has. */
export function freeId(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  for (let n = 2; ; n++) if (!taken.has(`${id}-${n}`)) return `${id}-${n}`;
}
