import { visibleMeeting } from '../../../../shared/meeting-privacy.ts';
import type { RoomState, RoomStatus } from '../../../../shared/model.ts';

/** The meeting under way, as the room's privacy lets anyone read it: no ids, nothing a building system needs to act on. */
export interface PublishedMeeting {
  /** `""` when the room's privacy or the meeting's own privacy hides it. */
  subject: string;
  /** null when hidden. */
  organizer: string | null;
  /** ISO instants; dates (`YYYY-MM-DD`) for an all-day meeting. */
  start: string;
  end: string;
  allDay: boolean;
  isPrivate: boolean;
}

/**
 * A room's state as the bridge publishes it, retained, to
 * `<prefix>/<roomId>/state`: for Home Assistant (its discovery configs read
 * it with value templates) and any building system. It carries no clock
 * reading, so the same state is the same message, and a consumer that sees
 * a message knows something changed.
 */
export interface RoomStateMessage {
  roomId: string;
  name: string;
  status: RoomStatus;
  /** A meeting is under way: `busyUntil` says until when. */
  busy: boolean;
  /** Not busy: when the next meeting today starts; null when none follows. */
  freeUntil: string | null;
  /** Busy: when the room becomes free, across back-to-back meetings. */
  busyUntil: string | null;
  /** The room's occupancy sensor: people seen (true), none (false), or null with no sensor or no reading yet. */
  occupied: boolean | null;
  meeting: PublishedMeeting | null;
}

/**
 * The message for `state`. The meeting goes through the room's privacy here
 * again, whatever the state's source did: a broker is read by whoever may
 * subscribe, so a private meeting's subject and organizer never reach it.
 */
export function roomStateMessage(state: RoomState, occupied: boolean | null): RoomStateMessage {
  const current = state.current && visibleMeeting(state.current, state.room.settings.privacy);
  return {
    roomId: state.room.id,
    name: state.room.name,
    status: state.status,
    busy: current !== null,
    freeUntil: state.freeUntil,
    busyUntil: state.busyUntil,
    occupied,
    meeting: current && {
      subject: current.subject,
      organizer: current.organizer,
      start: current.start,
      end: current.end,
      allDay: current.allDay,
      isPrivate: current.isPrivate,
    },
  };
}
