import { describe, expect, it } from 'vitest';
import { CALENDAR_SCOPE, emulatedGoogle, googleFailure } from '../google-emulator/google-test-client.ts';

async function roomWithEvents() {
  const google = await emulatedGoogle({ now: '2027-03-22T07:00:00Z' });
  const { workspace } = google;
  const room = workspace.addResource({ resourceName: 'Aurora', capacity: 8 });
  const { keyFile } = workspace.addServiceAccount({ name: 'lintel-bridge' });
  workspace.share(room.resourceEmail, keyFile.client_email, 'writer');
  const standup = workspace.addEvent(room.resourceEmail, { summary: 'Standup', start: { dateTime: '2027-03-22T09:00:00+01:00' }, end: { dateTime: '2027-03-22T09:15:00+01:00' } });
  const review = workspace.addEvent(room.resourceEmail, { summary: 'Review', start: { dateTime: '2027-03-22T11:00:00+01:00' }, end: { dateTime: '2027-03-22T12:00:00+01:00' } });
  const { calendar } = google.clients(keyFile, { scopes: [CALENDAR_SCOPE] });
  return { ...google, room, calendar, keyFile, standup: String(standup.id), review: String(review.id) };
}

describe('Google emulator: events.list and incremental sync', () => {
  it('pages a full sync and gives nextSyncToken only on the last page', async () => {
    const { calendar, room } = await roomWithEvents();
    const first = await calendar.events.list({ calendarId: room.resourceEmail, singleEvents: true, timeMin: '2027-03-22T00:00:00Z', maxResults: 1 });
    expect(first.data.items?.map((event) => event.summary)).toEqual(['Standup']);
    expect(first.data.nextPageToken).toBeTruthy();
    expect(first.data.nextSyncToken).toBeUndefined();
    const second = await calendar.events.list({ calendarId: room.resourceEmail, singleEvents: true, timeMin: '2027-03-22T00:00:00Z', maxResults: 1, pageToken: first.data.nextPageToken! });
    expect(second.data.items?.map((event) => event.summary)).toEqual(['Review']);
    expect(second.data.nextPageToken).toBeUndefined();
    expect(second.data.nextSyncToken).toBeTruthy();
    expect(second.data.items?.[0]).toMatchObject({
      kind: 'calendar#event',
      status: 'confirmed',
      start: { dateTime: '2027-03-22T11:00:00+01:00' },
      end: { dateTime: '2027-03-22T12:00:00+01:00' },
      organizer: { email: room.resourceEmail, displayName: 'Aurora', self: true },
      created: '2027-03-22T07:00:00.000Z',
      updated: '2027-03-22T07:00:00.000Z',
    });
  });

  it('sees an insert, a patch and a delete (as cancelled) in the next incremental sync, then nothing', async () => {
    const { calendar, room, standup, review, advance } = await roomWithEvents();
    const full = await calendar.events.list({ calendarId: room.resourceEmail, singleEvents: true });
    expect(full.data.items).toHaveLength(2);
    advance(60_000);
    await calendar.events.insert({
      calendarId: room.resourceEmail,
      sendUpdates: 'none',
      requestBody: { id: 'lintelbookup0001', summary: 'Walk-up', start: { dateTime: '2027-03-22T10:00:00+01:00' }, end: { dateTime: '2027-03-22T10:30:00+01:00' } },
    });
    await calendar.events.patch({ calendarId: room.resourceEmail, eventId: review, requestBody: { summary: 'Design review' } });
    await calendar.events.delete({ calendarId: room.resourceEmail, eventId: standup });

    const incremental = await calendar.events.list({ calendarId: room.resourceEmail, singleEvents: true, syncToken: full.data.nextSyncToken! });
    const items = incremental.data.items ?? [];
    expect(items.map((event) => [event.id, event.status, event.summary])).toEqual([
      [standup, 'cancelled', undefined],
      [review, 'confirmed', 'Design review'],
      ['lintelbookup0001', 'confirmed', 'Walk-up'],
    ]);
    expect(items[0]).toEqual({ kind: 'calendar#event', etag: expect.any(String), id: standup, status: 'cancelled', updated: '2027-03-22T07:01:00.000Z' });
    expect(items[1]).toMatchObject({ created: '2027-03-22T07:00:00.000Z', updated: '2027-03-22T07:01:00.000Z' });

    const quiet = await calendar.events.list({ calendarId: room.resourceEmail, singleEvents: true, syncToken: incremental.data.nextSyncToken! });
    expect(quiet.data.items).toEqual([]);
    expect(quiet.data.nextSyncToken).toBeTruthy();

    // A full list hides the deleted event unless showDeleted asks for it.
    const again = await calendar.events.list({ calendarId: room.resourceEmail, singleEvents: true, orderBy: 'startTime' });
    expect(again.data.items?.map((event) => event.summary)).toEqual(['Walk-up', 'Design review']);
    const withDeleted = await calendar.events.list({ calendarId: room.resourceEmail, showDeleted: true });
    expect(withDeleted.data.items).toHaveLength(3);
  });

  it('answers 410 fullSyncRequired once tokens are invalidated, and for a token of another calendar', async () => {
    const { workspace, calendar, room, keyFile } = await roomWithEvents();
    const other = workspace.addResource({ resourceName: 'Borealis' });
    workspace.share(other.resourceEmail, keyFile.client_email, 'reader');
    const full = await calendar.events.list({ calendarId: room.resourceEmail });
    const otherCalendar = await googleFailure(calendar.events.list({ calendarId: other.resourceEmail, syncToken: full.data.nextSyncToken! }));
    expect(otherCalendar.status).toBe(410);
    workspace.invalidateSyncTokens();
    const gone = await googleFailure(calendar.events.list({ calendarId: room.resourceEmail, syncToken: full.data.nextSyncToken! }));
    expect(gone).toEqual({
      status: 410,
      body: {
        error: {
          code: 410,
          message: 'Sync token is no longer valid, a full sync is required.',
          errors: [{ domain: 'calendar', reason: 'fullSyncRequired', message: 'Sync token is no longer valid, a full sync is required.', locationType: 'parameter', location: 'syncToken' }],
        },
      },
    });
    const fresh = await calendar.events.list({ calendarId: room.resourceEmail });
    expect((await calendar.events.list({ calendarId: room.resourceEmail, syncToken: fresh.data.nextSyncToken! })).status).toBe(200);
  });

  it('refuses a syncToken with timeMin or with showDeleted=false, an empty time range, and startTime order without singleEvents', async () => {
    const { calendar, room } = await roomWithEvents();
    const { data } = await calendar.events.list({ calendarId: room.resourceEmail });
    const withTimeMin = await googleFailure(calendar.events.list({ calendarId: room.resourceEmail, syncToken: data.nextSyncToken!, timeMin: '2027-03-22T00:00:00Z' }));
    expect(withTimeMin).toMatchObject({ status: 400, body: { error: { code: 400, errors: [{ reason: 'invalid', location: 'timeMin' }] } } });
    expect((await googleFailure(calendar.events.list({ calendarId: room.resourceEmail, syncToken: data.nextSyncToken!, showDeleted: false }))).status).toBe(400);
    const empty = await googleFailure(calendar.events.list({ calendarId: room.resourceEmail, timeMin: '2027-03-23T00:00:00Z', timeMax: '2027-03-22T00:00:00Z' }));
    expect(empty.body.error).toMatchObject({ code: 400, message: 'The specified time range is empty.', errors: [{ domain: 'calendar', reason: 'timeRangeEmpty' }] });
    expect((await googleFailure(calendar.events.list({ calendarId: room.resourceEmail, orderBy: 'startTime' }))).status).toBe(400);
    expect((await googleFailure(calendar.events.list({ calendarId: room.resourceEmail, timeMin: '2027-03-22T00:00:00' }))).status).toBe(400);
  });

  it('filters by timeMin (exclusive, on end) and timeMax (exclusive, on start)', async () => {
    const { calendar, room } = await roomWithEvents();
    const list = (timeMin: string, timeMax: string) => calendar.events.list({ calendarId: room.resourceEmail, singleEvents: true, timeMin, timeMax }).then((answer) => answer.data.items?.map((event) => event.summary));
    expect(await list('2027-03-22T08:15:00Z', '2027-03-22T10:00:00Z')).toEqual([]);
    expect(await list('2027-03-22T08:14:00Z', '2027-03-22T10:00:00Z')).toEqual(['Standup']);
    expect(await list('2027-03-22T08:30:00Z', '2027-03-22T10:01:00Z')).toEqual(['Review']);
  });
});

