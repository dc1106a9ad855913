import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/model.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge, type TestBridge } from '../support/in-process-bridge.ts';
import { timed } from '../support/meetings.ts';
import { nextState, watchingClient, type TestSocket } from '../support/socket-client.ts';

/**
 * Three rooms, one per privacy setting, seen at 10:00. Every subject and
 * organizer the room's setting hides is a phrase found nowhere else, so a
 * leak shows as that phrase anywhere in the raw text a client receives.
 */
const PRIVATE_SUBJECT = 'Severance talks';
const PRIVATE_ORGANIZER = 'Petra Private';
const NAMES_SUBJECT = 'Merger with Northwind';
const HIDDEN_SUBJECT = 'Board dismissal';
const HIDDEN_ORGANIZER = 'Hugo Hidden';
const SECRETS = [PRIVATE_SUBJECT, PRIVATE_ORGANIZER, NAMES_SUBJECT, HIDDEN_SUBJECT, HIDDEN_ORGANIZER];

const ROOMS = [
  { id: 'open', name: 'Open', location: { building: 'North', floor: 1 } },
  { id: 'names', name: 'Names', location: { building: 'North', floor: 1 }, settings: { privacy: 'organizer-only' } },
  { id: 'hidden', name: 'Hidden', location: { building: 'North', floor: 1 }, settings: { privacy: 'hidden' } },
];

const MEETINGS = [
  timed('2026-11-23T09:30:00+01:00', '2026-11-23T10:45:00+01:00', { id: 'severance', roomId: 'open', subject: PRIVATE_SUBJECT, organizer: PRIVATE_ORGANIZER, isPrivate: true }),
  timed('2026-11-23T11:00:00+01:00', '2026-11-23T12:00:00+01:00', { id: 'numbers', roomId: 'open', subject: 'Quarterly numbers', organizer: 'Olga Open' }),
  timed('2026-11-23T11:00:00+01:00', '2026-11-23T12:00:00+01:00', { id: 'merger', roomId: 'names', subject: NAMES_SUBJECT, organizer: 'Nina Names' }),
  // Organized elsewhere: a walk-up extension is refused with words that would name its organizer.
  timed('2026-11-23T09:30:00+01:00', '2026-11-23T10:30:00+01:00', { id: 'dismissal', roomId: 'hidden', subject: HIDDEN_SUBJECT, organizer: HIDDEN_ORGANIZER, organizedElsewhere: true }),
];

let bridge: TestBridge;
let logLines: string[];
const sockets: TestSocket[] = [];

beforeEach(async () => {
  logLines = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => logLines.push(line) });
  bridge = await startTestBridge({ clock: new FakeClock('2026-11-23T10:00:00+01:00'), rooms: ROOMS, meetings: MEETINGS, logger });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await bridge.close();
});

/** The phrases of SECRETS found in what a client received. */
const leaked = (raw: string) => SECRETS.filter((secret) => raw.includes(secret));

async function rawText(path: string, init: RequestInit = {}): Promise<string> {
  const response = await fetch(`${bridge.url}${path}`, init);
  return response.text();
}

