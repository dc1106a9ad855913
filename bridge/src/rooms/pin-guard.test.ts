import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { PinGuard } from './pin-guard.ts';

describe('PIN guard', () => {
  it('lets everything through for a room without a PIN', () => {
    expect(new PinGuard(new FakeClock(0)).check('room', null, undefined).ok).toBe(true);
  });

  it('asks for the PIN, refuses a wrong one and accepts the right one', () => {
    const guard = new PinGuard(new FakeClock(0));
    expect(guard.check('room', '4711', undefined)).toMatchObject({ ok: false, code: 'pin-required' });
    expect(guard.check('room', '4711', '471')).toMatchObject({ ok: false, code: 'wrong-pin' });
    expect(guard.check('room', '4711', '47110')).toMatchObject({ ok: false, code: 'wrong-pin' });
    expect(guard.check('room', '4711', 'é€漢字')).toMatchObject({ ok: false, code: 'wrong-pin' });
    expect(guard.check('room', '4711', '4711').ok).toBe(true);
  });

  it('locks a room for 5 min after 5 wrong PINs, even for the right one, then lets it in again', () => {
    const clock = new FakeClock(0);
    const guard = new PinGuard(clock);
    for (let i = 0; i < 5; i++) expect(guard.check('room', '4711', '0000')).toMatchObject({ code: 'wrong-pin' });
    expect(guard.check('room', '4711', '4711')).toMatchObject({ ok: false, code: 'too-many-attempts', message: 'Too many wrong PINs: try again in 5 min.' });
    expect(guard.check('other', '1234', '1234').ok).toBe(true);
    clock.advance(5 * 60_000);
    expect(guard.check('room', '4711', '4711').ok).toBe(true);
  });
});
