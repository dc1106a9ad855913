import { afterAll, beforeAll } from 'vitest';
import { BUILT_WEB_DIR } from './display-page.ts';
import { FakeClock } from './fake-clock.ts';
import { startTestBridge, type TestBridge } from './in-process-bridge.ts';
import { timed } from './meetings.ts';

/** The instant the fixture rooms are seen at: a Monday morning in Amsterdam. */
export const FIXTURE_TIME = '2026-11-23T10:00:00+01:00';

/** Rooms that show each status at FIXTURE_TIME, with long names and a full afternoon. */
export const STATUS_ROOMS = [
  { id: 'free', word: 'Available' },
  { id: 'busy', word: 'Busy' },
  { id: 'soon', word: 'Starting soon' },
  { id: 'check-in', word: 'Waiting for check-in' },
] as const;

/** A full afternoon in `roomId`, with free gaps between its meetings. */
export const afternoon = (roomId: string) => [
  timed('2026-11-23T13:00:00+01:00', '2026-11-23T14:00:00+01:00', { id: `${roomId}-1`, roomId, subject: 'Quarterly business review with the regional sales leadership team', organizer: 'Maximiliane Schwarzenberger-Oppenheimer' }),
  timed('2026-11-23T14:30:00+01:00', '2026-11-23T15:00:00+01:00', { id: `${roomId}-2`, roomId, subject: 'Private', isPrivate: true }),
  timed('2026-11-23T15:00:00+01:00', '2026-11-23T16:30:00+01:00', { id: `${roomId}-3`, roomId, subject: 'Interview', organizer: 'Sam Okafor' }),
  timed('2026-11-23T17:00:00+01:00', '2026-11-23T17:30:00+01:00', { id: `${roomId}-4`, roomId, subject: 'Wrap-up', organizer: 'Lena Fischer' }),
];

export async function startFixtureBridge(): Promise<{ bridge: TestBridge; clock: FakeClock }> {
  const clock = new FakeClock(FIXTURE_TIME);
  const equipment = ['Display', 'Video conferencing', 'Whiteboard', 'Wheelchair access', 'Speakerphone'];
  const bridge = await startTestBridge({
    clock,
    webDir: BUILT_WEB_DIR,
    rooms: [
      { id: 'free', name: 'Harbour', capacity: 8, equipment },
      { id: 'busy', name: 'The Grand Boardroom on the Seventeenth Floor, East Wing', capacity: 24, equipment },
      { id: 'soon', name: 'Loft', capacity: 4 },
      { id: 'check-in', name: 'Studio', capacity: 6, settings: { checkIn: { required: true, releaseNoShows: true } } },
    ],
    meetings: [
      ...afternoon('free'),
      timed('2026-11-23T09:30:00+01:00', '2026-11-23T10:45:00+01:00', {
        id: 'busy-now',
        roomId: 'busy',
        subject: 'Annual strategy offsite preparation: budget, headcount, hiring plan and the roadmap for next year',
        organizer: 'Bartholomew Featherstonehaugh-Wolfeschlegelsteinhausen',
      }),
      ...afternoon('busy'),
      timed('2026-11-23T10:05:00+01:00', '2026-11-23T11:00:00+01:00', { id: 'soon-next', roomId: 'soon', subject: 'Design critique' }),
      ...afternoon('soon'),
      timed('2026-11-23T10:02:00+01:00', '2026-11-23T11:00:00+01:00', { id: 'check-in-next', roomId: 'check-in', subject: 'Sprint planning' }),
      ...afternoon('check-in'),
    ],
  });
  return { bridge, clock };
}

/** The fixture bridge for a whole suite: started before its first test, closed after its last. */
export function useFixtureBridge(): () => TestBridge {
  let bridge: TestBridge | undefined;
  beforeAll(async () => {
    ({ bridge } = await startFixtureBridge());
  });
  afterAll(async () => {
    await bridge?.close();
  });
  return () => {
    if (!bridge) throw new Error('The fixture bridge is not running yet: use it inside a test');
    return bridge;
  };
}
