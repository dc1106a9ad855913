import { describe, expect, it } from 'vitest';
import { asFault, ClickShareFault, faultForStatus } from './clickshare-fault.ts';

describe('ClickShare faults', () => {
  it('words each HTTP status the unit may answer', () => {
    expect(faultForStatus(200, 'GET /x')).toBeNull();
    expect(faultForStatus(204, 'PATCH /x')).toBeNull();
    expect(faultForStatus(401, 'GET /x')).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/"passwordFile"/) });
    expect(faultForStatus(503, 'GET /x')).toMatchObject({ code: 'server-error', message: 'the unit failed (503) on GET /x' });
    expect(faultForStatus(404, 'POST /x')).toMatchObject({ code: 'refused', message: 'the unit refused POST /x (404)' });
  });

  it('tells an unreachable unit from an untrusted certificate, and keeps a fault as it is', () => {
    expect(asFault(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4003'), { code: 'ECONNREFUSED' })).code).toBe('unreachable');
    expect(asFault(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })).code).toBe('certificate-untrusted');
    expect(asFault(Object.assign(new Error("Hostname/IP does not match certificate's altnames"), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' })).code).toBe('certificate-untrusted');
    const fault = new ClickShareFault('no-answer', 'slow');
    expect(asFault(fault)).toBe(fault);
    expect(asFault('odd')).toMatchObject({ code: 'unreachable', message: 'the connection to the unit failed: odd' });
  });
});
