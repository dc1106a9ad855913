import { emulatedGraph } from './graph-test-client.ts';

/** Addresses in the small office the emulator's tests book in. */
export const SERVICE = 'lintel@contoso.example';
export const ALICE = 'alice@contoso.example';
export const BOB = 'bob@contoso.example';
export const ROOM = 'boardroom@contoso.example';

/** An event as a test reads it from Graph's JSON. */
export interface GraphEvent {
  id: string;
  iCalUId: string;
  subject: string;
  isOrganizer: boolean;
  showAs: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  organizer: { emailAddress: { address: string; name: string } };
  attendees: { type: string; status: { response: string }; emailAddress: { address: string } }[];
  responseStatus: { response: string };
  transactionId: string | null;
  originalStartTimeZone: string;
}

/** The Lintel service mailbox, Alice, Bob and the boardroom, in an emulated tenant. */
export async function office(options: Parameters<typeof emulatedGraph>[0] = {}) {
  const graph = await emulatedGraph(options);
  graph.tenant.addMailbox({ displayName: 'Lintel Service', emailAddress: SERVICE });
  graph.tenant.addMailbox({ displayName: 'Alice Jansen', emailAddress: ALICE });
  graph.tenant.addMailbox({ displayName: 'Bob de Vries', emailAddress: BOB });
  graph.tenant.addRoom({ displayName: 'Boardroom', emailAddress: ROOM });
  return graph;
}

/** A walk-up booking as Lintel makes it: the service mailbox organizes, the room is a resource attendee. Times are UTC wall times. */
export function booking(subject: string, start: string, end: string, extra: Record<string, unknown> = {}, room = ROOM) {
  return {
    subject,
    start: { dateTime: start, timeZone: 'UTC' },
    end: { dateTime: end, timeZone: 'UTC' },
    attendees: [{ type: 'resource', emailAddress: { address: room, name: 'Room' } }],
    location: { displayName: 'Room', locationEmailAddress: room },
    ...extra,
  };
}

/** An attendee's answer as the organizer's event records it. */
export function statusOf(event: GraphEvent, address: string): string | undefined {
  return event.attendees.find((attendee) => attendee.emailAddress.address === address)?.status.response;
}
