import { notFoundInStore } from './errors.ts';
import type { EmulatedEvent, EventStore } from './events.ts';

/**
 * The two ids of an Outlook event: the default (REST) one, which changes
 * when the event moves to another folder, and the immutable one. A request
 * gets immutable ids only when it asks, and the preference applies to that
 * request alone; the docs promise no request an id of the other form, so
 * the emulator takes none: a client that stores one form and addresses
 * events without asking for it finds nothing.
 */
// Graph: concepts/outlook-immutable-id.md ("This header only applies to the request it is included with").
export type IdForm = 'rest' | 'immutable';

export function idIn(event: Pick<EmulatedEvent, 'id' | 'restId'>, form: IdForm): string {
  return form === 'immutable' ? event.id : event.restId;
}

/** The stored id of the mailbox's event that `id`, in `form`, names; 404 when none does. */
export function storedIdOf(store: EventStore, mailbox: string, id: string, form: IdForm): string {
  const event = form === 'immutable' ? store.get(mailbox, id) : store.list(mailbox).find((each) => each.restId === id);
  if (!event) throw notFoundInStore();
  return event.id;
}
