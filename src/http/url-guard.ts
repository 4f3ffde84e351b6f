/**
 * SSRF guard for every URL the bridge calls on an admin's or an upstream system's word (the ServiceNow
 * instance, the OnCall API, the inbound alert URL OnCall hands back): the bridge calls them from inside the
 * network, so only https to a public address is accepted. A host name is checked twice: `urlProblem` refuses
 * names and literal addresses that are private on their face, and `guardedLookup` resolves the name when
 * the connection is made, refuses it if any address is private, and hands exactly the checked addresses to
 * the socket, so a name that re-resolves to a private address between check and connect (DNS rebinding)
 * gains nothing. `BRIDGE_ALLOW_INSECURE_URLS=true` (development, the emulators) turns both off.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const REFUSED = 'must not point at a loopback, private, link-local or other special-purpose address';

export function urlProblem(value: string, allowInsecure: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not contain credentials';
  if (url.protocol !== 'https:' && !(allowInsecure && url.protocol === 'http:')) {
    return allowInsecure
      ? 'must be an http(s) URL'
      : 'must be an https URL (set BRIDGE_ALLOW_INSECURE_URLS=true for development)';
  }
  if (!allowInsecure && isPrivateHost(url.hostname)) return REFUSED;
  return undefined;
}

/** A guarded call was refused: its URL, or an address its host name resolved to, is not public. */
export class UrlRefusedError extends Error {
  override readonly name = 'UrlRefusedError';
  readonly code = 'EURLREFUSED';
}

/** Resolves every address of a name, as `dns.lookup` with `all: true` does. */
export type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for sockets (net, http, https, tls) that fails with `UrlRefusedError` when any address of the
 * name is not public, and otherwise hands the socket exactly the addresses it checked: there is no second
 * resolution for a rebinding name to answer differently.
 */
export function guardedLookupWith(resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((entry) => isPrivateAddress(entry.address));
      if (refused || addresses.length === 0) {
        const reason = refused ? `resolves to ${refused.address}, a non-public address` : 'has no address';
        return callback(new UrlRefusedError(`${hostname} ${reason}`), '', 0);
      }
      if (options.all) return (callback as (e: null, all: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

export const guardedLookup = guardedLookupWith((hostname, options, callback) => dnsLookup(hostname, options, callback));

function isPrivateHost(hostname: string): boolean {
  // A trailing dot names the same host ("localhost." is localhost).
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal')) return true;
  return isIP(host) !== 0 && isPrivateAddress(host);
}

/**
 * IANA's special-purpose registries (RFC 6890 and later) and multicast: every range that is not a plain
 * global unicast address. Embedded-IPv4 forms (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo) are
 * refused whole: the bridge has no reason to reach a public host through them.
 */
// Two lists: a BlockList also checks an IPv4 address against its IPv6 rules (as IPv4-mapped), and the
// whole IPv4-mapped range is refused below.
const SPECIAL_V4 = new BlockList();
const SPECIAL_V6 = new BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.31.196.0', 24], // AS112
  ['192.52.193.0', 24], // AMT
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['192.175.48.0', 24], // AS112
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  SPECIAL_V4.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 96], // unspecified, loopback, IPv4-compatible
  ['::ffff:0:0', 96], // IPv4-mapped
  ['::ffff:0:0:0', 96], // IPv4-translated
  ['64:ff9b::', 96], // NAT64
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments, Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4
  ['3fff::', 20], // documentation
  ['5f00::', 16], // segment routing
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  SPECIAL_V6.addSubnet(prefix, bits, 'ipv6');
}

/** Whether `address` (an IPv4 or IPv6 literal) is in a range the bridge never calls. */
export function isPrivateAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 0) return true;
  return version === 4 ? SPECIAL_V4.check(address, 'ipv4') : SPECIAL_V6.check(address, 'ipv6');
}
