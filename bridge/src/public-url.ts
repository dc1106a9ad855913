import { networkInterfaces } from 'node:os';

/**
 * The address a phone on the same network would use to reach this bridge:
 * the first external IPv4 address. `localhost` is only a last resort, since a
 * QR code pointing there opens the phone itself.
 */
export function guessPublicUrl(port: number): string {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal);
  return `http://${external?.address ?? 'localhost'}:${port}/`;
}
