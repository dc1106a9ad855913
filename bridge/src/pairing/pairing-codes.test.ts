import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../shared/errors.ts';
import { PAIRING_ALPHABET } from '../../../shared/pairing-code.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { clientOf } from '../limits/client.ts';
import { displayCredentialHash } from '../access/display-credential.ts';
import { PairingCodes, type CodeGuesser, type CodeOwner } from './pairing-codes.ts';

const linkOk = ({ displayId }: CodeOwner) => ok(displayId);
/** An admin typing codes from an address. */
const admin = (adminId: string, address = '192.0.2.1'): CodeGuesser => ({ adminId, client: clientOf({ address }) });
const wrongCode = '2222-2222';

describe('pairing codes', () => {
  it('shows a display the same code until it expires after 10 minutes, then a new one', () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const codes = new PairingCodes(openTestDatabase(), clock);
    const first = codes.issue('display-0001-aaaa', undefined)!;
    expect(first.code).toHaveLength(8);
    expect([...first.code].every((char) => PAIRING_ALPHABET.includes(char))).toBe(true);
    expect(PAIRING_ALPHABET).not.toMatch(/[01IOLU]/);
    clock.advance(9 * 60_000);
    expect(codes.issue('display-0001-aaaa', first.credential)).toEqual({ code: first.code, expiresAt: first.expiresAt });
    clock.advance(60_000);
    expect(codes.issue('display-0001-aaaa', first.credential)!.code).not.toBe(first.code);
    expect(codes.redeem(first.code, admin('ada'), linkOk)).toMatchObject({ ok: false, code: 'pairing-code-expired' });
  });

  it('is used up only by a link that succeeds; a code whose link keeps failing is burned after 5 tries', () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const codes = new PairingCodes(openTestDatabase(), clock);
    const { code } = codes.issue('display-0002-bbbb', undefined)!;
    for (let n = 0; n < 5; n++) expect(codes.redeem(code, admin('ada'), () => fail('room-not-found', 'no'))).toMatchObject({ code: 'room-not-found' });
    expect(codes.redeem(code, admin('ada'), linkOk)).toMatchObject({ ok: false, code: 'pairing-code-expired' });
    const fresh = codes.issue('display-0002-bbbb', undefined)!.code;
    expect(fresh).not.toBe(code);
    expect(codes.redeem(fresh.toLowerCase(), admin('ada'), linkOk)).toEqual({ ok: true, data: 'display-0002-bbbb' });
    expect(codes.redeem(fresh, admin('ada'), linkOk)).toMatchObject({ ok: false, code: 'pairing-code-used' });
  });

  it('makes an admin wait after 10 wrong codes in 10 minutes, from wherever they come, a right code too, and no other admin', () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const codes = new PairingCodes(openTestDatabase(), clock);
    const { code } = codes.issue('display-0003-cccc', undefined)!;
    for (let n = 0; n < 10; n++) expect(codes.redeem(wrongCode, admin('mallory', `198.51.100.${n}`), linkOk)).toMatchObject({ code: 'pairing-code-invalid' });
    expect(codes.redeem(code, admin('mallory', '198.51.100.99'), linkOk)).toEqual({
      ok: false,
      code: 'too-many-attempts',
      message: 'Too many wrong pairing codes: try again in 600 s.',
      retryAfterMs: 10 * 60_000,
    });
    expect(codes.redeem(code, admin('ada', '198.51.100.0'), linkOk)).toEqual(ok('display-0003-cccc'));
    clock.advance(10 * 60_000);
    expect(codes.redeem(wrongCode, admin('mallory'), linkOk)).toMatchObject({ code: 'pairing-code-invalid' });
  });

  it('past 10 wrong codes from one address, an admin’s first wrong code there makes them wait, yet a right code always links', () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const codes = new PairingCodes(openTestDatabase(), clock);
    // Several admins behind one reverse proxy: one address.
    const first = codes.issue('display-0007-aaaa', undefined)!.code;
    expect(codes.redeem(first, admin('grace'), linkOk).ok).toBe(true);
    for (let n = 0; n < 10; n++) codes.redeem(wrongCode, admin(`guesser-${n}`), linkOk);

    const { code } = codes.issue('display-0008-bbbb', undefined)!;
    expect(codes.redeem(wrongCode, admin('ada'), linkOk)).toMatchObject({ code: 'pairing-code-invalid' });
    expect(codes.redeem(code, admin('ada'), linkOk)).toMatchObject({ code: 'too-many-attempts' });
    expect(codes.redeem(wrongCode, admin('grace'), linkOk)).toMatchObject({ code: 'pairing-code-invalid' });
    expect(codes.redeem(code, admin('grace'), linkOk)).toEqual(ok('display-0008-bbbb'));
    expect(codes.redeem(codes.issue('display-0009-cccc', undefined)!.code, admin('alan'), linkOk)).toEqual(ok('display-0009-cccc'));
    // Elsewhere, an admin still has their ten.
    expect(codes.redeem(wrongCode, admin('linus', '203.0.113.7'), linkOk)).toMatchObject({ code: 'pairing-code-invalid' });
    expect(codes.redeem(codes.issue('display-0010-dddd', undefined)!.code, admin('linus', '203.0.113.7'), linkOk)).toEqual(ok('display-0010-dddd'));
  });

  it('past 100 wrong codes from everyone in 10 minutes, still links an admin who holds a valid code', () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const codes = new PairingCodes(openTestDatabase(), clock);
    const { code } = codes.issue('display-0003-cccc', undefined)!;
    for (let n = 0; n < 100; n++) codes.redeem(wrongCode, admin(`guesser-${n}`, `198.51.${Math.floor(n / 5)}.${n % 5}`), linkOk);
    expect(codes.redeem(code, admin('someone-new', '203.0.113.1'), linkOk)).toEqual(ok('display-0003-cccc'));
    expect(codes.redeem(wrongCode, admin('another', '203.0.113.2'), linkOk)).toMatchObject({ code: 'pairing-code-invalid' });
    expect(codes.redeem(wrongCode, admin('another', '203.0.113.2'), linkOk)).toMatchObject({ code: 'too-many-attempts', retryAfterMs: 10 * 60_000 });
  });

  it('never gives two displays the same live code', () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const picks = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1];
    const codes = new PairingCodes(openTestDatabase(), clock, () => picks.shift() ?? 2);
    expect(codes.issue('display-0004-dddd', undefined)!.code).toBe('22222222');
    expect(codes.issue('display-0005-eeee', undefined)!.code).toBe('33333333');
  });

  it('shares codes through the store: a display keeps its code across a restart, and another bridge process redeems it once', () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const db = openTestDatabase();
    const { code, credential } = new PairingCodes(db, clock).issue('display-0006-ffff', undefined)!;
    const [restarted, other] = [new PairingCodes(db, clock), new PairingCodes(db, clock)];
    expect(restarted.issue('display-0006-ffff', credential)!.code).toBe(code);
    expect(other.redeem(code, admin('ada'), linkOk)).toEqual(ok('display-0006-ffff'));
    expect(restarted.redeem(code, admin('ada'), linkOk)).toMatchObject({ ok: false, code: 'pairing-code-used' });
    expect(restarted.issue('display-0006-ffff', credential)!.code).not.toBe(code);
  });

  it("gives a display's code only to the display holding its credential, and links that credential", () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const codes = new PairingCodes(openTestDatabase(), clock);
    const shown = codes.issue('display-0011-aaaa', undefined)!;
    expect(shown.credential).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Someone naming the same display id, with no credential or a made-up one, gets a code and credential of their own.
    const stranger = codes.issue('display-0011-aaaa', 'made-up')!;
    expect(stranger.code).not.toBe(shown.code);
    expect(stranger.credential).not.toBe(shown.credential);
    expect(codes.issue('display-0011-aaaa', shown.credential)!.code).toBe(shown.code);

    let linked: CodeOwner | undefined;
    codes.redeem(shown.code, admin('ada'), (owner) => ok((linked = owner)));
    expect(linked).toEqual({ displayId: 'display-0011-aaaa', credentialHash: displayCredentialHash(shown.credential!) });
  });
});
