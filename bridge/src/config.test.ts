import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

describe('bridge config', () => {
  it('has working defaults', () => {
    const result = parseConfig({});
    expect(result).toMatchObject({ ok: true, data: { port: 8080, logLevel: 'info', demoMeetings: true } });
    if (result.ok) expect(result.data.dataDir).toMatch(/lintel/);
  });

  it('reads the documented variables', () => {
    const result = parseConfig({ PORT: '9001', LINTEL_DATA_DIR: '/tmp/x', LINTEL_TIME_ZONE: 'Asia/Tokyo', LINTEL_DEMO_MEETINGS: 'false' });
    expect(result).toMatchObject({ ok: true, data: { port: 9001, dataDir: '/tmp/x', demoTimeZone: 'Asia/Tokyo', demoMeetings: false } });
  });

  it('lists every problem at once', () => {
    const result = parseConfig({ PORT: 'eighty', LINTEL_LOG_LEVEL: 'loud', LINTEL_TIME_ZONE: 'Nowhere/Land' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('PORT:');
    expect(result.message).toContain('LINTEL_LOG_LEVEL:');
    expect(result.message).toContain('LINTEL_TIME_ZONE:');
  });
});
