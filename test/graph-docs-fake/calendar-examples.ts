/**
 * Microsoft Graph's documented example responses for the calendar calls the
 * bridge makes, copied from microsoftgraph/microsoft-graph-docs-contrib as
 * they are printed there (truncations and inconsistencies included: they are
 * what a new user reads). The fake answers with these, changing only what a
 * real answer would take from the request (docs-fake-server.ts says what).
 */

/** Links in the examples point at global Graph and at `/me`; the fake points them at itself and the mailbox asked about. */
export const DOCUMENTED_DELTA_URL = 'https://graph.microsoft.com/v1.0/me/calendarView/delta';

const NO_BODY = { contentType: 'html', content: '' };
const SAMANTHA = { emailAddress: { name: 'Samantha Booth', address: 'samanthab@contoso.onmicrosoft.com' } };

/**
 * concepts/delta-query-events.md, "Example: synchronize events in a calendar
 * view": the first round's "Sample initial response", answering the request
 * without a state token.
 */
export const DELTA_INITIAL_PAGE = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(event)',
  '@odata.nextLink': 'https://graph.microsoft.com/v1.0/me/calendarView/delta?$skiptoken=R0usmcCM996atia_s',
  value: [
    {
      '@odata.type': '#microsoft.graph.event',
      '@odata.etag': 'W/"EZ9r3czxY0m2jz8c45czkwAAFXcvIQ=="',
      subject: 'Plan shopping list',
      body: NO_BODY,
      start: { dateTime: '2016-12-09T20:30:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2016-12-09T22:00:00.0000000', timeZone: 'UTC' },
      attendees: [],
      organizer: SAMANTHA,
      id: 'AAMkADNVxRAAA=',
    },
    {
      '@odata.type': '#microsoft.graph.event',
      '@odata.etag': 'W/"EZ9r3czxY0m2jz8c45czkwAAFXcvIg=="',
      subject: 'Pick up car',
      body: NO_BODY,
      start: { dateTime: '2016-12-10T01:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2016-12-10T02:00:00.0000000', timeZone: 'UTC' },
      attendees: [],
      organizer: SAMANTHA,
      id: 'AAMkADVxSAAA=',
    },
  ],
} as const;

/** The same round's "Sample second response" and "Sample third and final response", by the `$skiptoken` asking for each. */
export const DELTA_PAGES_BY_SKIPTOKEN = {
  R0usmcCM996atia_s: {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(event)',
    '@odata.nextLink': 'https://graph.microsoft.com/v1.0/me/calendarView/delta?$skiptoken=R0usmci39OQxqJrxK4',
    value: [
      {
        '@odata.type': '#microsoft.graph.event',
        '@odata.etag': 'W/"EZ9r3czxY0m2jz8c45czkwAAFXcvIw=="',
        subject: 'Get food',
        body: NO_BODY,
        start: { dateTime: '2016-12-10T19:30:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2016-12-10T21:30:00.0000000', timeZone: 'UTC' },
        attendees: [],
        organizer: SAMANTHA,
        id: 'AAMkADVxTAAA=',
      },
      {
        '@odata.type': '#microsoft.graph.event',
        '@odata.etag': 'W/"EZ9r3czxY0m2jz8c45czkwAAFXcvJA=="',
        subject: 'Prepare food',
        body: NO_BODY,
        start: { dateTime: '2016-12-10T22:00:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2016-12-11T00:00:00.0000000', timeZone: 'UTC' },
        attendees: [],
        organizer: SAMANTHA,
        id: 'AAMkADVxUAAA=',
      },
    ],
  },
  R0usmci39OQxqJrxK4: {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(event)',
    '@odata.deltaLink': 'https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=R0usmcMDNGg0J1E',
    value: [
      {
        '@odata.type': '#microsoft.graph.event',
        '@odata.etag': 'W/"EZ9r3czxY0m2jz8c45czkwAALZu97g=="',
        subject: 'Rest!',
        body: NO_BODY,
        start: { dateTime: '2016-12-12T02:00:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2016-12-12T07:30:00.0000000', timeZone: 'UTC' },
        location: { displayName: 'Home' },
        attendees: [],
        organizer: SAMANTHA,
        id: 'AAMkADj1HuAAA=',
      },
    ],
  },
} as const;

