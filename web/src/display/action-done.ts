import type { WalkUpAction } from '../../../shared/model.ts';
import type { MeetingChange } from '../../../shared/walk-up-rules.ts';

/** How long the screen says what an action did. */
export const DONE_SHOWN_MS = 5_000;

/** What an action on the screen did, said for a few seconds after: "Booked until 14:45", "Meeting ended". */
export type ActionDone = ({ kind: 'booked' | 'extended'; until: number } | { kind: 'ended' | 'checked-in' }) & { at: number };

/** What `change` did, as said on the screen; null when it changed nothing worth saying. */
export function actionDone(action: WalkUpAction, change: MeetingChange, at: number): ActionDone | null {
  if (change.kind === 'create') return { kind: 'booked', until: Date.parse(change.meeting.end), at };
  if (action.type === 'extend' && change.kind === 'update' && change.end !== undefined) return { kind: 'extended', until: Date.parse(change.end), at };
  if (action.type === 'end-now') return { kind: 'ended', at };
  if (action.type === 'check-in') return { kind: 'checked-in', at };
  return null;
}
