import type { Clock } from '../../../shared/clock.ts';
import type { IntegrationWarning } from '../../../shared/integration-warnings.ts';
import type { PresenceLog } from '../hardware/presence-log.ts';
import type { Microsoft365Integration } from '../calendars/microsoft-365/microsoft-365.ts';
import type { RemoteCalendarEngine } from '../calendars/remote/remote-calendar-engine.ts';
import { WARNINGS_REPEAT_MS } from '../calendars/remote/warnings-elsewhere.ts';
import type { RealtimeServer } from '../realtime/socket-server.ts';
import type { RoomService } from '../rooms/room-service.ts';
import type { AlertSender } from '../problems/alert-sender.ts';
import type { ProblemService } from '../problems/problem-service.ts';

/**
 * Tells the other bridge processes sharing this store what changed here, over
 * socket.io's server-side events (carried by the Redis adapter): a room
 * changed (its base unit, no-show timers and outboxes follow, wherever they
 * run), people were seen in a room (its no-show release may be decided in
 * another process), a room's occupancy sensor read it (displays and MQTT
 * served by any process say what it says), the Microsoft 365 credential was
 * renewed (every process signs in with the new one before the old one is
 * gone) or revoked (every process stops using it), this process's Microsoft 365 or other
 * room calendars' warnings changed (an admin page served by any process shows every room's problems), or a
 * problem was reported in a room (its lease holder sends the alert).
 * Returns the stop, which tells the others this process's warnings are gone.
 */
export function relayBetweenProcesses(
  io: RealtimeServer,
  ports: {
    rooms: RoomService;
    presence: PresenceLog;
    microsoft365: Microsoft365Integration | undefined;
    remoteCalendars?: RemoteCalendarEngine | undefined;
    problems: ProblemService;
    alerts: AlertSender | undefined;
    clock: Clock;
    processId: string;
  },
): () => void {
  const { rooms, presence, microsoft365, remoteCalendars, problems, alerts, clock, processId } = ports;
  io.on('room:changed', (roomId) => {
    rooms.changedElsewhere(roomId);
    microsoft365?.followRoomChange(roomId);
    remoteCalendars?.followRoomChange(roomId);
  });
  io.on('presence:seen', (roomId, at) => presence.seenElsewhere(roomId, at));
  // The sender tells its rooms' displays itself (room:changed follows): here the reading is kept for the state this process serves.
  io.on('presence:occupancy', (roomId, source, occupied) => presence.reportElsewhere(roomId, source, occupied));
  io.on('m365:stored-change', (change) => void microsoft365?.followStoredChange(change));
  io.on('problem:reported', () => void alerts?.wake());
  problems.onReported((problem) => io.serverSideEmit('problem:reported', problem.roomId));
  presence.onSeen((roomId, at) => io.serverSideEmit('presence:seen', roomId, at));
  presence.onReading((roomId, source, occupied) => io.serverSideEmit('presence:occupancy', roomId, source, occupied));
  microsoft365?.onStoredChange((change) => io.serverSideEmit('m365:stored-change', change));
  rooms.onRoomChanged((roomId, origin) => {
    if (origin === 'here') io.serverSideEmit('room:changed', roomId);
  });
  const stopRemoteWarnings = remoteCalendars ? relayWarnings(io, 'calendars:warnings', remoteCalendars, processId, clock) : () => {};
  if (!microsoft365) return stopRemoteWarnings;

  io.on('m365:check', (checked) => void microsoft365.checkHere().finally(() => checked(true)));
  microsoft365.checkElsewhereWith(() =>
    io.serverSideEmitWithAck('m365:check').then(
      () => undefined,
      // A process that does not answer in time (the adapter's requestsTimeout) shows its warnings when its check ends.
      () => undefined,
    ),
  );
  const stopM365Warnings = relayWarnings(io, 'm365:warnings', microsoft365, processId, clock);
  return () => {
    stopRemoteWarnings();
    stopM365Warnings();
  };
}

/** An integration whose warnings every process shows: the rooms' problems are seen where each room is synced. */
interface WarningSource {
  warningsHere(): IntegrationWarning[];
  onWarningsChanged(listener: () => void): void;
  followWarningsElsewhere(from: string, warnings: IntegrationWarning[]): void;
}

/**
 * Tells the other processes this one's warnings when they change, and again
 * every WARNINGS_REPEAT_MS, so a process that joins hears them and a room
 * whose lease moved takes its warnings along; the stop tells them they are gone.
 */
function relayWarnings(io: RealtimeServer, event: 'm365:warnings' | 'calendars:warnings', source: WarningSource, processId: string, clock: Clock): () => void {
  io.on(event, (from, warnings) => source.followWarningsElsewhere(from, warnings));
  const tell = () => io.serverSideEmit(event, processId, source.warningsHere());
  source.onWarningsChanged(tell);
  let cancel = () => {};
  const repeat = () => {
    tell();
    cancel = clock.setTimer(repeat, WARNINGS_REPEAT_MS);
  };
  repeat();
  return () => {
    cancel();
    io.serverSideEmit(event, processId, []);
  };
}
