import { isIPv4 } from 'node:net';

/** Who sent a request, as far as the bridge can tell: what its limits are counted against. */
export type Client = string & { readonly __brand: 'Client' };

/**
 * What a request says about its sender: a paired display (its credential
 * proved it), a phone's room link (everyone who scanned the same QR code
 * shares it), the peer address of the connection it came over
 * (`req.socket.remoteAddress`, socket.io's `handshake.address`), or the room
 * whose base unit, wired to the bridge, pressed a button. Proof names the
 * client before any address: displays behind one proxy are not one client.
 */
export type ClientSource = { address: string | undefined } | { baseUnit: string } | { display: string } | { roomLink: string };

/**
 * The client a request counts against. An address is the connection's own
 * peer, never a header: the bridge sets no `trust proxy`, because without a
 * setting naming the proxy in front of it, `X-Forwarded-For` is whatever the
 * client wrote, and a guesser would give itself a fresh address (or another
 * display's, to lock it out) with every request. The price: everyone a
 * reverse proxy relays counts as one client, the proxy.
 */
export function clientOf(source: ClientSource): Client {
  if ('baseUnit' in source) return `base-unit:${source.baseUnit}` as Client;
  if ('display' in source) return `display:${source.display}` as Client;
  if ('roomLink' in source) return `room-link:${source.roomLink}` as Client;
  return `address:${plainAddress(source.address ?? 'unknown')}` as Client;
}

/** An IPv4 peer of a server listening on IPv6 too comes as `::ffff:192.0.2.7`: the same client as `192.0.2.7`. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(.+)$/i.exec(address)?.[1];
  return mapped !== undefined && isIPv4(mapped) ? mapped : address.toLowerCase();
}
