import type { Clock } from '../../../shared/clock.ts';
import { MINUTE_MS, toIso } from '../../../shared/clock.ts';
import { Room, type Meeting } from '../../../shared/model.ts';
import type { RoomStore } from '../store/room-store.ts';

const QUARTER_MS = 15 * MINUTE_MS;

interface DemoMeeting {
  subject: string;
  organizer: string;
  /** Minutes from the current quarter hour. */
  from: number;
  to: number;
  isPrivate?: boolean;
}

/** A day that shows off every state: a meeting under way, back-to-back ones, a private one, free gaps. */
const DEMO_DAY: readonly DemoMeeting[] = [
  { subject: 'Product weekly', organizer: 'Maria Jansen', from: -120, to: -60 },
  { subject: 'Design review: onboarding flow', organizer: 'Tom Becker', from: -15, to: 30 },
  { subject: '1:1', organizer: 'Priya Natarajan', from: 45, to: 75, isPrivate: true },
  { subject: 'Quarterly planning', organizer: 'Lena Fischer', from: 120, to: 180 },
  { subject: 'Customer call: Northwind', organizer: 'Sam Okafor', from: 180, to: 210 },
  { subject: 'Hiring sync', organizer: 'Jonas Weber', from: 270, to: 300 },
];

/**
 * First start only: one demo room with realistic meetings around the current
 * time, so a new user sees a living display without an account anywhere.
 */
export function seedDemoRoomIfEmpty(store: RoomStore, clock: Clock, options: { timeZone: string; withMeetings: boolean }): boolean {
  return store.transaction(() => {
    if (store.listRooms().length > 0) return false;
    const now = clock.now();
    const room = Room.parse({
      id: 'demo',
      name: 'Harbour',
      // The embedded default works at once: any browser on the machine or the LAN shows and books it, no pairing.
      access: 'open',
      timeZone: options.timeZone,
      capacity: 8,
      equipment: ['Display', 'Video conferencing', 'Whiteboard'],
    });
    store.saveRoom(room, now);
    if (options.withMeetings) {
      const quarter = Math.floor(now / QUARTER_MS) * QUARTER_MS;
      DEMO_DAY.forEach((demo, index) => store.saveMeeting(demoMeeting(room.id, quarter, demo, index)));
    }
    return true;
  });
}

function demoMeeting(roomId: string, quarter: number, demo: DemoMeeting, index: number): Meeting {
  return {
    id: `demo-${index + 1}`,
    roomId,
    subject: demo.subject,
    organizer: demo.organizer,
    isPrivate: demo.isPrivate ?? false,
    checkedInAt: null,
    origin: 'calendar',
    allDay: false,
    start: toIso(quarter + demo.from * MINUTE_MS),
    end: toIso(quarter + demo.to * MINUTE_MS),
  };
}
