import { describe, expect, it } from 'vitest';
import { CALENDAR_SCOPE, emulatedGoogle } from '../google-emulator/google-test-client.ts';

/** A room whose calendar (Europe/Amsterdam) holds a weekly 09:00 meeting across the 2027 change to summer time (Sunday 28 March). */
async function weeklyAcrossDst(recurrence = ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3']) {
  const google = await emulatedGoogle({ now: '2027-03-20T10:00:00Z' });
  const { workspace } = google;
  const room = workspace.addResource({ resourceName: 'Aurora', timeZone: 'Europe/Amsterdam' });
  const { keyFile } = workspace.addServiceAccount();
  workspace.share(room.resourceEmail, keyFile.client_email, 'writer');
  const { calendar } = google.clients(keyFile, { scopes: [CALENDAR_SCOPE] });
  const { data: weekly } = await calendar.events.insert({
    calendarId: room.resourceEmail,
    requestBody: {
      id: 'recurring2027',
      summary: 'Weekly sync',
      start: { dateTime: '2027-03-22T09:00:00', timeZone: 'Europe/Amsterdam' },
      end: { dateTime: '2027-03-22T09:30:00', timeZone: 'Europe/Amsterdam' },
      recurrence,
    },
  });
  return { ...google, room, calendar, weekly };
}

describe('Google emulator: recurring events', () => {
  it('expands a weekly 09:00 Europe/Amsterdam event into instances that stay 09:00 local across DST', async () => {
    const { calendar, room } = await weeklyAcrossDst();
    const { data } = await calendar.events.list({ calendarId: room.resourceEmail, singleEvents: true, orderBy: 'startTime', timeMin: '2027-03-01T00:00:00Z', timeMax: '2027-05-01T00:00:00Z' });
    expect(data.items?.map((item) => [item.id, item.start?.dateTime, item.end?.dateTime])).toEqual([
      ['recurring2027_20270322T080000Z', '2027-03-22T09:00:00+01:00', '2027-03-22T09:30:00+01:00'],
      ['recurring2027_20270329T070000Z', '2027-03-29T09:00:00+02:00', '2027-03-29T09:30:00+02:00'],
      ['recurring2027_20270405T070000Z', '2027-04-05T09:00:00+02:00', '2027-04-05T09:30:00+02:00'],
    ]);
    expect(data.items?.[1]).toMatchObject({
      recurringEventId: 'recurring2027',
      originalStartTime: { dateTime: '2027-03-29T09:00:00+02:00', timeZone: 'Europe/Amsterdam' },
      start: { timeZone: 'Europe/Amsterdam' },
      summary: 'Weekly sync',
      iCalUID: 'recurring2027@google.com',
    });
    expect(data.items?.[1]?.recurrence).toBeUndefined();

    const utc = await calendar.events.list({ calendarId: room.resourceEmail, singleEvents: true, orderBy: 'startTime', timeZone: 'UTC' });
    expect(utc.data.items?.map((item) => item.start?.dateTime)).toEqual(['2027-03-22T08:00:00Z', '2027-03-29T07:00:00Z', '2027-04-05T07:00:00Z']);
  });

  it('lists the recurring event itself without singleEvents, and its instances through events.instances', async () => {
    const { calendar, room } = await weeklyAcrossDst(['RRULE:FREQ=WEEKLY;BYDAY=MO', 'EXDATE;TZID=Europe/Amsterdam:20270405T090000']);
    const { data } = await calendar.events.list({ calendarId: room.resourceEmail, timeMin: '2027-03-01T00:00:00Z', timeMax: '2027-05-01T00:00:00Z' });
    expect(data.items).toHaveLength(1);
    expect(data.items?.[0]).toMatchObject({ id: 'recurring2027', recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO', 'EXDATE;TZID=Europe/Amsterdam:20270405T090000'] });
    const instances = await calendar.events.instances({ calendarId: room.resourceEmail, eventId: 'recurring2027', timeMin: '2027-03-01T00:00:00Z', timeMax: '2027-04-20T00:00:00Z' });
    expect(instances.data.items?.map((item) => item.start?.dateTime)).toEqual(['2027-03-22T09:00:00+01:00', '2027-03-29T09:00:00+02:00', '2027-04-12T09:00:00+02:00', '2027-04-19T09:00:00+02:00']);
    const one = await calendar.events.get({ calendarId: room.resourceEmail, eventId: 'recurring2027_20270412T070000Z' });
    expect(one.data).toMatchObject({ recurringEventId: 'recurring2027', start: { dateTime: '2027-04-12T09:00:00+02:00' } });
  });

  it('cancels one instance: a full list leaves it out, the incremental sync reports it cancelled with its original start', async () => {
    const { calendar, room, advance } = await weeklyAcrossDst();
    const full = await calendar.events.list({ calendarId: room.resourceEmail, singleEvents: true });
    advance(60_000);
    await calendar.events.delete({ calendarId: room.resourceEmail, eventId: 'recurring2027_20270329T070000Z' });
    await calendar.events.patch({ calendarId: room.resourceEmail, eventId: 'recurring2027_20270405T070000Z', requestBody: { start: { dateTime: '2027-04-05T10:00:00+02:00' }, end: { dateTime: '2027-04-05T10:30:00+02:00' } } });
    const incremental = await calendar.events.list({ calendarId: room.resourceEmail, singleEvents: true, syncToken: full.data.nextSyncToken! });
    expect(incremental.data.items?.map((item) => [item.id, item.status, item.originalStartTime?.dateTime, item.start?.dateTime])).toEqual([
      ['recurring2027_20270329T070000Z', 'cancelled', '2027-03-29T09:00:00+02:00', undefined],
      ['recurring2027_20270405T070000Z', 'confirmed', '2027-04-05T09:00:00+02:00', '2027-04-05T10:00:00+02:00'],
    ]);
    const now = await calendar.events.list({ calendarId: room.resourceEmail, singleEvents: true, orderBy: 'startTime' });
    expect(now.data.items?.map((item) => item.start?.dateTime)).toEqual(['2027-03-22T09:00:00+01:00', '2027-04-05T10:00:00+02:00']);
  });

  it('keeps whole-day recurring events as dates', async () => {
    const { calendar, room } = await weeklyAcrossDst();
    await calendar.events.insert({ calendarId: room.resourceEmail, requestBody: { summary: 'Closed', start: { date: '2027-03-27' }, end: { date: '2027-03-28' }, recurrence: ['RRULE:FREQ=DAILY;COUNT=2'] } });
    const { data } = await calendar.events.list({ calendarId: room.resourceEmail, singleEvents: true, q: 'Closed' });
    expect(data.items?.map((item) => [item.start, item.end, item.id?.slice(-9)])).toEqual([
      [{ date: '2027-03-27' }, { date: '2027-03-28' }, '_20270327'],
      [{ date: '2027-03-28' }, { date: '2027-03-29' }, '_20270328'],
    ]);
  });
});
