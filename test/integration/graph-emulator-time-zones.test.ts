import { describe, expect, it } from 'vitest';
import { pageOf } from '../graph-emulator/graph-test-client.ts';
import { ALICE, office, ROOM, type GraphEvent } from '../graph-emulator/office.ts';

const WINDOW = 'startDateTime=2026-11-23T00:00:00Z&endDateTime=2026-11-25T00:00:00Z';

async function officeWithMeetings() {
  const graph = await office();
  graph.tenant.scheduleMeeting(ALICE, { subject: 'Design review', start: '2026-11-23T08:00:00Z', end: '2026-11-23T09:00:00Z', rooms: [ROOM] });
  graph.tenant.scheduleMeeting(ALICE, { subject: 'Offsite', start: '2026-11-24', end: '2026-11-25', allDay: true, rooms: [ROOM] });
  return graph;
}

function times(events: GraphEvent[]) {
  return Object.fromEntries(events.map((event) => [event.subject, [event.start, event.end]]));
}

describe('Graph emulator: time zone names', () => {
  it('takes a Windows zone name in Prefer: outlook.timezone, and refuses a name that is no zone', async () => {
    const { graph } = await officeWithMeetings();
    const windows = await graph(`/users/${ROOM}/calendarView?${WINDOW}`, { headers: { prefer: 'outlook.timezone="W. Europe Standard Time"' } });
    expect(windows.headers['preference-applied']).toBe('outlook.timezone="W. Europe Standard Time"');
    expect(times(pageOf<GraphEvent>(windows).value)['Design review']).toEqual([
      { dateTime: '2026-11-23T09:00:00.0000000', timeZone: 'W. Europe Standard Time' },
      { dateTime: '2026-11-23T10:00:00.0000000', timeZone: 'W. Europe Standard Time' },
    ]);

    const unknown = await graph(`/users/${ROOM}/calendarView?${WINDOW}`, { headers: { prefer: 'outlook.timezone="Mars/Olympus"' } });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'TimeZoneNotSupportedException', message: expect.stringContaining("'Mars/Olympus'") } } });
  });

  it('with documented names only, refuses an IANA name Graph does not list and takes the listed ones, Windows names and UTC', async () => {
    const { tenant, graph } = await officeWithMeetings();
    tenant.timeZoneQuirks = { documentedOnly: true, answerIn: null };
    const prefer = (zone: string) => graph(`/users/${ROOM}/calendarView/delta?${WINDOW}`, { headers: { prefer: `outlook.timezone="${zone}"` } });

    expect(await prefer('Europe/Amsterdam')).toMatchObject({ status: 400, body: { error: { code: 'TimeZoneNotSupportedException' } } });
    for (const zone of ['Europe/Berlin', 'W. Europe Standard Time', 'UTC']) {
      const answer = await prefer(zone);
      expect(answer.status, zone).toBe(200);
      expect(answer.headers['preference-applied']).toBe(`outlook.timezone="${zone}"`);
    }
  });

  it('answering in a Windows zone, writes every event time in it whatever was preferred, and says the preference was not applied', async () => {
    const { tenant, graph } = await officeWithMeetings();
    tenant.timeZoneQuirks = { documentedOnly: false, answerIn: 'W. Europe Standard Time' };
    const answer = await graph(`/users/${ROOM}/calendarView/delta?${WINDOW}`, { headers: { prefer: 'outlook.timezone="UTC", odata.maxpagesize=50' } });
    expect(answer.headers['preference-applied']).toBe('odata.maxpagesize=50');
    expect(times(pageOf<GraphEvent>(answer).value)).toEqual({
      'Design review': [
        { dateTime: '2026-11-23T09:00:00.0000000', timeZone: 'W. Europe Standard Time' },
        { dateTime: '2026-11-23T10:00:00.0000000', timeZone: 'W. Europe Standard Time' },
      ],
      Offsite: [
        { dateTime: '2026-11-24T00:00:00.0000000', timeZone: 'W. Europe Standard Time' },
        { dateTime: '2026-11-25T00:00:00.0000000', timeZone: 'W. Europe Standard Time' },
      ],
    });
  });
});
