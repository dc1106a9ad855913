import { describe, expect, it } from 'vitest';
import { pairingLinks } from './pairing-link.ts';

describe('pairing links', () => {
  it('shows the bare admin address and puts the code in the scanned one', () => {
    expect(pairingLinks('http://bridge.local:8080/admin/', 'ABCDEF23')).toEqual({
      typed: 'http://bridge.local:8080/admin/',
      scanned: 'http://bridge.local:8080/admin/?code=ABCDEF23',
    });
  });

  it('replaces a code the bridge already put in the address', () => {
    expect(pairingLinks('https://rooms.example.com/admin/?code=OLD', 'ABCDEF23')).toEqual({
      typed: 'https://rooms.example.com/admin/',
      scanned: 'https://rooms.example.com/admin/?code=ABCDEF23',
    });
  });

  it('falls back to the address as given when it is not a URL', () => {
    expect(pairingLinks('bridge/admin', 'ABCDEF23')).toEqual({ typed: 'bridge/admin', scanned: 'bridge/admin' });
  });
});
