import { afterEach, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/model.ts';
import { createFormatters } from '../../web/src/lib/format.ts';
import { EmulatedTenant } from '../graph-emulator/tenant.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { startM365Bridge, type M365Bridge } from '../support/m365-bridge.ts';

const ROOM = { id: 'harbour', name: 'Harbour', mailbox: 'harbour@contoso.example', timeZone: 'Europe/Amsterdam' };
/** A second room for the all-day event, which the first would decline: it overlaps that room's meetings. */
const ALL_DAY_ROOM = { id: 'dunes', name: 'Dunes', mailbox: 'dunes@contoso.example', timeZone: 'Europe/Amsterdam' };
const PERSON = 'ada@contoso.example';
/** Midday in Amsterdam (CET, UTC+1): the morning's and the afternoon's meetings are both on the room's day. */
const MIDDAY = '2026-11-23T11:00:00Z';

const running: M365Bridge[] = [];
afterEach(async () => {
  for (const bridge of running.splice(0)) await bridge.close();
});

/** A bridge serving Amsterdam rooms, one with a morning and an afternoon meeting, one with an all-day event, on a Graph with these quirks. */
async function amsterdamRooms(quirks: EmulatedTenant['timeZoneQuirks']): Promise<M365Bridge> {
  const clock = new FakeClock(MIDDAY);
  const tenant = new EmulatedTenant(undefined, () => clock.now());
  tenant.timeZoneQuirks = quirks;
  for (const room of [ROOM, ALL_DAY_ROOM]) tenant.addRoom({ displayName: room.name, emailAddress: room.mailbox });
  tenant.addMailbox({ displayName: 'Ada Lovelace', emailAddress: PERSON });
  tenant.scheduleMeeting(PERSON, { subject: 'Stand-up', start: '2026-11-23T08:30:00Z', end: '2026-11-23T08:45:00Z', rooms: [ROOM.mailbox] });
  tenant.scheduleMeeting(PERSON, { subject: 'Design review', start: '2026-11-23T12:00:00Z', end: '2026-11-23T13:00:00Z', rooms: [ROOM.mailbox] });
  tenant.scheduleMeeting(PERSON, { subject: 'Open day', start: '2026-11-23', end: '2026-11-24', allDay: true, rooms: [ALL_DAY_ROOM.mailbox] });
  const m365 = await startM365Bridge({ clock, tenant, rooms: [ROOM, ALL_DAY_ROOM] });
  running.push(m365);
  for (const room of [ROOM, ALL_DAY_ROOM]) await m365.integration.syncNow(room.id);
  return m365;
}

/** The day's meetings as the display lists them: times in the room's zone, all-day events without times. */
function agenda(state: RoomState): string[] {
  const format = createFormatters('en-GB', state.room.timeZone);
  return state.events.map((event) => (event.allDay ? `${event.subject}, all day` : `${event.subject}, ${format.time(Date.parse(event.start))}–${format.time(Date.parse(event.end))}`));
}

describe('Microsoft 365: meeting times in the room zone, whatever zone names Graph takes and gives', () => {
  it('shows an Amsterdam room its meetings when Graph refuses Europe/Amsterdam, a zone it does not document', async () => {
    const m365 = await amsterdamRooms({ documentedOnly: true, answerIn: null });
    const state = m365.state(ROOM.id);
    expect(agenda(state)).toEqual(['Stand-up, 9:30–9:45', 'Design review, 13:00–14:00']);
    expect(state.next.map((meeting) => meeting.subject)).toEqual(['Design review']);
    expect(agenda(m365.state(ALL_DAY_ROOM.id))).toEqual(['Open day, all day']);
  });

  it('shows an Amsterdam room its meetings when Graph writes their times in a Windows zone name', async () => {
    const m365 = await amsterdamRooms({ documentedOnly: false, answerIn: 'W. Europe Standard Time' });
    const state = m365.state(ROOM.id);
    expect(agenda(state)).toEqual(['Stand-up, 9:30–9:45', 'Design review, 13:00–14:00']);
    expect(state.next.map((meeting) => meeting.subject)).toEqual(['Design review']);
    expect(agenda(m365.state(ALL_DAY_ROOM.id))).toEqual(['Open day, all day']);
  });
});
