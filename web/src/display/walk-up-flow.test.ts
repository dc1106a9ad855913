import { describe, expect, it, vi } from 'vitest';
import type { WalkUpAction } from '../../../shared/model.ts';
import { IDLE_AFTER_MS, type DisplayState } from './display-state.svelte.ts';
import { WalkUpFlow } from './walk-up-flow.svelte.ts';

/** The little of a display the flow reads: its room's settings, its clock, the last touch; and where actions go. */
function displayWith(settings: { confirmBooking: boolean; pinRequired: boolean; askBookerName?: boolean }) {
  const act = vi.fn<(action: WalkUpAction) => void>();
  const dismissProblem = vi.fn<() => void>();
  const display = { snapshot: { room: { settings } }, now: 1_000_000, lastInteractionAt: 1_000_000, act, dismissProblem };
  return { display, act, dismissProblem, flow: new WalkUpFlow(display as unknown as DisplayState) };
}

const booking: WalkUpAction = { id: '6f1f8f4e-2b1a-4d53-9a55-3b8f7c0f9d10', type: 'book', start: '2026-11-23T13:30:00.000Z', minutes: 30 };
const range = { start: Date.parse(booking.start), end: Date.parse(booking.start) + 30 * 60_000 };

describe('from a tap to an action sent', () => {
  it('sends at once in a room that neither confirms nor asks for a PIN', () => {
    const { flow, act } = displayWith({ confirmBooking: false, pinRequired: false });
    flow.chooseLater(range.start);
    expect(flow.choosingFrom).toBe(range.start);
    flow.send(booking, range);
    expect(act).toHaveBeenCalledWith(booking);
    expect(flow.open).toBe(false);
  });

  it('asks to confirm a booking, then for the PIN, then sends it with the PIN', () => {
    const { flow, act } = displayWith({ confirmBooking: true, pinRequired: true });
    flow.send(booking, range);
    expect(flow.confirming).toEqual({ action: booking, range });
    flow.confirm();
    expect(flow.confirming).toBeNull();
    expect(flow.awaitingPin).toEqual(booking);
    expect(act).not.toHaveBeenCalled();
    flow.submitPin('4711');
    expect(act).toHaveBeenCalledWith({ ...booking, pin: '4711' });
  });

  it('does not ask to confirm what is no booking, and sends nothing when cancelled', () => {
    const { flow, act } = displayWith({ confirmBooking: true, pinRequired: false });
    const endNow: WalkUpAction = { id: '0d5e9c1a-7f1b-4a40-8e57-91d2a3b4c5d6', type: 'end-now' };
    flow.send(endNow);
    expect(act).toHaveBeenCalledWith(endNow);
    flow.send(booking, range);
    flow.cancel();
    expect(flow.open).toBe(false);
    expect(act).toHaveBeenCalledTimes(1);
  });

  it('closes a step left open with nobody touching the screen', () => {
    const { flow, display } = displayWith({ confirmBooking: true, pinRequired: false });
    flow.send(booking, range);
    display.now += IDLE_AFTER_MS - 1;
    flow.closeIfIdle();
    expect(flow.confirming).not.toBeNull();
    display.now += 1;
    flow.closeIfIdle();
    expect(flow.open).toBe(false);
  });

  it('opens the pad again with the reason in it when the PIN is refused, the same action waiting under a new id', () => {
    const { flow, act, dismissProblem } = displayWith({ confirmBooking: false, pinRequired: true });
    flow.send(booking, range);
    flow.submitPin('1234');
    expect(flow.open).toBe(false);
    flow.retryRefusedPin({ code: 'wrong-pin', takenOffline: false, actionId: booking.id });
    expect(flow.pinProblem).toBe('wrong-pin');
    expect(dismissProblem).toHaveBeenCalledOnce();
    const { id, ...again } = flow.awaitingPin!;
    const { id: firstId, ...first } = booking;
    expect(again).toEqual(first);
    expect(id).not.toBe(firstId);
    flow.submitPin('4711');
    expect(flow.pinProblem).toBeNull();
    expect(act).toHaveBeenLastCalledWith({ ...booking, id, pin: '4711' });
  });

  it('leaves other refusals, and refusals of actions taken offline, to the notice', () => {
    const { flow, dismissProblem } = displayWith({ confirmBooking: false, pinRequired: true });
    flow.send(booking, range);
    flow.submitPin('1234');
    flow.retryRefusedPin({ code: 'slot-taken', takenOffline: false, actionId: booking.id });
    flow.retryRefusedPin({ code: 'wrong-pin', takenOffline: true, actionId: booking.id });
    flow.retryRefusedPin({ code: 'wrong-pin', takenOffline: false, actionId: crypto.randomUUID() });
    expect(flow.open).toBe(false);
    expect(dismissProblem).not.toHaveBeenCalled();
  });

  it("asks a booker's name where the room asks for it, which becomes part of the booking, or is skipped", () => {
    const { flow, act } = displayWith({ confirmBooking: true, pinRequired: false, askBookerName: true });
    flow.send(booking, range);
    expect(flow.naming).toEqual({ action: booking, range });
    flow.named('  Ana  ');
    expect(flow.naming).toBeNull();
    expect(flow.confirming).toEqual({ action: { ...booking, name: 'Ana' }, range });
    flow.confirm();
    expect(act).toHaveBeenLastCalledWith({ ...booking, name: 'Ana' });
    flow.send(booking, range);
    flow.named('');
    flow.confirm();
    expect(act).toHaveBeenLastCalledWith(booking);
  });

  it('asks no name for what is no booking', () => {
    const { flow, act } = displayWith({ confirmBooking: false, pinRequired: false, askBookerName: true });
    const extend: WalkUpAction = { id: '0d5e9c1a-7f1b-4a40-8e57-91d2a3b4c5d6', type: 'extend', minutes: 15 };
    flow.send(extend);
    expect(act).toHaveBeenCalledWith(extend);
    expect(flow.open).toBe(false);
  });
});
