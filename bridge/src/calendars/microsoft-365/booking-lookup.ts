import type { TimedMeeting } from '../../../../shared/model.ts';
import type { BookingRequest } from './booking-request.ts';
import type { GraphGateway } from './graph-gateway.ts';
import { CollectionPage, GraphEvent } from './graph-event.ts';

/** Pages of the organizer's calendar at the booking's time (10 events each) read before concluding it is not there. */
const MAX_PAGES = 200;

/** The event found; 'absent' when Exchange has none; 'unanswered' when Graph could not be read, so nothing is known. */
export type CreatedBooking = GraphEvent | 'absent' | 'unanswered';

/**
 * The event a walk-up booking's create made, looked up after Exchange
 * refused the create. When the answer to the first request was lost, the
 * retry may be refused for repeating the transactionId (400 or 409
 * ErrorDuplicateTransactionId) instead of answered with the event, although
 * the event exists. So the organizer's calendar is read over the booking's
 * time for the event carrying the booking's id as transactionId: Graph
 * documents no $filter on it, so each event there is compared.
 */
// Graph: api-reference/v1.0/resources/event.md (transactionId, returned when the app set it); api-reference/v1.0/api/user-list-calendarview.md
export async function findCreatedBooking(graph: GraphGateway, roomId: string, request: BookingRequest, meeting: TimedMeeting): Promise<CreatedBooking> {
  const window = new URLSearchParams({ startDateTime: meeting.start, endDateTime: meeting.end });
  let path: string | undefined = `/users/${encodeURIComponent(request.organizer)}/calendarView?${window.toString()}`;
  for (let page = 0; path !== undefined && page < MAX_PAGES; page++) {
    const answer = await graph.send({ method: 'GET', path, roomId });
    if (!answer.ok) return answer.kind === 'refused' ? 'absent' : 'unanswered';
    const parsed = CollectionPage.safeParse(answer.body);
    if (!parsed.success) return 'unanswered';
    for (const entry of parsed.data.value) {
      const event = GraphEvent.safeParse(entry);
      if (event.success && event.data.transactionId === meeting.id) return event.data;
    }
    path = parsed.data['@odata.nextLink'];
  }
  return 'absent';
}
