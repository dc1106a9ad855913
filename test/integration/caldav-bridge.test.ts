import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../shared/clock.ts';
import { ADMIN_API_PATH, AdminStatus } from '../../shared/admin-api.ts';
import { startBridgeProcess, tempDataDir, type BridgeProcess } from '../support/bridge-process.ts';
import { ics, vevent } from '../support/icalendar-text.ts';
import { startHttpGate, type HttpGate } from '../support/http-gate.ts';
import { zoneAtMidday } from '../support/midday-zone.ts';
import { basic, startRadicale, type RadicaleServer } from '../support/radicale-server.ts';
import { until } from '../support/until.ts';
import { actOn, adminTokenOf, roomStateOf, statusWithWarning } from '../support/room-over-http.ts';

const PASSWORD = 'harbour-room-secret';
/** The shortest period the bridge takes: a change in the calendar shows within it. */
const SYNC_SECONDS = 5;

let radicale: RadicaleServer;
let calendars = 0;
beforeAll(async () => {
  radicale = await startRadicale({ users: { room: PASSWORD } });
});
afterAll(() => radicale.stop());

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const iso = (ms: number) => new Date(ms).toISOString();
const icsTime = (ms: number) => iso(ms).replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * A room whose calendar is a fresh collection on the real Radicale, reached
 * by the bridge through a gate the test can close; the test itself reaches
 * Radicale directly, as a calendar app of the room's account would.
 */
async function caldavRoom(options: { password?: string } = {}) {
  const collection = await radicale.createCalendar('room', `harbour-${++calendars}`);
  const gate: HttpGate = await startHttpGate(radicale.url);
  cleanup.push(() => gate.close());
  const data = tempDataDir();
  cleanup.push(() => data.remove());
  const passwordFile = join(data.dir, 'harbour.password');
  writeFileSync(passwordFile, `${options.password ?? PASSWORD}\n`);
  const roomsFile = join(data.dir, 'rooms.json');
  const url = `${gate.url}${new URL(collection).pathname}`;
  writeFileSync(
    roomsFile,
    JSON.stringify({ rooms: [{ id: 'harbour', name: 'Harbour', access: 'open', timeZone: zoneAtMidday(Date.now()), calendar: { type: 'caldav', url, username: 'room', passwordFile } }] }),
  );
  const env = { LINTEL_CONFIG: roomsFile, LINTEL_CALENDAR_SYNC_SECONDS: String(SYNC_SECONDS) };
  const start = async (): Promise<BridgeProcess> => {
    const bridge = await startBridgeProcess({ dataDir: data.dir, env });
    cleanup.push(() => bridge.stop('SIGKILL'));
    return bridge;
  };
  const app = (method: string, name: string, body?: string) =>
    fetch(`${collection}${name}`, { method, headers: { authorization: basic('room', PASSWORD), 'content-type': 'text/calendar' }, ...(body ? { body } : {}) });
  return {
    gate,
    start,
    passwordFile,
    /** A calendar app of the room's account adds a meeting. */
    addMeeting: async (uid: string, subject: string, start: number, end: number) => {
      const body = ics(vevent(`UID:${uid}`, `DTSTART:${icsTime(start)}`, `DTEND:${icsTime(end)}`, `SUMMARY:${subject}`));
      expect((await app('PUT', `${uid}.ics`, body)).status).toBe(201);
    },
    deleteResource: async (name: string) => expect((await app('DELETE', name)).ok).toBe(true),
    /** The calendar as the server holds it: each resource's name and text. */
    resources: async () => {
      const listing = await fetch(collection, { method: 'PROPFIND', headers: { authorization: basic('room', PASSWORD), depth: '1' } });
      const names = [...(await listing.text()).matchAll(/<href>([^<]+\.ics)<\/href>/g)].map((match) => decodeURIComponent(match[1]!.split('/').pop()!));
      return Promise.all(names.map(async (name) => ({ name, body: await (await app('GET', name)).text() })));
    },
  };
}

const stateOf = (bridge: BridgeProcess) => roomStateOf(bridge, 'harbour');
const walkUps = <T extends { body: string }>(resources: T[]): T[] => resources.filter((resource) => /UID:walk-up-/.test(resource.body));
const act = (bridge: BridgeProcess, action: Record<string, unknown>) => actOn(bridge, 'harbour', action);

