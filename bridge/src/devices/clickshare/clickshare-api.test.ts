import { describe, expect, it } from 'vitest';
import { Personalization, PowerManagement, powerOf, readAnswer, SystemStatus } from './clickshare-api.ts';

describe("reading a ClickShare unit's answers", () => {
  it("reads the members Barco's reference lists, whatever else newer firmware adds", () => {
    const status = { currentUptime: 1809, errorCode: 'Ok', errorMessage: '', firstUsed: '2019-09-27 03:24:36', inUse: true, sharing: false, totalUptime: 2291 };
    expect(readAnswer(JSON.stringify(status), SystemStatus, 'GET status')).toEqual({ inUse: true, sharing: false });
    expect(readAnswer('{"status":"Standby","standbyTimeout":"30","supportedStatuses":["On","Standby"]}', PowerManagement, 'GET power')).toEqual({ status: 'Standby' });
    expect(readAnswer('{"meetingRoomName":"MR Antarctica","location":"South"}', Personalization, 'GET name')).toEqual({ meetingRoomName: 'MR Antarctica' });
  });

  it('calls anything else an unexpected payload, saying which request', () => {
    expect(() => readAnswer('<html>', SystemStatus, 'GET status')).toThrow(expect.objectContaining({ code: 'unexpected-payload', message: expect.stringMatching(/^GET status answered with something that is not JSON/) }));
    expect(() => readAnswer('{"inUse":"yes","sharing":false}', SystemStatus, 'GET status')).toThrow(expect.objectContaining({ code: 'unexpected-payload', message: expect.stringMatching(/inUse/) }));
  });

  it('maps the supported statuses to the power the admin page shows, and nothing else', () => {
    expect(powerOf('On')).toBe('on');
    expect(powerOf('Standby')).toBe('standby');
    expect(powerOf('Booting')).toBeNull();
  });
});
