import { describe, expect, it } from 'vitest';
import { Room, RoomState, toPublicRoom, type Meeting } from '../../../../shared/model.ts';
import { timed } from '../../../../test/support/meetings.ts';
import { roomStateMessage } from './room-state-message.ts';

const planning = timed('2026-11-23T10:00:00+01:00', '2026-11-23T11:00:00+01:00', { id: 'AAMkAD-secret-id', roomId: 'harbour', subject: 'Budget 2027', organizer: 'Ada Lovelace' });

function state(current: Meeting | null, settings: Record<string, unknown> = {}, extra: Partial<RoomState> = {}): RoomState {
  return RoomState.parse({
    room: toPublicRoom(Room.parse({ id: 'harbour', name: 'Harbour', timeZone: 'Europe/Amsterdam', settings })),
    status: current ? 'busy' : 'available',
    current,
    next: [],
    events: current ? [current] : [],
    freeUntil: null,
    busyUntil: current ? '2026-11-23T10:00:00.000Z' : null,
    now: '2026-11-23T09:30:00.000Z',
    updatedAt: '2026-11-23T08:00:00.000Z',
    syncedAt: null,
    syncPeriodSeconds: 15,
    bookingUrl: 'http://bridge.local:8080/rooms/harbour',
    roomCount: 1,
    ...extra,
  });
}

describe('the state message of a room', () => {
  it('says the status, until when, whether people are there, and the meeting under way', () => {
    expect(roomStateMessage(state(planning), true)).toEqual({
      roomId: 'harbour',
      name: 'Harbour',
      status: 'busy',
      busy: true,
      freeUntil: null,
      busyUntil: '2026-11-23T10:00:00.000Z',
      occupied: true,
      meeting: { subject: 'Budget 2027', organizer: 'Ada Lovelace', start: planning.start, end: planning.end, allDay: false, isPrivate: false },
    });
  });

  it('is free with no meeting, until the next one', () => {
    const message = roomStateMessage(state(null, {}, { freeUntil: '2026-11-23T13:00:00.000Z' }), null);
    expect(message).toMatchObject({ status: 'available', busy: false, freeUntil: '2026-11-23T13:00:00.000Z', busyUntil: null, occupied: null, meeting: null });
  });

  it('is not busy while a meeting that has not started waits for its check-in', () => {
    expect(roomStateMessage(state(null, {}, { status: 'awaiting-check-in' }), false)).toMatchObject({ status: 'awaiting-check-in', busy: false, occupied: false });
  });

  it("never carries a private meeting's subject or organizer, even from a state that still has them", () => {
    const message = roomStateMessage(state({ ...planning, isPrivate: true }), null);
    expect(message.meeting).toMatchObject({ subject: '', organizer: null, isPrivate: true });
    const wire = JSON.stringify(message);
    expect(wire).not.toContain('Budget');
    expect(wire).not.toContain('Ada');
  });

  it("follows the room's privacy setting: the organizer only, or nothing", () => {
    expect(roomStateMessage(state(planning, { privacy: 'organizer-only' }), null).meeting).toMatchObject({ subject: '', organizer: 'Ada Lovelace' });
    expect(roomStateMessage(state(planning, { privacy: 'hidden' }), null).meeting).toMatchObject({ subject: '', organizer: null });
  });

  it('leaves out meeting ids', () => {
    expect(JSON.stringify(roomStateMessage(state(planning), null))).not.toContain('AAMkAD');
  });
});
