import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DisplayControlConfig } from '../../../../shared/display-control-config.ts';

const problem = (display: unknown) => {
  const parsed = DisplayControlConfig.safeParse(display);
  return parsed.success ? null : z.prettifyError(parsed.error);
};

describe('a room\'s "display" in the rooms file', () => {
  it('reads each protocol as issue 21 gives it, with its defaults', () => {
    expect(DisplayControlConfig.parse({ protocol: 'samsung-mdc', path: '/dev/ttyUSB0' })).toEqual({ protocol: 'samsung-mdc', path: '/dev/ttyUSB0', id: 1 });
    expect(DisplayControlConfig.parse({ protocol: 'samsung-mdc', host: '10.0.0.5', port: 1515, id: 2 })).toEqual({ protocol: 'samsung-mdc', host: '10.0.0.5', port: 1515, id: 2 });
    expect(DisplayControlConfig.parse({ protocol: 'lg', path: '/dev/ttyUSB1', setId: 1 })).toEqual({ protocol: 'lg', path: '/dev/ttyUSB1', setId: 1 });
    expect(DisplayControlConfig.parse({ protocol: 'nec', host: '10.0.0.6', port: 7142, monitorId: 'A' })).toEqual({ protocol: 'nec', host: '10.0.0.6', port: 7142, monitorId: 1 });
    expect(DisplayControlConfig.parse({ protocol: 'nec', path: '/dev/ttyS0', monitorId: 12 })).toMatchObject({ monitorId: 12 });
    expect(DisplayControlConfig.parse({ protocol: 'cec', device: '/dev/ttyACM0' })).toEqual({ protocol: 'cec', device: '/dev/ttyACM0' });
  });

  it('says plainly what is missing or wrong', () => {
    expect(problem({ protocol: 'samsung-mdc' })).toMatch(/give the display's serial "path" \(RS-232, e\.g\. \/dev\/ttyUSB0\) or its "host"/);
    expect(problem({ protocol: 'nec', monitorId: 1 })).toMatch(/serial "path".*or its "host"/);
    expect(problem({ protocol: 'samsung-mdc', path: '/dev/ttyUSB0', host: '10.0.0.5' })).toMatch(/give "path" or "host", not both/);
    expect(problem({ protocol: 'samsung-mdc', path: '/dev/ttyUSB0', port: 1515 })).toMatch(/"port" goes with "host"/);
    expect(problem({ protocol: 'samsung-mdc', host: '10.0.0.5', id: 254 })).toMatch(/id/);
    expect(problem({ protocol: 'samsung-mdc', host: '10.0.0.5', secure: true })).toMatch(/Unrecognized key: "secure"/);
    expect(problem({ protocol: 'lg', path: '/dev/ttyUSB0', setId: 0 })).toMatch(/setId/);
    expect(problem({ protocol: 'nec', host: '10.0.0.6', monitorId: '*' })).toMatch(/monitorId/);
    expect(problem({ protocol: 'sony', host: '10.0.0.7' })).toMatch(/'samsung-mdc' \| 'lg' \| 'nec' \| 'cec'/);
  });

  it('describes every field for the published JSON Schema', () => {
    const schema = z.toJSONSchema(DisplayControlConfig, { io: 'input' }) as { oneOf: { properties: Record<string, { description?: string }> }[] };
    const fields = schema.oneOf.flatMap((shape) => Object.entries(shape.properties));
    expect(fields.map(([name]) => name)).toEqual(expect.arrayContaining(['path', 'host', 'port', 'id', 'setId', 'monitorId', 'device']));
    for (const [name, field] of fields) expect(field.description, name).toBeTruthy();
  });
});
