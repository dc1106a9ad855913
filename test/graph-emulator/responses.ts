import type { EmailAddress, EmulatedEvent } from './events.ts';
import type { EmulatedMailbox } from './tenant.ts';

export type MeetingResponse = 'accepted' | 'tentativelyAccepted' | 'declined';

/** An attendee's answer delivered to the organizer's inbox, with the comment it was sent with. */
// Graph: api-reference/v1.0/resources/eventmessageresponse.md (responseType); api/event-decline.md (comment: "Text included in the response").
export interface ResponseMessage {
  /** The organizer's address, lower case. */
  readonly to: string;
  readonly from: EmailAddress;
  /** "Declined: Weekly sync", as Outlook titles a response. */
  readonly subject: string;
  readonly responseType: MeetingResponse;
  readonly comment: string;
  readonly iCalUId: string;
  readonly sentDateTime: number;
}

const SUBJECT_PREFIX: Record<MeetingResponse, string> = { accepted: 'Accepted', tentativelyAccepted: 'Tentative', declined: 'Declined' };

/** What `attendee` sends the organizer of `event` when answering it with `sendResponse`. */
export function responseMessage(attendee: EmulatedMailbox, event: EmulatedEvent, response: MeetingResponse, comment: string, at: number): ResponseMessage {
  return {
    to: event.organizer.address.toLowerCase(),
    from: { name: attendee.displayName, address: attendee.emailAddress },
    subject: `${SUBJECT_PREFIX[response]}: ${event.subject}`,
    responseType: response,
    comment,
    iCalUId: event.iCalUId,
    sentDateTime: at,
  };
}
