import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { clientOf } from '../limits/client.ts';
import { PinGuard } from './pin-guard.ts';

const phone = clientOf({ address: '192.0.2.1' });
const display = clientOf({ address: '192.0.2.2' });
const other = clientOf({ address: '192.0.2.3' });
/** Addresses enough for a guesser spread over many. */
const guesser = (n: number) => clientOf({ address: `198.51.100.${n}` });

describe('PIN guard', () => {
  it('lets everything through for a room without a PIN', () => {
    expect(new PinGuard(new FakeClock(0)).check(phone, 'room', null, undefined).ok).toBe(true);
  });

  it('asks for the PIN, refuses a wrong one and accepts the right one', () => {
    const guard = new PinGuard(new FakeClock(0));
    expect(guard.check(phone, 'room', '4711', undefined)).toMatchObject({ ok: false, code: 'pin-required' });
    expect(guard.check(phone, 'room', '4711', '471')).toMatchObject({ ok: false, code: 'wrong-pin' });
    expect(guard.check(phone, 'room', '4711', '47110')).toMatchObject({ ok: false, code: 'wrong-pin' });
    expect(guard.check(phone, 'room', '4711', 'é€漢字')).toMatchObject({ ok: false, code: 'wrong-pin' });
    expect(guard.check(phone, 'room', '4711', '4711').ok).toBe(true);
  });

  it('locks the client that gave 5 wrong PINs for 5 min, even for the right one, and nobody else', () => {
    const clock = new FakeClock(0);
    const guard = new PinGuard(clock);
    for (let i = 0; i < 5; i++) expect(guard.check(phone, 'room', '4711', '0000')).toMatchObject({ code: 'wrong-pin' });
    expect(guard.check(phone, 'room', '4711', '4711')).toEqual({
      ok: false,
      code: 'too-many-attempts',
      message: 'Too many wrong PINs from this device: try again in 5 min.',
      retryAfterMs: 5 * 60_000,
    });
    expect(guard.check(display, 'room', '4711', '4711').ok).toBe(true);
    expect(guard.check(phone, 'other-room', '1234', '1234').ok).toBe(true);
    clock.advance(5 * 60_000);
    expect(guard.check(phone, 'room', '4711', '4711').ok).toBe(true);
  });

  it("forgives a client's wrong PINs at a room once it gives that room's right PIN, and only there", () => {
    const guard = new PinGuard(new FakeClock(0));
    for (let i = 0; i < 4; i++) guard.check(phone, 'room', '4711', '0000');
    expect(guard.check(phone, 'other-room', '1234', '1234').ok).toBe(true);
    expect(guard.check(phone, 'room', '4711', '0000')).toMatchObject({ code: 'wrong-pin' });
    expect(guard.check(phone, 'room', '4711', '4711')).toMatchObject({ code: 'too-many-attempts' });

    for (let i = 0; i < 4; i++) guard.check(display, 'room', '4711', '0000');
    expect(guard.check(display, 'room', '4711', '4711').ok).toBe(true);
    for (let i = 0; i < 4; i++) expect(guard.check(display, 'room', '4711', '0000')).toMatchObject({ code: 'wrong-pin' });
    expect(guard.check(display, 'room', '4711', '4711').ok).toBe(true);
  });

  it('past 20 wrong PINs at a room from many clients, a stranger’s first wrong PIN locks it, yet the right PIN always gets in', () => {
    const clock = new FakeClock(0);
    const guard = new PinGuard(clock);
    // The room's display, unlocked by people every day: known to the room.
    expect(guard.check(display, 'room', '4711', '4711').ok).toBe(true);
    clock.advance(60 * 60_000);
    for (let n = 0; n < 20; n++) expect(guard.check(guesser(n), 'room', '4711', '0000')).toMatchObject({ code: 'wrong-pin' });

    expect(guard.check(other, 'room', '4711', '4711').ok).toBe(true);
    expect(guard.check(guesser(20), 'room', '4711', '0000')).toMatchObject({ code: 'wrong-pin' });
    expect(guard.check(guesser(20), 'room', '4711', '4711')).toMatchObject({ code: 'too-many-attempts', retryAfterMs: 5 * 60_000 });
    // A typo at the display locks nothing: it keeps its five.
    expect(guard.check(display, 'room', '4711', '0000')).toMatchObject({ code: 'wrong-pin' });
    expect(guard.check(display, 'room', '4711', '4711').ok).toBe(true);
    // Another room is not under attack.
    expect(guard.check(guesser(21), 'other-room', '1234', '0000')).toMatchObject({ code: 'wrong-pin' });
    expect(guard.check(guesser(21), 'other-room', '1234', '1234').ok).toBe(true);

    // Once the wrong PINs are 5 min old, strangers have their five again.
    clock.advance(5 * 60_000);
    expect(guard.check(guesser(22), 'room', '4711', '0000')).toMatchObject({ code: 'wrong-pin' });
    expect(guard.check(guesser(22), 'room', '4711', '4711').ok).toBe(true);
  });

  it('does not count a client as known for ever: a week after its last right PIN it is a stranger again', () => {
    const clock = new FakeClock(0);
    const guard = new PinGuard(clock);
    expect(guard.check(display, 'room', '4711', '4711').ok).toBe(true);
    clock.advance(7 * 24 * 60 * 60_000);
    for (let n = 0; n < 20; n++) guard.check(guesser(n), 'room', '4711', '0000');
    expect(guard.check(display, 'room', '4711', '0000')).toMatchObject({ code: 'wrong-pin' });
    expect(guard.check(display, 'room', '4711', '4711')).toMatchObject({ code: 'too-many-attempts' });
  });
});
