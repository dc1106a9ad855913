import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { guessPublicUrl, isLoopback } from './public-url.ts';

const address = (ip: string, internal: boolean): NetworkInterfaceInfo => ({ address: ip, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null });
const interfaces = [address('127.0.0.1', true), address('192.0.2.10', false)];

describe('the address QR codes and the pairing text give, without LINTEL_PUBLIC_URL', () => {
  it('is the first external address when the bridge listens on every address', () => {
    expect(guessPublicUrl(8080, undefined, interfaces)).toBe('http://192.0.2.10:8080/');
    expect(guessPublicUrl(8080, '0.0.0.0', interfaces)).toBe('http://192.0.2.10:8080/');
    expect(guessPublicUrl(8080, '::', [address('127.0.0.1', true)])).toBe('http://localhost:8080/');
  });

  it('is the one address the bridge listens on, when LINTEL_HOST names one: loopback too, never an address it does not serve', () => {
    expect(guessPublicUrl(8080, '127.0.0.1', interfaces)).toBe('http://127.0.0.1:8080/');
    expect(guessPublicUrl(8080, '::1', interfaces)).toBe('http://[::1]:8080/');
    expect(guessPublicUrl(8080, '198.51.100.7', interfaces)).toBe('http://198.51.100.7:8080/');
    expect([isLoopback('127.0.0.1'), isLoopback('localhost'), isLoopback('::1'), isLoopback('0.0.0.0'), isLoopback(undefined)]).toEqual([true, true, true, false, false]);
  });
});
