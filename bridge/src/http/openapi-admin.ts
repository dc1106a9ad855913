import { AccountAuthorization, AccountCalendars, AdminConfig, AdminDisplay, AdminRoom, AdminStatus, ExportProgress, ForgetResult, ForgetStaleResult, GoogleConnection, GoogleConnectRequest, GoogleRooms, LinkRequest, LinkResult, NewRoomRequest, RoomAccessRequest, RoomCalendarRequest, RoomLinkRequest, SignInLinkRequest, SignInLinkResult, DisplayNameRequest, IdentifyResult } from '../../../shared/admin-api.ts';
import { INSIGHTS_CSV_COLUMNS, InsightsAnswer } from '../../../shared/insights.ts';
import { AdminProblems } from '../../../shared/problems.ts';
import { STALE_DISPLAY_DAYS } from '../../../shared/stale-display.ts';
import { MAX_RANGE_DAYS } from '../insights/insights-query.ts';
import { errorResponse, jsonContent, roomIdParameter, schema } from './openapi-parts.ts';

const admin = { security: [{ adminToken: [] }] };
const refusedToken = { '401': errorResponse('No token, or one the bridge does not accept (`WWW-Authenticate: Bearer`)') };
const withStatus = (description: string) => ({ '200': { description, ...jsonContent('#/components/schemas/AdminStatus') } });
const roomNotFound = { '400': errorResponse('Not a room id'), '404': errorResponse('No such room') };
const displayIdParameter = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Display id, as listed in the status' }];
const notConnected = { '409': errorResponse('Microsoft 365 is not set up on this bridge, or was revoked') };
const insightsQuery = [
  { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' }, description: "The first day, in each room's own zone" },
  { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' }, description: `The last day (inclusive); the range is at most ${MAX_RANGE_DAYS} days` },
  { name: 'roomId', in: 'query', schema: { type: 'string' }, description: 'One room only (not with building or floor)' },
  { name: 'building', in: 'query', schema: { type: 'string' }, description: "The rooms of a building, by the name in their location" },
  { name: 'floor', in: 'query', schema: { type: 'integer' }, description: 'The rooms of a floor (of the building, when given)' },
];
const insightsRefused = { '400': errorResponse('Invalid query: every problem is named'), ...refusedToken, '404': errorResponse('No room with that roomId') };

/** The admin page's API (`shared/admin-api.ts`), described from the same zod schemas the bridge and the page use. */
export function adminPaths(): Record<string, unknown> {
  return {
    '/api/admin/config': {
      get: {
        summary: 'What the admin page needs to sign in (public; holds no secret)',
        responses: { '200': { description: 'The sign-in settings', ...jsonContent('#/components/schemas/AdminConfig') } },
      },
    },
    '/api/admin/sign-in': {
      post: {
        summary: "Sign in with a one-time link's code (public): the answer is the local admin token",
        description: 'The bridge prints a link `<public url>/admin/#signin=<code>` (and its QR code on a terminal) at each start. Each code signs in once, within 10 minutes, on any bridge process sharing the store.',
        requestBody: { required: true, ...jsonContent('#/components/schemas/SignInLinkRequest') },
        responses: {
          '200': { description: 'Signed in (in the audit log)', ...jsonContent('#/components/schemas/SignInLinkResult') },
          '400': errorResponse('Invalid input'),
          '401': errorResponse('No such link: never made, or made before the bridge restarted'),
          '409': errorResponse('The link was used already (`not-allowed`), or has expired (`expired`)'),
        },
      },
    },
    '/api/admin/status': { get: { ...admin, summary: 'Connection, credential, warnings, rooms, displays and the audit log', responses: { ...withStatus('The bridge now'), ...refusedToken } } },
    '/api/admin/check': { post: { ...admin, summary: 'Check the Microsoft 365 connection and credential now', responses: { ...withStatus('The bridge after the check'), ...refusedToken } } },
    '/api/admin/links': {
      post: {
        ...admin,
        summary: 'Link the display showing a pairing code to a room',
        description: 'To a room of this bridge, or to a Microsoft 365 room (the bridge makes its room for that mailbox when it has none). The code is used up only when the link succeeds.',
        requestBody: { required: true, ...jsonContent('#/components/schemas/LinkRequest') },
        responses: {
          '200': { description: 'Linked; the display switches to the room', ...jsonContent('#/components/schemas/LinkResult') },
          '400': errorResponse('Invalid input'),
          ...refusedToken,
          '404': errorResponse('No such pairing code, or no such room'),
          '409': errorResponse('The code was already used'),
          '410': errorResponse('The code has expired'),
          '429': errorResponse('Too many wrong codes: try again after `Retry-After` seconds'),
        },
      },
    },
    '/api/admin/displays/{id}': {
      delete: {
        ...admin,
        summary: 'Unlink a display: its credential stops working, its connection is closed, and it goes back to its pairing code',
        parameters: displayIdParameter,
        responses: { '200': { description: 'Unlinked', ...jsonContent('#/components/schemas/AdminDisplay') }, ...refusedToken, '404': errorResponse('No linked display with that id') },
      },
    },
    '/api/admin/displays/{id}/name': {
      put: {
        ...admin,
        summary: 'Name a display, as the displays table shows it (in the audit log)',
        parameters: displayIdParameter,
        requestBody: { required: true, ...jsonContent('#/components/schemas/DisplayNameRequest') },
        responses: {
          '200': { description: 'Named', ...jsonContent('#/components/schemas/AdminDisplay') },
          '400': errorResponse('No name, or one longer than 60 characters'),
          ...refusedToken,
          '404': errorResponse('No display with that id'),
          '409': errorResponse('Another display has that name (in any case)'),
        },
      },
    },
    '/api/admin/displays/{id}/identify': {
      post: {
        ...admin,
        summary: 'Have a connected display show its name, and its room or pairing code, full-screen for 10 s',
        parameters: displayIdParameter,
        responses: {
          '200': { description: 'Told (`display:identify` on its socket)', ...jsonContent('#/components/schemas/IdentifyResult') },
          ...refusedToken,
          '404': errorResponse('No display with that id'),
          '409': errorResponse('The display is not connected now'),
        },
      },
    },
    '/api/admin/displays/{id}/forget': {
      post: {
        ...admin,
        summary: "Forget a display: its record and credential are deleted, its connection is closed, and it pairs again from scratch",
        parameters: displayIdParameter,
        responses: { '200': { description: 'Forgotten', ...jsonContent('#/components/schemas/ForgetResult') }, ...refusedToken, '404': errorResponse('No display with that id') },
      },
    },
    '/api/admin/displays/forget-stale': {
      post: {
        ...admin,
        summary: `Forget every display offline and not seen for ${STALE_DISPLAY_DAYS} days or more (those whose \`staleDays\` the status gives), each as \`/displays/{id}/forget\` does, in the audit log one by one`,
        description: 'Takes no input: the bridge decides by its own clock. A display online now is never forgotten, however long ago it was last seen.',
        responses: { '200': { description: 'Forgotten, possibly none', ...jsonContent('#/components/schemas/ForgetStaleResult') }, '400': errorResponse('A request body: this takes none'), ...refusedToken },
      },
    },
    '/api/admin/rooms/{id}/access': {
      put: {
        ...admin,
        summary: 'Who may read the room and act on it: `paired` (its displays, phones at the room, admins) or `open` (anyone)',
        description: 'Kept in the store. A rooms file that states the room\'s `access` sets it again at the next start.',
        parameters: [roomIdParameter],
        requestBody: { required: true, ...jsonContent('#/components/schemas/RoomAccessRequest') },
        responses: { '200': { description: 'Changed; anonymous clients watching a room made `paired` stop hearing it at once', ...jsonContent('#/components/schemas/AdminRoom') }, '400': errorResponse('Invalid input'), ...refusedToken, '404': errorResponse('No such room') },
      },
    },
    '/api/admin/rooms/{id}/microsoft-365': {
      put: {
        ...admin,
        summary: "The room takes its calendar from a Microsoft 365 room mailbox",
        parameters: [roomIdParameter],
        requestBody: { required: true, ...jsonContent('#/components/schemas/RoomLinkRequest') },
        responses: { '200': { description: 'Linked and syncing', ...jsonContent('#/components/schemas/AdminRoom') }, ...refusedToken, ...roomNotFound, ...notConnected },
      },
      delete: {
        ...admin,
        summary: 'Remove: the room stops using Microsoft 365 and keeps every meeting as a local booking',
        parameters: [roomIdParameter],
        responses: { '200': { description: 'Removed', ...jsonContent('#/components/schemas/AdminRoom') }, ...refusedToken, ...roomNotFound, ...notConnected },
      },
    },
    '/api/admin/rooms/{id}/export': {
      post: {
        ...admin,
        summary: "Start a bulk export of the room's future walk-up bookings to its Microsoft 365 calendar",
        parameters: [roomIdParameter],
        responses: { '202': { description: 'Started', ...jsonContent('#/components/schemas/ExportProgress') }, ...refusedToken, ...roomNotFound, ...notConnected },
      },
      get: {
        ...admin,
        summary: 'Progress of the bulk export, and the bookings Microsoft 365 refused',
        parameters: [roomIdParameter],
        responses: { '200': { description: 'Progress', ...jsonContent('#/components/schemas/ExportProgress') }, ...refusedToken, ...roomNotFound },
      },
    },
    '/api/admin/problems': {
      get: {
        ...admin,
        summary: 'Problems reported at the rooms: open ones first, then the latest 200 resolved, newest first in each',
        responses: { '200': { description: 'The problems', ...jsonContent('#/components/schemas/AdminProblems') }, ...refusedToken },
      },
    },
    '/api/admin/problems/{id}/resolve': {
      post: {
        ...admin,
        summary: 'Resolve a problem: recorded with who resolved it and when, and in the audit log',
        description: 'Resolving a resolved problem changes nothing and answers it as it was resolved.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Problem id, as listed' }],
        responses: { '200': { description: 'Resolved', ...jsonContent('#/components/schemas/Problem') }, ...refusedToken, '404': errorResponse('No problem with that id') },
      },
    },
    '/api/admin/insights': {
      get: {
        ...admin,
        summary: "How the rooms were used over a range: per room and together, and a heatmap of weekday by hour, in each room's zone",
        description:
          'Booked and occupied minutes within office hours (occupied: null for a room without a sensor), no-shows, ghost meetings, meetings ended early, walk-ups, median meeting length and people. Counted from the history the bridge keeps for 13 months, up to now. Numbers only: no subject or organizer, a private meeting counting like any other.',
        parameters: insightsQuery,
        responses: { '200': { description: 'The numbers', ...jsonContent('#/components/schemas/InsightsAnswer') }, ...insightsRefused },
      },
    },
    '/api/admin/insights.csv': {
      get: {
        ...admin,
        summary: 'The same numbers as CSV, one row per room, to download',
        parameters: insightsQuery,
        responses: {
          '200': {
            description: `RFC 4180 CSV with a header row (\`${INSIGHTS_CSV_COLUMNS.join(',')}\`), an empty field for null; \`Content-Disposition: attachment; filename="lintel-insights-<from>-<to>.csv"\``,
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          ...insightsRefused,
        },
      },
    },
    '/api/admin/credentials/renew': {
      post: { ...admin, summary: "Renew the bridge's client secret or certificate now", responses: { ...withStatus('Renewed'), ...refusedToken, ...notConnected, '500': errorResponse('The renewal failed: Microsoft 365 refused it or could not be reached (the message says why)') } },
    },
    '/api/admin/m365/account/authorize': {
      post: {
        ...admin,
        summary: 'Start connecting the Microsoft account of delegated permissions: where to send the browser (sets the sign-in cookie the callback checks)',
        responses: { '200': { description: 'Where the admin signs in as the account', ...jsonContent('#/components/schemas/AccountAuthorization') }, ...refusedToken, ...notConnected },
      },
    },
    '/api/admin/m365/callback': {
      get: {
        summary: "Microsoft's answer to the account sign-in (its code, or its error, and the sign-in's state); no token, the sign-in cookie instead",
        responses: { '303': { description: 'Back to the admin page: `/admin/?account=connected`, or `?account=failed&error=…&error_description=…`' } },
      },
    },
    '/api/admin/m365/calendars': {
      get: {
        ...admin,
        summary: 'The calendars the connected account reaches: its own, and room calendars shared with or delegated to it',
        responses: { '200': { description: 'The calendars', ...jsonContent('#/components/schemas/AccountCalendars') }, ...refusedToken, ...notConnected },
      },
    },
    '/api/admin/rooms': {
      post: {
        ...admin,
        summary: "Add a room on a CalDAV calendar (its password kept sealed in the bridge) or an ICS feed: the bridge reads the calendar once first, and a calendar that does not answer as it should adds nothing",
        requestBody: { required: true, ...jsonContent('#/components/schemas/NewRoomRequest') },
        responses: {
          '201': { description: 'Added, and syncing', ...jsonContent('#/components/schemas/AdminRoom') },
          '400': errorResponse('Invalid request (every problem named), or a room already on that calendar'),
          ...refusedToken,
          '422': errorResponse("`calendar-check-failed`: the calendar did not answer as it should; the message gives the server's reason"),
        },
      },
    },
    '/api/admin/rooms/{id}/calendar': {
      put: {
        ...admin,
        summary:
          "Another address, account or password for a CalDAV or ICS room added on the admin page (what is left out stays): tried with the calendar first; a refused one keeps the old settings",
        parameters: [roomIdParameter],
        requestBody: { required: true, ...jsonContent('#/components/schemas/RoomCalendarRequest') },
        responses: {
          '200': { description: 'Changed, and syncing', ...jsonContent('#/components/schemas/AdminRoom') },
          ...refusedToken,
          ...roomNotFound,
          '409': errorResponse('Not a CalDAV or ICS room, one of the rooms file, or walk-up changes wait to be written to the calendar it would leave'),
          '422': errorResponse("`calendar-check-failed`: the calendar refused the new settings; the message gives the server's reason"),
        },
      },
    },
    '/api/admin/google': {
      put: {
        ...admin,
        summary: "Connect Google Workspace with a service account's JSON key (or replace it): Google is asked for a token with it first, and a refused key, a clock Google finds off or delegation not set up saves nothing",
        requestBody: { required: true, ...jsonContent('#/components/schemas/GoogleConnectRequest') },
        responses: {
          '200': { description: 'Connected', ...jsonContent('#/components/schemas/GoogleConnection') },
          '400': errorResponse('Not a service account key, or an invalid subject'),
          ...refusedToken,
          '409': errorResponse('Google Workspace is set in the environment (LINTEL_GOOGLE_CREDENTIALS_FILE)'),
          '422': errorResponse("`calendar-check-failed`: Google refused the key; the message gives Google's reason"),
        },
      },
      delete: {
        ...admin,
        summary: 'Disconnect the Google Workspace account connected on the admin page: its rooms stay, and their walk-up bookings wait, until one is connected again',
        responses: { '204': { description: 'Disconnected' }, ...refusedToken, '409': errorResponse('Not connected, or set in the environment') },
      },
    },
    '/api/admin/google/rooms': {
      get: {
        ...admin,
        summary:
          "Google Workspace's rooms (the Admin SDK's resource calendars, with building, floor and capacity), read as LINTEL_GOOGLE_SUBJECT; link a display to one with `POST /api/admin/links` and `room: { google: … }`, and the bridge makes its room on that calendar",
        responses: { '200': { description: 'The rooms, by name', ...jsonContent('#/components/schemas/GoogleRooms') }, ...refusedToken, ...notConnected },
      },
    },
    '/api/admin/m365/account': {
      delete: {
        ...admin,
        summary: "Remove authorization: the account's token deleted, every linked room on local bookings, no meeting lost",
        responses: { ...withStatus('Removed'), ...refusedToken, ...notConnected },
      },
    },
    '/api/admin/revoke': {
      post: {
        ...admin,
        summary: 'Revoke the integration: credentials and tokens deleted, every room on local bookings, no meeting lost',
        responses: { ...withStatus('Revoked'), ...refusedToken, ...notConnected },
      },
    },
  };
}

export function adminSchemas(): Record<string, unknown> {
  return {
    AdminConfig: schema(AdminConfig, 'output'),
    AdminStatus: schema(AdminStatus, 'output'),
    AdminRoom: schema(AdminRoom, 'output'),
    AdminDisplay: schema(AdminDisplay, 'output'),
    LinkRequest: schema(LinkRequest, 'input'),
    LinkResult: schema(LinkResult, 'output'),
    RoomLinkRequest: schema(RoomLinkRequest, 'input'),
    RoomAccessRequest: schema(RoomAccessRequest, 'input'),
    ForgetResult: schema(ForgetResult, 'output'),
    ForgetStaleResult: schema(ForgetStaleResult, 'output'),
    SignInLinkRequest: schema(SignInLinkRequest, 'input'),
    DisplayNameRequest: schema(DisplayNameRequest, 'input'),
    IdentifyResult: schema(IdentifyResult, 'output'),
    SignInLinkResult: schema(SignInLinkResult, 'output'),
    ExportProgress: schema(ExportProgress, 'output'),
    AccountAuthorization: schema(AccountAuthorization, 'output'),
    AccountCalendars: schema(AccountCalendars, 'output'),
    GoogleRooms: schema(GoogleRooms, 'output'),
    GoogleConnection: schema(GoogleConnection, 'output'),
    GoogleConnectRequest: schema(GoogleConnectRequest, 'input'),
    NewRoomRequest: schema(NewRoomRequest, 'input'),
    RoomCalendarRequest: schema(RoomCalendarRequest, 'input'),
    AdminProblems: schema(AdminProblems, 'output'),
    InsightsAnswer: schema(InsightsAnswer, 'output'),
  };
}

export const adminSecurityScheme = {
  adminToken: {
    type: 'http',
    scheme: 'bearer',
    description: "The admin's Microsoft token for this app (scope `api://{clientId}/access_as_user`), or the bridge's local admin token.",
  },
};
