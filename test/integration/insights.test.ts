import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSIGHTS_CSV_COLUMNS, InsightsAnswer, type RoomUsage } from '../../shared/insights.ts';
import { adminRequest, pairingDisplay, type PairingDisplay } from '../support/admin-client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge, TEST_ADMIN_TOKEN, type TestBridge } from '../support/in-process-bridge.ts';
import { ScriptedBaseUnit } from '../support/scripted-base-unit.ts';
import { expectedInsights } from '../support/usage-expected.ts';
import { instant, MONTH, ROOMS, SECRETS, usageMonth, type Step } from '../support/usage-month.ts';

/**
 * A month of three rooms played on a bridge on the fake clock (see
 * usage-month.ts): meetings from the calendar, check-ins and walk-ups at
 * the rooms' displays, walk-ups from phones with a room link, no-shows the
 * bridge releases, people counted by harbour's base unit. Insights must say
 * what the test counts from its own plan.
 */
const month = usageMonth();
const WORKDAYS = 20;
const expected = expectedInsights(month, ['harbour'], WORKDAYS);

let clock: FakeClock;
let bridge: TestBridge;
const unit = new ScriptedBaseUnit();
const displays = new Map<string, PairingDisplay>();

async function pairedDisplay(roomId: string): Promise<PairingDisplay> {
  const display = await pairingDisplay(bridge.url);
  const { code } = await display.code();
  expect(await adminRequest(bridge.url, 'POST', '/links', { token: TEST_ADMIN_TOKEN, body: { code, room: { roomId } } })).toMatchObject({ status: 200 });
  expect(await display.watch()).toMatchObject({ ok: true });
  return display;
}

/** A walk-up action as the room's display sends it, or a phone holding a link from its QR code. */
async function act(roomId: string, via: 'panel' | 'phone', action: Record<string, unknown>): Promise<void> {
  const display = displays.get(roomId)!;
  let token = display.credential()!;
  if (via === 'phone') {
    const link = await display.socket.emitWithAck('room:link', { roomId });
    if (!link.ok) throw new Error(link.message);
    token = new URL(link.data.url).searchParams.get('link')!;
  }
  const response = await fetch(`${bridge.url}/api/rooms/${roomId}/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ id: crypto.randomUUID(), ...action }),
  });
  expect(response.status, `${action.type} in ${roomId} at ${new Date(clock.now()).toISOString()}: ${await response.text()}`).toBe(200);
}

async function play(step: Step): Promise<void> {
  switch (step.kind) {
    case 'check-in':
      return act(step.roomId, 'panel', { type: 'check-in', meetingId: step.meetingId });
    case 'walk-up':
      return act(step.roomId, step.via, { type: 'book-now', minutes: step.minutes });
    case 'end-now':
      return act(step.roomId, 'panel', { type: 'end-now' });
    case 'people':
      return unit.setPeople(step.people);
    case 'calendar':
      // Someone moved or cancelled it in the room's calendar.
      if (step.meeting) bridge.store.saveMeeting(step.meeting);
      else bridge.store.deleteMeeting(step.meetingId);
      bridge.rooms.roomChanged(step.roomId);
  }
}

async function insights(query: string): Promise<{ status: number; body: unknown; headers: Headers; text: string }> {
  const response = await fetch(`${bridge.url}/api/admin/insights${query}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text, headers: response.headers, text };
}

beforeAll(async () => {
  clock = new FakeClock('2026-10-04T12:00:00+02:00');
  bridge = await startTestBridge({ clock, rooms: ROOMS, meetings: month.calendar, baseUnits: new Map([['harbour', unit]]) });
  for (const roomId of ['harbour', 'loft']) displays.set(roomId, await pairedDisplay(roomId));
  for (const step of month.steps) {
    clock.advance(instant(step.date, step.at) - clock.now());
    await play(step);
  }
  clock.advance(Date.parse('2026-11-02T09:00:00+01:00') - clock.now());
}, 120_000);

afterAll(async () => {
  for (const display of displays.values()) display.socket.disconnect();
  await bridge?.close();
});

const numbersOf = ({ people: _people, lengths: _lengths, ...numbers }: NonNullable<ReturnType<typeof expected.rooms.get>>) => numbers;

