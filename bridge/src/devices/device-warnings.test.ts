import { describe, expect, it } from 'vitest';
import type { AdminDevice } from '../../../shared/admin-api.ts';
import { deviceWarnings } from './device-warnings.ts';

const display = (device: Partial<AdminDevice>): AdminDevice => ({
  kind: 'display',
  describe: 'Samsung MDC at 10.0.0.5:1515, display id 1',
  connected: true,
  lastContactAt: '2026-11-23T09:00:00.000Z',
  power: 'on',
  lastFault: null,
  ...device,
});

describe('deviceWarnings', () => {
  it('warns of a device that lost its connection with a fault, not answering since it last answered', () => {
    const lastFault = { code: 'no-answer', text: 'no answer to power status within 2 s', at: '2026-11-23T11:30:00.000Z' };
    expect(deviceWarnings('harbour', [display({ connected: false, lastFault })])).toEqual([
      { code: 'device-not-answering', roomId: 'harbour', message: 'Samsung MDC at 10.0.0.5:1515, display id 1: no answer to power status within 2 s', since: '2026-11-23T09:00:00.000Z' },
    ]);
  });

  it('dates a device that never answered by its fault, and says nothing of one that answers again or never faulted', () => {
    const lastFault = { code: 'unreachable', text: 'connection refused', at: '2026-11-23T11:30:00.000Z' };
    expect(deviceWarnings('harbour', [display({ connected: false, lastContactAt: null, lastFault })])[0]?.since).toBe('2026-11-23T11:30:00.000Z');
    expect(deviceWarnings('harbour', [display({ lastFault })])).toEqual([]);
    expect(deviceWarnings('harbour', [display({ connected: false })])).toEqual([]);
  });
});