const post = (path: string, body: unknown) => rawText(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function display(roomId: string) {
  const watching = await watchingClient(bridge.url, { roomId });
  sockets.push(watching.socket);
  return watching;
}

describe('privacy applied by the bridge', () => {
  it("GET /api/rooms/:id/state carries only what the room's setting shows, with ids, times and isPrivate kept", async () => {
    const states = await Promise.all(ROOMS.map(({ id }) => rawText(`/api/rooms/${id}/state`)));
    expect(states.map(leaked)).toEqual([[], [], []]);
    const [open, names, hidden] = states.map((raw) => JSON.parse(raw) as RoomState);
    expect(open?.status).toBe('busy');
    expect(open?.current).toMatchObject({ id: 'severance', isPrivate: true, subject: '', organizer: null, start: '2026-11-23T08:30:00.000Z', end: '2026-11-23T09:45:00.000Z' });
    expect(open?.next).toMatchObject([{ id: 'numbers', subject: 'Quarterly numbers', organizer: 'Olga Open' }]);
    expect(names?.next).toMatchObject([{ id: 'merger', subject: '', organizer: 'Nina Names' }]);
    expect(hidden?.current).toMatchObject({ id: 'dismissal', subject: '', organizer: null, organizedElsewhere: true });
  });

  it("sends a display's socket the same in its watch answer, in every room:state push and in action answers", async () => {
    const watched = await Promise.all(ROOMS.map(({ id }) => display(id)));
    expect(watched.map(({ first }) => leaked(JSON.stringify(first)))).toEqual([[], [], []]);
    expect(watched[1]?.first).toMatchObject({ ok: true, data: { next: [{ organizer: 'Nina Names' }] } });

    const [open, names, hidden] = watched;
    const pushes = [nextState(open!.socket), nextState(names!.socket), nextState(hidden!.socket)];
    const answers = [
      await open!.socket.emitWithAck('room:action', { roomId: 'open', action: { id: crypto.randomUUID(), type: 'end-now' } }),
      await names!.socket.emitWithAck('room:action', { roomId: 'names', action: { id: crypto.randomUUID(), type: 'book-now', minutes: 15 } }),
      await hidden!.socket.emitWithAck('room:action', { roomId: 'hidden', action: { id: crypto.randomUUID(), type: 'end-now' } }),
    ];
    expect(answers.map((answer) => answer.ok)).toEqual([true, true, true]);
    expect(answers.map((answer) => leaked(JSON.stringify(answer)))).toEqual([[], [], []]);
    const pushed = await Promise.all(pushes);
    expect(pushed.map((state) => leaked(JSON.stringify(state)))).toEqual([[], [], []]);
    // The one subject the bridge made itself follows the rule too: an organizer-only room shows none.
    expect(pushed[1]?.current).toMatchObject({ origin: 'walk-up', subject: '', organizer: null });
  });

  it('answers walk-up actions over HTTP, refusals included, without what the room hides', async () => {
    const refusal = await post('/api/rooms/hidden/actions', { id: crypto.randomUUID(), type: 'extend', minutes: 15 });
    expect(JSON.parse(refusal)).toEqual({ code: 'organized-elsewhere', message: 'This meeting was booked in their own calendar: only its organizer can extend it.' });
    const booked = await post('/api/rooms/names/actions', { id: crypto.randomUUID(), type: 'book-now', minutes: 15 });
    expect(JSON.parse(booked)).toMatchObject({ status: 'busy', next: [{ id: 'merger', organizer: 'Nina Names' }] });
    expect([leaked(refusal), leaked(booked)]).toEqual([[], []]);
  });

  it('keeps the building board and "find a free room" free of meetings', async () => {
    const building = await rawText('/api/building');
    expect((JSON.parse(building) as { id: string }[]).map((room) => room.id).sort()).toEqual(['hidden', 'names', 'open']);
    const { socket } = await display('open');
    const watched = await socket.emitWithAck('building:watch', {});
    const nearby = await socket.emitWithAck('rooms:free-nearby', { roomId: 'open' });
    expect(nearby).toMatchObject({ ok: true, data: [{ id: 'names' }] });
    expect([building, JSON.stringify(watched), JSON.stringify(nearby)].map(leaked)).toEqual([[], [], []]);
  });

  it('keeps them out of metrics and logs too, while the store keeps every meeting whole', async () => {
    await Promise.all(ROOMS.map(({ id }) => rawText(`/api/rooms/${id}/state`)));
    await post('/api/rooms/hidden/actions', { id: crypto.randomUUID(), type: 'extend', minutes: 15 });
    await post('/api/rooms/hidden/actions', { id: crypto.randomUUID(), type: 'end-now' });
    expect(leaked(await rawText('/api/metrics'))).toEqual([]);
    expect(logLines.length).toBeGreaterThan(0);
    expect(leaked(logLines.join(''))).toEqual([]);
    expect(bridge.store.getMeeting('severance')).toMatchObject({ subject: PRIVATE_SUBJECT, organizer: PRIVATE_ORGANIZER });
    expect(bridge.store.getMeeting('dismissal')).toMatchObject({ subject: HIDDEN_SUBJECT, organizer: HIDDEN_ORGANIZER });
  });
});
