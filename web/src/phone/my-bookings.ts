import type { OutboxEntry } from '../offline/display-db.ts';

/**
 * The meetings this phone booked: `mine` and those the actions it queued
 * create (book now, book later: `walk-up-<action id>`, the id the bridge
 * gives them too); `mine` itself when they add none. Extending, ending or
 * checking in to a meeting does not make it one's own.
 */
export function withBookingsIn(mine: readonly string[], outbox: readonly OutboxEntry[]): readonly string[] {
  const created = outbox.flatMap((entry) => (entry.change.kind === 'create' ? [entry.change.meeting.id] : []));
  const added = created.filter((id) => !mine.includes(id));
  return added.length === 0 ? mine : [...mine, ...added];
}
