import { describe, expect, it } from 'vitest';
import type { AccountCalendar, AdminRoom, RoomLinkRequest } from '../../../shared/admin-api.ts';
import { AdminApiError } from './admin-api.ts';
import { AccountCalendarList, calendarAsRoom, calendarBlock, linkedRoom } from './account-calendars.svelte.ts';

const HARBOUR: AccountCalendar = {
  id: 'cal-harbour',
  name: 'Calendar',
  owner: { name: 'Harbour', address: 'harbour@contoso.example' },
  canEdit: true,
  isDefault: true,
  roomId: null,
};
const LOFT_READ_ONLY: AccountCalendar = { ...HARBOUR, id: 'cal-loft', owner: { name: 'Loft', address: 'loft@contoso.example' }, canEdit: false };
const BOOKINGS: AccountCalendar = { ...HARBOUR, id: 'cal-bookings', name: 'Room bookings', owner: { name: 'Rooms', address: 'rooms@contoso.example' }, isDefault: false };

const room = (id: string, mailbox: string | null): AdminRoom => ({
  id,
  name: id,
  timeZone: 'Europe/Amsterdam',
  capacity: null,
  location: { building: null, floor: null },
  status: 'available',
  access: 'paired',
  microsoft365: mailbox ? { mailbox, bookings: 'service-mailbox' } : null,
  calendar: null,
  syncedAt: null,
  outboxDepth: 0,
  localFutureBookings: 0,
  displays: 0,
  devices: [],
});

describe("the account's calendars", () => {
  it('say why one cannot be linked: read only, or not its mailbox’s main calendar', () => {
    expect(calendarBlock(HARBOUR)).toBeNull();
    expect(calendarBlock(LOFT_READ_ONLY)).toBe('read-only');
    expect(calendarBlock(BOOKINGS)).toBe('not-main');
    // Edit rights would not make another calendar of the mailbox the one the bridge syncs.
    expect(calendarBlock({ ...BOOKINGS, canEdit: false })).toBe('not-main');
  });

  it('are chosen for pairing as the room of their owner', () => {
    expect(calendarAsRoom(HARBOUR)).toEqual({ mailbox: 'harbour@contoso.example', name: 'Harbour', capacity: null, building: null, floor: null });
    expect(calendarAsRoom({ ...HARBOUR, owner: { name: null, address: 'harbour@contoso.example' } }).name).toBe('Calendar');
  });

  it('show the room linked to them while it still takes its calendar from Microsoft 365', () => {
    const linked = { ...HARBOUR, roomId: 'harbour' };
    expect(linkedRoom(linked, [room('harbour', 'harbour@contoso.example')])?.id).toBe('harbour');
    expect(linkedRoom(linked, [room('harbour', null)])).toBeNull();
    expect(linkedRoom(HARBOUR, [room('harbour', 'harbour@contoso.example')])).toBeNull();
  });

  it('link a room by the owner’s mailbox, then read the status and the list again', async () => {
    const calls: string[] = [];
    let roomId: string | null = null;
    const list = new AccountCalendarList(
      {
        accountCalendars: async () => (calls.push('GET /m365/calendars'), { calendars: [{ ...HARBOUR, roomId }] }),
        linkRoom: async (id: string, request: RoomLinkRequest) => {
          calls.push(`PUT /rooms/${id}/microsoft-365 ${JSON.stringify(request)}`);
          roomId = id;
        },
      },
      { refresh: async () => (calls.push('GET /status'), true) },
      () => {},
    );
    await list.load();
    expect(list.calendars.map((each) => each.roomId)).toEqual([null]);
    await list.linkTo(HARBOUR, 'loft');
    expect(calls).toEqual(['GET /m365/calendars', 'PUT /rooms/loft/microsoft-365 {"mailbox":"harbour@contoso.example"}', 'GET /status', 'GET /m365/calendars']);
    expect(list.link).toEqual({ calendarId: 'cal-harbour', roomId: 'loft', busy: false, problem: null });
    expect(list.calendars.map((each) => each.roomId)).toEqual(['loft']);
  });

  it('keep a refusal with the calendar it belongs to, and go back to sign-in when the token is refused', async () => {
    const refused: AdminApiError[] = [];
    const list = new AccountCalendarList(
      {
        accountCalendars: async () => {
          throw new AdminApiError('unauthorized', 'Token expired', 401);
        },
        linkRoom: async () => {
          throw new AdminApiError('invalid-input', 'Not a mailbox', 400);
        },
      },
      { refresh: async () => true },
      (error) => void refused.push(error),
    );
    await list.linkTo(HARBOUR, 'loft');
    expect(list.link).toMatchObject({ calendarId: 'cal-harbour', roomId: 'loft', busy: false, problem: { code: 'invalid-input' } });
    await list.load();
    expect(list.loaded).toBe(false);
    expect(list.problem?.code).toBe('unauthorized');
    expect(refused.map((error) => error.code)).toEqual(['unauthorized']);
  });
});