/** The same page: "The next round: sample first response", answering `$deltatoken=R0usmcMDNGg0J1E`. */
export const DELTA_NEXT_ROUND = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(event)',
  '@odata.deltaLink': 'https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=R0usmcFuQtZdtpk4',
  value: [
    {
      '@odata.type': '#microsoft.graph.event',
      id: 'AAMkADk0MGFkODE3LWE4MmYtNDRhOS04OGQLkRkXbBznTvAADb6ytyAAA=',
      '@removed': { reason: 'deleted' },
    },
    {
      '@odata.type': '#microsoft.graph.event',
      '@odata.etag': 'W/"EZ9r3czxY0m2jz8c45czkwAALZu97w=="',
      subject: 'Attend service',
      body: NO_BODY,
      start: { dateTime: '2016-12-25T06:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2016-12-25T07:30:00.0000000', timeZone: 'UTC' },
      location: {
        displayName: 'Chapel of Saint Ignatius',
        address: { street: '900 Broadway', city: 'Seattle', state: 'WA', countryOrRegion: 'United States', postalCode: '' },
        coordinates: { latitude: 47.6105, longitude: -122.321 },
      },
      attendees: [],
      organizer: SAMANTHA,
      id: 'AAMkADj1HvAAA=',
    },
  ],
} as const;

/**
 * api-reference/v1.0/api/user-post-events.md, "Example 1: Create an event in
 * the specified time zone, and assign the event an optional transactionId
 * value", its 201 response. Its subject ("Let's go brunch") and times
 * (11:00-12:00) differ from its own request's ("Let's go for lunch",
 * 12:00-14:00): printed as it is.
 */
export const CREATED_EVENT = {
  '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#users('cd209b0b-3f83-4c35-82d2-d88a61820480')/events/$entity",
  '@odata.etag': 'W/"ZlnW4RIAV06KYYwlrfNZvQAALfZeRQ=="',
  id: 'AAMkAGI1AAAt9AHjAAA=',
  createdDateTime: '2017-04-15T03:00:50.7579581Z',
  lastModifiedDateTime: '2017-04-15T03:00:51.245372Z',
  changeKey: 'ZlnW4RIAV06KYYwlrfNZvQAALfZeRQ==',
  categories: [],
  originalStartTimeZone: 'Pacific Standard Time',
  originalEndTimeZone: 'Pacific Standard Time',
  iCalUId: '040000008200E00074C5B7101A82E00800000000DA2B357D94B5D201000000000000000010000000EC4597557F0CB34EA4CC2887EA7B17C3',
  reminderMinutesBeforeStart: 15,
  isReminderOn: true,
  hasAttachments: false,
  hideAttendees: false,
  subject: "Let's go brunch",
  bodyPreview: 'Does noon work for you?',
  importance: 'normal',
  sensitivity: 'normal',
  isAllDay: false,
  isCancelled: false,
  isDraft: false,
  isOrganizer: true,
  responseRequested: true,
  seriesMasterId: null,
  transactionId: '7E163156-7762-4BEB-A1C6-729EA81755A7',
  showAs: 'busy',
  type: 'singleInstance',
  webLink: 'https://outlook.office365.com/owa/?itemid=AAMkAGI1AAAt9AHjAAA%3D&exvsurl=1&path=/calendar/item',
  onlineMeetingUrl: null,
  isOnlineMeeting: false,
  onlineMeetingProvider: 'unknown',
  onlineMeeting: null,
  allowNewTimeProposals: true,
  responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
  body: { contentType: 'html', content: '<html><head></head><body>Does late morning work for you?</body></html>' },
  start: { dateTime: '2017-04-15T11:00:00.0000000', timeZone: 'Pacific Standard Time' },
  end: { dateTime: '2017-04-15T12:00:00.0000000', timeZone: 'Pacific Standard Time' },
  location: { displayName: "Harry's Bar", locationType: 'default', uniqueId: "Harry's Bar", uniqueIdType: 'private' },
  locations: [{ displayName: "Harry's Bar", locationType: 'default', uniqueIdType: 'unknown' }],
  recurrence: null,
  attendees: [
    {
      type: 'required',
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
      emailAddress: { name: 'Samantha Booth', address: 'samanthab@contoso.onmicrosoft.com' },
    },
  ],
  organizer: { emailAddress: { name: 'Dana Swope', address: 'danas@contoso.onmicrosoft.com' } },
} as const;

