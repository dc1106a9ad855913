import { describe, expect, it } from 'vitest';
import { occupancyOf } from './occupancy-payload.ts';

const read = (payload: string) => occupancyOf(Buffer.from(payload));

describe('an occupancy payload', () => {
  it("reads Home Assistant's ON and OFF", () => {
    expect(read('ON')).toBe(true);
    expect(read('OFF')).toBe(false);
    expect(read(' ON\n')).toBe(true);
  });

  it('reads JSON with a boolean occupancy, whatever else it carries', () => {
    expect(read('{"occupancy": true}')).toBe(true);
    expect(read('{"occupancy": false}')).toBe(false);
    expect(read('{"battery":97,"illuminance":12,"occupancy":true,"linkquality":72}')).toBe(true);
  });

  it('says nothing for anything else', () => {
    for (const garbage of ['', 'on', 'off', '1', '0', 'true', 'null', '[]', '{', '{"occupancy":"ON"}', '{"occupancy":1}', '{"people":2}', 'ONE']) {
      expect(read(garbage), garbage).toBeUndefined();
    }
  });
});
