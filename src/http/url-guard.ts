/**
 * SSRF guard for the URLs an admin configures (ServiceNow instance, OnCall API): the bridge calls them from
 * inside the network, so only https to a public host name is accepted. `BRIDGE_ALLOW_INSECURE_URLS=true`
 * (development, the emulators) also allows http and loopback.
 */
import { isIP } from 'node:net';

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
  if (!allowInsecure && isPrivateHost(url.hostname)) {
    return 'must not point at a loopback, private or link-local address';
  }
  return undefined;
}

function isPrivateHost(hostname: string): boolean {
  // A trailing dot names the same host ("localhost." is localhost).
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal')) return true;
  const version = isIP(host);
  if (version === 4) return isPrivateV4(host);
  if (version === 6) return isPrivateV6(host);
  return false;
}

/** Loopback, private, link-local, CGNAT, benchmarking, multicast and reserved ranges. */
function isPrivateV4(host: string): boolean {
  const [a = 0, b = 0] = host.split('.').map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 198 && (b === 18 || b === 19))
  );
}

/** Loopback, unspecified, unique-local (fc00::/7), link-local (fe80::/10) and IPv4-mapped addresses. */
function isPrivateV6(host: string): boolean {
  return (
    host === '::1' ||
    host === '::' ||
    host.startsWith('fc') ||
    host.startsWith('fd') ||
    /^fe[89ab]/.test(host) ||
    host.startsWith('::ffff:')
  );
}
