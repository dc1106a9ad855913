import type { Request, Response } from 'express';
import { RoomId } from '../../../shared/model.ts';
import { sendError } from './send-error.ts';

/** A malformed id cannot name a room, so it is answered like an unknown one. */
export function validRoomId(req: Request, res: Response): string | undefined {
  const id = String(req.params.id);
  if (RoomId.safeParse(id).success) return id;
  sendError(res, 'room-not-found', `There is no room "${id.slice(0, 80)}".`);
  return undefined;
}
