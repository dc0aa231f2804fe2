import { isIPv4, isIPv6 } from 'node:net';

/**
 * The address a sign-in attempt is counted against. Behind a proxy trusted with
 * SALESBOOK_TRUST_PROXY=1 it is the last X-Forwarded-For entry, the one that proxy added (earlier
 * entries are whatever the client sent); otherwise the socket's. An IPv6 client is counted by its
 * /64, which one subscriber usually holds whole, and an IPv4 address mapped into IPv6 as itself.
 */
export function clientAddressOf(headers: Headers, socketAddress: string, trustProxy: boolean): string {
  const forwarded = trustProxy ? headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
  return normalizeAddress(forwarded || socketAddress);
}

export function normalizeAddress(address: string): string {
  const plain = address.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (!isIPv6(plain)) return plain;
  const [head = '', tail] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
