import { BuildingWatchRequest, FreeNearbyRequest } from '../../../shared/building.ts';
import { ok } from '../../../shared/errors.ts';
import { parseInput } from '../../../shared/validation.ts';
import type { BuildingBoard } from '../building/building-board.ts';
import type { RealtimeServer } from './socket-server.ts';

const BUILDING_CHANNEL = 'building';

/**
 * The building's live channel, beside the displays' own: a building screen
 * watches every room's summary; a room display asks for the nearest free
 * rooms. Each change sends the one room that changed, never the whole list:
 * a hub may serve 1,000 rooms.
 */
export function attachBuildingChannel(io: RealtimeServer, board: BuildingBoard): () => void {
  io.on('connection', (socket) => {
    socket.on('building:watch', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const request = parseInput(BuildingWatchRequest, raw);
      if (!request.ok) return ack(request);
      void socket.join(BUILDING_CHANNEL);
      ack(ok(board.summaries()));
    });

    socket.on('rooms:free-nearby', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const request = parseInput(FreeNearbyRequest, raw);
      if (!request.ok) return ack(request);
      ack(board.freeNearby(request.data.roomId));
    });
  });

  return board.onSummaryChanged((summary, origin) => {
    // A change made in another bridge process reached every building screen through the adapter already;
    // a status boundary comes to every process at once, and each tells its own screens.
    if (origin === 'elsewhere') return;
    (origin === 'everywhere' ? io.local : io).to(BUILDING_CHANNEL).emit('building:room', summary);
  });
}
