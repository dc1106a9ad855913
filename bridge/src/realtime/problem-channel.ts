import { z } from 'zod';
import { RoomId } from '../../../shared/model.ts';
import { ProblemReport } from '../../../shared/problems.ts';
import { parseInput } from '../../../shared/validation.ts';
import { ANYONE } from '../access/standing.ts';
import type { Logger } from '../logger.ts';
import type { ProblemService } from '../problems/problem-service.ts';
import { guard, type RealtimeServer } from './socket-server.ts';

const ProblemReportRequest = z.strictObject({ roomId: RoomId, report: ProblemReport });

/**
 * "Report a problem" from a display, beside its walk-up actions: allowed to
 * the sockets that may act in the room, by what they proved with their last
 * watch (or to anyone in an open room), and answered with the stored problem.
 */
export function attachProblemChannel(io: RealtimeServer, problems: ProblemService, logger: Logger): void {
  io.on('connection', (socket) => {
    socket.on('room:report-problem', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const request = parseInput(ProblemReportRequest, raw);
      if (!request.ok) return ack(request);
      const standing = socket.data.standing ?? ANYONE;
      ack(guard(() => problems.reportFrom(request.data.roomId, request.data.report, standing, socket.handshake.address), logger));
    });
  });
}
