import { z } from 'zod';
import { RoomSummaryStatus } from '../../../shared/building.ts';

/**
 * The last list of rooms this screen had from the bridge, and until when it
 * was following (epoch ms): a lobby screen that restarts while the bridge is
 * down shows the building as it last knew it, saying since when, instead of
 * an empty page.
 */
export interface BuildingCopy {
  load(): { rooms: RoomSummaryStatus[]; at: number } | null;
  save(rooms: RoomSummaryStatus[], at: number): void;
}

const KEY = 'lintel.building';
const Stored = z.object({ rooms: z.array(RoomSummaryStatus), at: z.number() });

/** In the page's local storage: a few hundred kB for a thousand rooms, written at most twice a minute. */
export function localBuildingCopy(storage: Storage): BuildingCopy {
  return {
    load() {
      const text = storage.getItem(KEY);
      if (text === null) return null;
      // A copy an older version wrote, or a damaged one, is no copy: the page waits for the bridge instead.
      const parsed = Stored.safeParse(parseJson(text));
      return parsed.success ? parsed.data : null;
    },
    save(rooms, at) {
      try {
        storage.setItem(KEY, JSON.stringify({ rooms, at }));
      } catch (error) {
        // Storage full or denied: the page works on, it only starts empty without its bridge.
        console.warn('Lintel could not keep a copy of the building overview', error);
      }
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
