import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../shared/errors.ts';
import { PAIRING_ALPHABET } from '../../../shared/pairing-code.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { PairingCodes } from './pairing-codes.ts';

const linkOk = (displayId: string) => ok(displayId);

describe('pairing codes', () => {
  it('shows a display the same code until it expires after 10 minutes, then a new one', () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const codes = new PairingCodes(openTestDatabase(), clock);
    const first = codes.issue('display-0001-aaaa')!;
    expect(first.code).toHaveLength(8);
    expect([...first.code].every((char) => PAIRING_ALPHABET.includes(char))).toBe(true);
    expect(PAIRING_ALPHABET).not.toMatch(/[01IOLU]/);
    clock.advance(9 * 60_000);
    expect(codes.issue('display-0001-aaaa')!.code).toBe(first.code);
    clock.advance(60_000);
    expect(codes.issue('display-0001-aaaa')!.code).not.toBe(first.code);
    expect(codes.redeem(first.code, 'admin', linkOk)).toMatchObject({ ok: false, code: 'pairing-code-expired' });
  });

  it('is used up only by a link that succeeds; a code whose link keeps failing is burned after 5 tries', () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const codes = new PairingCodes(openTestDatabase(), clock);
    const { code } = codes.issue('display-0002-bbbb')!;
    for (let n = 0; n < 5; n++) expect(codes.redeem(code, 'admin', () => fail('room-not-found', 'no'))).toMatchObject({ code: 'room-not-found' });
    expect(codes.redeem(code, 'admin', linkOk)).toMatchObject({ ok: false, code: 'pairing-code-expired' });
    const fresh = codes.issue('display-0002-bbbb')!.code;
    expect(fresh).not.toBe(code);
    expect(codes.redeem(fresh.toLowerCase(), 'admin', linkOk)).toEqual({ ok: true, data: 'display-0002-bbbb' });
    expect(codes.redeem(fresh, 'admin', linkOk)).toMatchObject({ ok: false, code: 'pairing-code-used' });
  });

  it('makes everyone wait once 100 wrong codes came in 10 minutes, however many clients sent them', () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const codes = new PairingCodes(openTestDatabase(), clock);
    const { code } = codes.issue('display-0003-cccc')!;
    for (let n = 0; n < 100; n++) codes.redeem('2222-2222', `client-${n}`, linkOk);
    expect(codes.redeem(code, 'someone-new', linkOk)).toMatchObject({ ok: false, code: 'too-many-attempts' });
    expect(codes.waitMs('someone-new')).toBe(10 * 60_000);
    clock.advance(10 * 60_000);
    expect(codes.waitMs('someone-new')).toBe(0);
  });

  it('never gives two displays the same live code', () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const picks = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1];
    const codes = new PairingCodes(openTestDatabase(), clock, () => picks.shift() ?? 2);
    expect(codes.issue('display-0004-dddd')!.code).toBe('22222222');
    expect(codes.issue('display-0005-eeee')!.code).toBe('33333333');
  });

  it('shares codes through the store: a display keeps its code across a restart, and another bridge process redeems it once', () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const db = openTestDatabase();
    const { code } = new PairingCodes(db, clock).issue('display-0006-ffff')!;
    const [restarted, other] = [new PairingCodes(db, clock), new PairingCodes(db, clock)];
    expect(restarted.issue('display-0006-ffff')!.code).toBe(code);
    expect(other.redeem(code, 'admin', linkOk)).toEqual(ok('display-0006-ffff'));
    expect(restarted.redeem(code, 'admin', linkOk)).toMatchObject({ ok: false, code: 'pairing-code-used' });
    expect(restarted.issue('display-0006-ffff')!.code).not.toBe(code);
  });
});