/**
 * api-reference/v1.0/api/event-get.md, "Response 1" (asked with
 * `Prefer: outlook.timezone="Pacific Standard Time"`, so its times are in
 * that Windows zone). Its second attendee, who answered tentatively, is the
 * one whose address the fake makes the room's: the bridge reads that answer.
 */
export const FETCHED_EVENT = {
  '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#users('cd209b0b-3f83-4c35-82d2-d88a61820480')/events(subject,body,bodyPreview,organizer,attendees,start,end,location,hideAttendees)/$entity",
  '@odata.etag': 'W/"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw=="',
  id: 'AAMkAGIAAAoZDOFAAA=',
  subject: 'Orientation ',
  bodyPreview: 'Dana, this is the time you selected for our orientation. Please bring the notes I sent you.',
  body: {
    contentType: 'html',
    content: '<html><head></head><body><p>Dana, this is the time you selected for our orientation. Please bring the notes I sent you.</p></body></html>',
  },
  start: { dateTime: '2017-04-21T10:00:00.0000000', timeZone: 'Pacific Standard Time' },
  end: { dateTime: '2017-04-21T12:00:00.0000000', timeZone: 'Pacific Standard Time' },
  location: { displayName: 'Assembly Hall', locationType: 'default', uniqueId: 'Assembly Hall', uniqueIdType: 'private' },
  locations: [{ displayName: 'Assembly Hall', locationType: 'default', uniqueIdType: 'unknown' }],
  attendees: [
    {
      type: 'required',
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
      emailAddress: { name: 'Samantha Booth', address: 'samanthab@a830edad905084922E17020313.onmicrosoft.com' },
    },
    {
      type: 'required',
      status: { response: 'tentativelyAccepted', time: '0001-01-01T00:00:00Z' },
      proposedNewTime: {
        start: { dateTime: '2019-08-16T12:00:00.0000000', timeZone: 'Pacific Standard Time' },
        end: { dateTime: '2019-08-16T14:00:00.0000000', timeZone: 'Pacific Standard Time' },
      },
      emailAddress: { name: 'Dana Swope', address: 'danas@a830edad905084922E17020313.onmicrosoft.com' },
    },
  ],
  hideAttendees: false,
  organizer: { emailAddress: { name: 'Samantha Booth', address: 'samanthab@a830edad905084922E17020313.onmicrosoft.com' } },
} as const;

/**
 * api-reference/v1.0/api/event-update.md, its 200 response: the page prints
 * placeholders ("originalStartTimeZone-value") and no id, start or end.
 */
export const UPDATED_EVENT = {
  originalStartTimeZone: 'originalStartTimeZone-value',
  originalEndTimeZone: 'originalEndTimeZone-value',
  responseStatus: { response: '', time: 'datetime-value' },
  recurrence: null,
  reminderMinutesBeforeStart: 99,
  isOnlineMeeting: true,
  onlineMeetingProvider: 'teamsForBusiness',
  isReminderOn: true,
  hideAttendees: false,
  onlineMeeting: {
    joinUrl:
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzIyNzhlMGEtM2YyZC00ZmY0LTlhNzUtZmZjNWFmZGNlNzE2%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%2c%22Oid%22%3a%22bc55b173-cff6-457d-b7a1-64bda7d7581a%22%7d',
    conferenceId: '177513992',
    tollNumber: '+91 22 6241 6885',
  },
} as const;
