import { describe, expect, it } from 'vitest';
import { clientOf } from './client.ts';

describe('client', () => {
  it('is the connection’s address, an IPv4 peer the same however the server listens', () => {
    expect(clientOf({ address: '192.0.2.7' })).toBe('address:192.0.2.7');
    expect(clientOf({ address: '::ffff:192.0.2.7' })).toBe(clientOf({ address: '192.0.2.7' }));
    expect(clientOf({ address: '2001:DB8::1' })).toBe(clientOf({ address: '2001:db8::1' }));
    expect(clientOf({ address: '::ffff:2001:db8::1' })).toBe('address:::ffff:2001:db8::1');
  });

  it('counts a request whose peer is gone as one unknown client, and a base unit as neither', () => {
    expect(clientOf({ address: undefined })).toBe('address:unknown');
    expect(clientOf({ baseUnit: 'harbour' })).toBe('base-unit:harbour');
    expect(clientOf({ baseUnit: 'harbour' })).not.toBe(clientOf({ address: 'harbour' }));
  });
});