describe('Google emulator: events.insert ids, get, delete', () => {
  it('takes a client-chosen base32hex id once; the second insert answers 409 duplicate and leaves one event', async () => {
    const { calendar, room } = await roomWithEvents();
    const body = { id: 'lintel0a1b2c3d4e5f6g7h8i9jkuv', summary: 'Walk-up', start: { dateTime: '2027-03-22T13:00:00Z' }, end: { dateTime: '2027-03-22T13:30:00Z' } };
    const inserted = await calendar.events.insert({ calendarId: room.resourceEmail, requestBody: body });
    expect(inserted.data).toMatchObject({ id: body.id, iCalUID: `${body.id}@google.com`, creator: { email: expect.stringContaining('gserviceaccount.com') } });
    const again = await googleFailure(calendar.events.insert({ calendarId: room.resourceEmail, requestBody: body }));
    expect(again).toEqual({
      status: 409,
      body: { error: { code: 409, message: 'The requested identifier already exists.', errors: [{ domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' }], status: 'ALREADY_EXISTS' } },
    });
    const list = await calendar.events.list({ calendarId: room.resourceEmail, q: 'Walk-up' });
    expect(list.data.items?.map((event) => event.id)).toEqual([body.id]);
  });

  it('refuses ids outside base32hex (a-v, 0-9) or shorter than 5 characters with 400', async () => {
    const { calendar, room } = await roomWithEvents();
    for (const id of ['abcd', 'Lintel12345', 'lintel-12345', 'lintelwxyz1']) {
      const failure = await googleFailure(calendar.events.insert({ calendarId: room.resourceEmail, requestBody: { id, start: { dateTime: '2027-03-22T13:00:00Z' }, end: { dateTime: '2027-03-22T13:30:00Z' } } }));
      expect(failure, id).toMatchObject({ status: 400, body: { error: { errors: [{ reason: 'invalid', message: 'Invalid resource id value.' }] } } });
    }
  });

  it('answers a second delete with 410 deleted, and gets the deleted event as cancelled', async () => {
    const { calendar, room, standup } = await roomWithEvents();
    expect((await calendar.events.delete({ calendarId: room.resourceEmail, eventId: standup })).status).toBe(204);
    const again = await googleFailure(calendar.events.delete({ calendarId: room.resourceEmail, eventId: standup }));
    expect(again.body.error).toMatchObject({ code: 410, message: 'Resource has been deleted', errors: [{ domain: 'global', reason: 'deleted' }] });
    expect((await calendar.events.get({ calendarId: room.resourceEmail, eventId: standup })).data).toMatchObject({ id: standup, status: 'cancelled' });
    expect((await googleFailure(calendar.events.get({ calendarId: room.resourceEmail, eventId: 'nosuchevent0' }))).status).toBe(404);
  });

  it('patches field by field, updates as a whole, and checks If-Match', async () => {
    const { calendar, room, review } = await roomWithEvents();
    const patched = await calendar.events.patch({ calendarId: room.resourceEmail, eventId: review, requestBody: { extendedProperties: { private: { lintel: 'yes' } } } });
    expect(patched.data).toMatchObject({ summary: 'Review', extendedProperties: { private: { lintel: 'yes' } } });
    const updated = await calendar.events.update({ calendarId: room.resourceEmail, eventId: review, requestBody: { start: { dateTime: '2027-03-22T11:30:00+01:00' }, end: { dateTime: '2027-03-22T12:00:00+01:00' } } });
    expect(updated.data.summary).toBeUndefined();
    expect(updated.data.sequence).toBe(1);
    const stale = await googleFailure(calendar.events.patch({ calendarId: room.resourceEmail, eventId: review, requestBody: { summary: 'x' } }, { headers: { 'If-Match': patched.data.etag! } }));
    expect(stale.body.error).toMatchObject({ code: 412, errors: [{ reason: 'conditionNotMet' }] });
  });
});
