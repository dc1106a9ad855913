import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/**
 * The address a phone or another display would use to reach this bridge
 * when LINTEL_PUBLIC_URL does not say: one it serves. Listening on every
 * address (the default), the first external IPv4 address, `localhost` only
 * as a last resort (a QR code pointing there opens the phone itself);
 * listening on one address (LINTEL_HOST), that one, loopback included: an
 * address it does not serve would be a link that never opens.
 */
export function guessPublicUrl(port: number, host: string | undefined, interfaces: readonly (NetworkInterfaceInfo | undefined)[] = Object.values(networkInterfaces()).flat()): string {
  if (host !== undefined && !isWildcard(host)) return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}/`;
  const external = interfaces.find((address) => address !== undefined && address.family === 'IPv4' && !address.internal);
  return `http://${external?.address ?? 'localhost'}:${port}/`;
}

/** Whether only this computer reaches a bridge listening on `host`. */
export function isLoopback(host: string | undefined): boolean {
  return host === 'localhost' || host === '::1' || (host !== undefined && /^127\./.test(host));
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}
