import type { AccountCalendar, AdminRoom } from '../../../shared/admin-api.ts';
import { asAdminApiError, type AdminApi, type AdminApiError } from './admin-api.ts';
import type { AdminState } from './admin-state.svelte.ts';
import type { M365Room } from './room-discovery.svelte.ts';

/**
 * Why a calendar cannot be a room's: walk-up bookings need edit rights, and
 * the bridge keeps a mailbox's main calendar in step, so another calendar
 * of the same mailbox would link the room to the wrong one.
 */
export type CalendarBlock = 'read-only' | 'not-main';

export function calendarBlock(calendar: AccountCalendar): CalendarBlock | null {
  // Edit rights would not help a calendar that is not its mailbox's main one, so that reason comes first.
  if (!calendar.isDefault) return 'not-main';
  return calendar.canEdit ? null : 'read-only';
}

/** The name a room made for this calendar takes: its owner's (the room's), else the calendar's. */
export function calendarRoomName(calendar: AccountCalendar): string {
  return calendar.owner.name ?? calendar.name;
}

/** The calendar as a Microsoft 365 room to choose, for pairing a display as a discovered room is. */
export function calendarAsRoom(calendar: AccountCalendar): M365Room {
  return { mailbox: calendar.owner.address, name: calendarRoomName(calendar), capacity: null, building: null, floor: null };
}

/** The bridge's room that shows this calendar, as long as that room still takes its calendar from Microsoft 365. */
export function linkedRoom(calendar: AccountCalendar, rooms: AdminRoom[]): AdminRoom | null {
  return rooms.find((room) => room.id === calendar.roomId && room.microsoft365 !== null) ?? null;
}

/**
 * The calendars the connected Microsoft account reaches (delegated
 * permissions), and linking a room of this bridge to one of them. After a
 * link both the bridge's status and the list are read again, so each shows
 * the room where it now is.
 */
export class AccountCalendarList {
  calendars = $state.raw<AccountCalendar[]>([]);
  loaded = $state(false);
  loading = $state(false);
  problem = $state<AdminApiError | null>(null);
  /** The calendar being linked, or the last one, with how it went. */
  link = $state<{ calendarId: string; roomId: string; busy: boolean; problem: AdminApiError | null } | null>(null);

  readonly #api: Pick<AdminApi, 'accountCalendars' | 'linkRoom'>;
  readonly #admin: Pick<AdminState, 'refresh'>;
  readonly #unauthorized: (error: AdminApiError) => void;

  constructor(api: Pick<AdminApi, 'accountCalendars' | 'linkRoom'>, admin: Pick<AdminState, 'refresh'>, unauthorized: (error: AdminApiError) => void) {
    this.#api = api;
    this.#admin = admin;
    this.#unauthorized = unauthorized;
  }

  load = async (): Promise<void> => {
    this.loading = true;
    this.problem = null;
    try {
      this.calendars = (await this.#api.accountCalendars()).calendars;
      this.loaded = true;
    } catch (error) {
      this.problem = this.#refusal(error);
    } finally {
      this.loading = false;
    }
  };

  /** The bridge's room `roomId` takes its calendar from this calendar's mailbox. */
  linkTo = async (calendar: AccountCalendar, roomId: string): Promise<void> => {
    this.link = { calendarId: calendar.id, roomId, busy: true, problem: null };
    try {
      await this.#api.linkRoom(roomId, { mailbox: calendar.owner.address });
      this.link = { calendarId: calendar.id, roomId, busy: false, problem: null };
      await Promise.all([this.#admin.refresh(), this.load()]);
    } catch (error) {
      this.link = { calendarId: calendar.id, roomId, busy: false, problem: this.#refusal(error) };
    }
  };

  #refusal(error: unknown): AdminApiError {
    const refusal = asAdminApiError(error);
    if (refusal.code === 'unauthorized') this.#unauthorized(refusal);
    return refusal;
  }
}