describe('a room whose calendar is on a CalDAV server (a real Radicale)', () => {
  it('shows a meeting made in a calendar app, and writes a booking at the room to the calendar once', { timeout: 60_000 }, async () => {
    const room = await caldavRoom();
    const bridge = await room.start();
    const now = Date.now();
    await room.addMeeting('budget', 'Budget review', now + 60 * MINUTE_MS, now + 90 * MINUTE_MS);
    await until(async () => (await stateOf(bridge)).events.find((each) => each.subject === 'Budget review'), (SYNC_SECONDS + 2) * 1000, 'the meeting on the display');

    expect((await act(bridge, { type: 'book-now', minutes: 15 })).status).toBe(200);
    await until(async () => walkUps(await room.resources()).length === 1 || undefined, 10_000, 'the booking in the calendar');
    // Two more rounds: the booking is read back as the walk-up it is, not as a second meeting.
    await new Promise((resolve) => setTimeout(resolve, 2 * SYNC_SECONDS * 1000));
    expect(walkUps(await room.resources())).toHaveLength(1);
    const state = await stateOf(bridge);
    expect(state.events.map((each) => `${each.origin} ${each.subject}`)).toEqual(['walk-up Walk-up booking', 'calendar Budget review']);
    expect(state.status).toBe('busy');
  });

  it('SIGKILL while a booking is being written, restart: the booking is in the calendar exactly once', { timeout: 60_000 }, async () => {
    const room = await caldavRoom();
    const first = await room.start();
    room.gate.holdWriteAnswers(true);
    expect((await act(first, { type: 'book-now', minutes: 30 })).status).toBe(200);
    await room.gate.writesHeld(1);
    await first.stop('SIGKILL');
    room.gate.release();
    room.gate.holdWriteAnswers(false);
    expect(walkUps(await room.resources())).toHaveLength(1);

    const second = await room.start();
    // The restarted bridge writes the booking again, and finds it made.
    await until(() => room.gate.sent.filter((request) => request.method === 'PUT').length >= 2 || undefined, 15_000, 'the booking written again');
    await new Promise((resolve) => setTimeout(resolve, SYNC_SECONDS * 1000 + 1000));
    expect(walkUps(await room.resources())).toHaveLength(1);
    expect((await stateOf(second)).events.map((each) => each.origin)).toEqual(['walk-up']);
  });

  it('keeps bookings made while the server is down, and writes each once when it is back', { timeout: 90_000 }, async () => {
    const room = await caldavRoom();
    const bridge = await room.start();
    room.gate.setDown(true);
    const now = Date.now();
    expect((await act(bridge, { type: 'book-now', minutes: 15 })).status).toBe(200);
    const later = new Date(Math.ceil((now + 2 * 60 * MINUTE_MS) / (15 * MINUTE_MS)) * 15 * MINUTE_MS).toISOString();
    expect((await act(bridge, { type: 'book', start: later, minutes: 30 })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, SYNC_SECONDS * 1000 + 1000));
    expect((await stateOf(bridge)).events).toHaveLength(2);
    expect(walkUps(await room.resources())).toHaveLength(0);

    room.gate.setDown(false);
    await until(async () => walkUps(await room.resources()).length === 2 || undefined, 30_000, 'both bookings in the calendar');
    await new Promise((resolve) => setTimeout(resolve, SYNC_SECONDS * 1000 + 1000));
    expect(walkUps(await room.resources())).toHaveLength(2);
    expect((await stateOf(bridge)).events.map((each) => each.origin)).toEqual(['walk-up', 'walk-up']);
  });

  it('lets a booking deleted in a calendar app go from the display, even with an extension of it waiting', { timeout: 60_000 }, async () => {
    const room = await caldavRoom();
    const bridge = await room.start();
    expect((await act(bridge, { type: 'book-now', minutes: 30 })).status).toBe(200);
    await until(async () => walkUps(await room.resources()).length === 1 || undefined, 10_000, 'the booking in the calendar');
    room.gate.setDown(true);
    expect((await act(bridge, { type: 'extend', minutes: 15 })).status).toBe(200);
    await room.deleteResource(walkUps(await room.resources())[0]!.name);
    room.gate.setDown(false);
    await until(async () => ((await stateOf(bridge)).events.length === 0 ? true : undefined), 30_000, 'the booking gone from the display');
    expect(await room.resources()).toEqual([]);
  });

  it('tells the admin a wrong password, with the calendar named and the password nowhere', { timeout: 60_000 }, async () => {
    const room = await caldavRoom({ password: 'not-the-password' });
    const bridge = await room.start();
    const token = adminTokenOf(bridge);
    const status = await statusWithWarning(bridge, 'calendar-login-failed', (SYNC_SECONDS + 3) * 1000);
    expect(status.warnings.find((warning) => warning.code === 'calendar-login-failed')).toMatchObject({ roomId: 'harbour', message: expect.stringContaining(room.gate.url) });
    expect(JSON.stringify(status)).not.toContain('not-the-password');
    expect(status.rooms[0]).toMatchObject({ calendar: { type: 'caldav', describe: expect.stringContaining('as room') } });

    // The fix, without a restart: the right password in its file, then "Check status".
    writeFileSync(room.passwordFile, `${PASSWORD}\n`);
    const checked = await fetch(`${bridge.url}${ADMIN_API_PATH}/check`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(AdminStatus.parse(await checked.json()).warnings.map((warning) => warning.code)).not.toContain('calendar-login-failed');
  });
});