describe('insights of a simulated month', () => {
  it('counts each room as the plan says: meetings, minutes, no-shows, ghosts, early ends, walk-ups, medians', async () => {
    const { status, body } = await insights(`?from=${MONTH.from}&to=${MONTH.to}`);
    expect(status).toBe(200);
    const answer = InsightsAnswer.parse(body);
    expect(answer.rooms.map((room) => room.roomId)).toEqual(['harbour', 'lobby', 'loft']);
    for (const room of answer.rooms) expect(room, room.roomId).toMatchObject(numbersOf(expected.rooms.get(room.roomId)!));
    expect(answer.rooms[0]).toMatchObject({ roomName: 'Harbour', building: 'North', floor: 1, capacity: 8 });
    expect(answer.overall).toEqual(expected.overall);
    // The plan is not empty: every kind of thing happened.
    expect(answer.overall).toMatchObject({ noShows: expect.any(Number), ghostMeetings: expect.any(Number) });
    expect([answer.overall.noShows, answer.overall.ghostMeetings, answer.overall.endedEarly, answer.overall.walkUpsByPhone].every((n) => (n ?? 0) > 0)).toBe(true);
  });

  it('draws the heatmap of weekday by hour in the rooms’ own time, across the change from summer time', async () => {
    const answer = InsightsAnswer.parse((await insights(`?from=${MONTH.from}&to=${MONTH.to}`)).body);
    expect(answer.heatmap.map((cell) => cell.bookedMinutes)).toEqual(expected.booked);
    expect(answer.heatmap.map((cell) => cell.occupiedMinutes)).toEqual(expected.occupied);
    expect(answer.heatmap.slice(0, 3).map(({ weekday, hour }) => [weekday, hour])).toEqual([
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
  });

  it('gives the same numbers as CSV, one row per room, to download', async () => {
    const response = await fetch(`${bridge.url}/api/admin/insights.csv?from=${MONTH.from}&to=${MONTH.to}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="lintel-insights-${MONTH.from}-${MONTH.to}.csv"`);
    const [header, ...lines] = (await response.text()).split('\r\n');
    expect(header).toBe(INSIGHTS_CSV_COLUMNS.join(','));
    expect(lines.at(-1)).toBe('');
    const json = InsightsAnswer.parse((await insights(`?from=${MONTH.from}&to=${MONTH.to}`)).body);
    const cells = (room: RoomUsage) => INSIGHTS_CSV_COLUMNS.map((column) => (room[column] === null ? '' : String(room[column])));
    expect(lines.slice(0, -1)).toEqual(
      json.rooms.map((room) =>
        cells(room)
          .map((cell) => (cell.includes('"') ? `"${cell.replaceAll('"', '""')}"` : cell.includes(',') ? `"${cell}"` : cell))
          .join(','),
      ),
    );
    expect(lines[2]).toContain('"Loft, ""the attic"""');
  });

  it('holds no subject or organizer, and counts the private meetings like the others', async () => {
    const { text } = await insights(`?from=${MONTH.from}&to=${MONTH.to}`);
    const csv = await (await fetch(`${bridge.url}/api/admin/insights.csv?from=${MONTH.from}&to=${MONTH.to}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).text();
    expect(SECRETS.filter((secret) => text.includes(secret) || csv.includes(secret))).toEqual([]);
    expect(text).not.toMatch(/Planning|Ada/);
  });

  it('answers for one room, a building or a floor', async () => {
    const ids = async (query: string) => InsightsAnswer.parse((await insights(`?from=${MONTH.from}&to=${MONTH.to}${query}`)).body).rooms.map((room) => room.roomId);
    expect(await ids('&building=North')).toEqual(['harbour', 'loft']);
    expect(await ids('&building=North&floor=2')).toEqual(['loft']);
    expect(await ids('&floor=0')).toEqual(['lobby']);
    expect(await ids('&roomId=loft')).toEqual(['loft']);
    const north = InsightsAnswer.parse((await insights(`?from=${MONTH.from}&to=${MONTH.to}&building=North`)).body);
    expect(north.overall.meetings).toBe(expected.rooms.get('harbour')!.meetings + expected.rooms.get('loft')!.meetings);
    // One week: what happened in it only.
    const week = InsightsAnswer.parse((await insights('?from=2026-10-26&to=2026-11-01&roomId=lobby')).body);
    expect(week.rooms[0]).toMatchObject({ meetings: 1, bookedMinutes: 120, officeMinutes: 5 * 600 });
  });

  it('refuses a query it cannot answer, naming every problem, and anyone but an admin', async () => {
    const bad = await insights('?from=2026-13-01&to=someday&colour=blue');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid-input' });
    expect((bad.body as { message: string }).message).toMatch(/from[\s\S]*to[\s\S]*colour|colour[\s\S]*from/);
    expect(await insights('?from=2025-01-01&to=2026-11-01')).toMatchObject({ status: 400, body: { code: 'invalid-input', message: expect.stringContaining('400 days') } });
    expect(await insights(`?from=${MONTH.to}&to=${MONTH.from}`)).toMatchObject({ status: 400, body: { code: 'invalid-input' } });
    expect(await insights(`?from=${MONTH.from}&to=${MONTH.to}&roomId=nowhere`)).toMatchObject({ status: 404, body: { code: 'room-not-found' } });
    expect(await insights(`?from=${MONTH.from}&to=${MONTH.to}&roomId=loft&building=North`)).toMatchObject({ status: 400 });
    for (const path of ['insights', 'insights.csv']) {
      const anonymous = await fetch(`${bridge.url}/api/admin/${path}?from=${MONTH.from}&to=${MONTH.to}`);
      expect(anonymous.status).toBe(401);
      const display = await fetch(`${bridge.url}/api/admin/${path}?from=${MONTH.from}&to=${MONTH.to}`, { headers: { authorization: `Bearer ${displays.get('harbour')!.credential()}` } });
      expect(display.status).toBe(401);
    }
  });
});
