import { RoomSummaryStatus } from '../../../shared/building.ts';
import { ERROR_CODES } from '../../../shared/errors.ts';
import { RoomState, RoomSummary, WalkUpAction } from '../../../shared/model.ts';
import { Problem, ProblemReport } from '../../../shared/problems.ts';
import { adminPaths, adminSchemas, adminSecurityScheme } from './openapi-admin.ts';
import { errorResponse, jsonContent, roomIdParameter, schema } from './openapi-parts.ts';
import { HealthReport } from '../operations/health-report.ts';

/** Who may read a room and act on it: the same words for each route that serves one. */
const ROOM_ACCESS =
  "A `paired` room (the default for rooms from a rooms file or Microsoft 365) is for its paired displays (`Authorization: Bearer <display credential>`), phones at the room (`Bearer <room link>`, from its display's QR code, for 10 minutes) and admins; anyone else gets 403 `room-not-open` and reads the room's status in `/api/building`. An `open` room is for anyone.";
const roomReader = { security: [{ displayCredential: [] }, { roomLink: [] }, { adminToken: [] }, {}] };
const accessRefusals = {
  '401': errorResponse('A token that proves nothing (`unauthorized`), or a room link that is forged or expired (`room-link-invalid`)'),
  '403': errorResponse('A `paired` room, and no proof for it (`room-not-open`)'),
};

/** The HTTP API as OpenAPI 3.1, generated from the same zod schemas that validate it. */
export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lintel bridge API',
      version,
      description:
        'Room state for displays and integrations, and walk-up actions; live updates are pushed over socket.io (`room:state`). Under `/api/admin`, the admin page\'s API, for an admin\'s Microsoft token or the local admin token. A request other than GET, HEAD or OPTIONS, or a socket.io handshake, whose `Origin` is not the bridge\'s own (its `Host`), `LINTEL_PUBLIC_URL`\'s or listed in `LINTEL_ALLOWED_ORIGINS` is refused with 403 `origin-not-allowed`; programs that send no `Origin` are not affected.',
    },
    paths: {
      '/api/health': {
        get: {
          summary: 'Health of the bridge, for its watchdog and for monitoring',
          description:
            'Unhealthy when the bridge cannot serve (its PostgreSQL database is unreachable) or a restart would help: a room\'s Microsoft 365 sync is stuck (a round running far longer than any Graph request can take, or no round for several sync periods). Microsoft 365 being unreachable or refusing keeps the bridge healthy: that is a warning on the admin page and sync lag in `/api/metrics`.',
          responses: {
            '200': { description: 'Healthy: `status` is `ok`, `problems` empty', ...jsonContent('#/components/schemas/Health') },
            '503': { description: 'Unhealthy: `status` is `unhealthy`; each problem has a code, since when, what to do, and the room of a room\'s problem', ...jsonContent('#/components/schemas/Health') },
          },
        },
      },
      '/api/metrics': {
        get: {
          summary: 'Metrics in the Prometheus text format: displays, base units, Microsoft 365 sync lag, outbox, Graph requests and throttles',
          description:
            'Labels are room ids, never mailboxes. Metrics of Microsoft 365 are absent when it is not configured. The metrics are described in kiosk-config/ADMIN-GUIDE.md (Monitoring). With LINTEL_METRICS_TOKEN set, only for that bearer token; unset, only for requests from the bridge\'s own machine (loopback, not relayed by a proxy).',
          security: [{ metricsToken: [] }, {}],
          responses: {
            '200': { description: 'The metrics now', content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: { type: 'string' } } } },
            '401': errorResponse('LINTEL_METRICS_TOKEN is set, and the request does not carry it (`WWW-Authenticate: Bearer`)'),
            '403': errorResponse('LINTEL_METRICS_TOKEN is not set, and the request is not from the bridge\'s own machine'),
          },
        },
      },
      '/api/rooms': {
        get: {
          summary: 'Rooms this bridge serves',
          responses: {
            '200': { description: 'All rooms', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/RoomSummary' } } } } },
          },
        },
      },
      '/api/building': {
        get: {
          summary: "Every room's status at a glance, with where it is and until when",
          description:
            'For building screens and "find a free room": no subjects, organizers or mailboxes. Live over socket.io: `building:watch` answers with this list, then pushes `building:room` with one room\'s new summary whenever it changes, also when its status changes as time passes.',
          responses: {
            '200': { description: 'All rooms', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/RoomSummaryStatus' } } } } },
          },
        },
      },
      '/api/rooms/{id}/state': {
        get: {
          summary: "A room's status, current and next meetings, and today's events",
          description: ROOM_ACCESS,
          ...roomReader,
          parameters: [roomIdParameter],
          responses: {
            '200': { description: "The room state now; what the room's `privacy` setting hides (and a private meeting's subject and organizer) is sent as an empty `subject` and a null `organizer`", content: { 'application/json': { schema: { $ref: '#/components/schemas/RoomState' } } } },
            ...accessRefusals,
            '404': errorResponse('No such room'),
          },
        },
      },
      '/api/rooms/{id}/base-unit': {
        get: {
          summary: "The room's base unit: connected or not, model, serial, firmware, last seen, last fault, people, sharing",
          description: "For admins and the room's paired displays only, whatever the room's access.",
          security: [{ adminToken: [] }, { displayCredential: [] }],
          parameters: [roomIdParameter],
          responses: {
            '200': { description: 'The base unit now', content: { 'application/json': { schema: { $ref: '#/components/schemas/BaseUnitStatus' } } } },
            '401': errorResponse('No token, or one that proves nothing (`unauthorized`, `WWW-Authenticate: Bearer`)'),
            '403': errorResponse('A display of another room, or a phone (`forbidden`)'),
            '404': errorResponse('No such room, or the room has no base unit'),
          },
        },
      },
      '/api/rooms/{id}/actions': {
        post: {
          summary: 'Apply a walk-up action (book now, book a later slot, extend, end now, check in)',
          description:
            ROOM_ACCESS +
            " Idempotent by `id`: the same action sent again is applied once and answered the same way. `minutes` is 15/30/45/60 for book-now (absent: until the next meeting, at most 60) and 15/30 for extend. `book` takes a later slot of today (or up to the room's `bookAheadDays` ahead) from `start` for `minutes`; both book-now and book stay within the room's `maxBookingMinutes` (`too-long`), and book is refused `in-the-past`, `too-far-ahead` or `slot-taken`.",
          ...roomReader,
          parameters: [roomIdParameter],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/WalkUpAction' } } } },
          responses: {
            '200': { description: 'Applied; the new room state', content: { 'application/json': { schema: { $ref: '#/components/schemas/RoomState' } } } },
            '400': errorResponse('Invalid input, malformed JSON, a body that is not what its Content-Encoding says, or a path that is not valid percent-encoding'),
            '401': errorResponse('A token that proves nothing (`unauthorized`), or a room link that is forged or expired (`room-link-invalid`)'),
            '403': errorResponse('A `paired` room and no proof for it (`room-not-open`), a wrong PIN (`wrong-pin`), a read-only room (`read-only`), or a page of a site not allowed (`origin-not-allowed`)'),
            '404': errorResponse('No such room'),
            '409': errorResponse('The action does not fit the schedule (the code says why)'),
            '413': errorResponse('Body larger than 16 KB'),
            '415': errorResponse('Body is not JSON, or in a Content-Encoding the bridge does not decode (it decodes gzip, deflate and br)'),
            '429': errorResponse('Too many wrong PINs from this client at this room (`too-many-attempts`), or too many actions from it (`rate-limited`): try again after `Retry-After` seconds'),
          },
        },
      },
      '/api/rooms/{id}/problems': {
        post: {
          summary: 'Report a problem in the room (screen, video, sound, climate, cleanliness, other), with an optional note',
          description:
            ROOM_ACCESS +
            ' A report is no booking: a read-only room takes it too. Idempotent by `id`: the same report sent again is kept once and answered with the stored problem; another report under a used `id` is refused `action-id-reused`. With LINTEL_ALERT_WEBHOOK_URL set, the problem is posted there as JSON (`id`, `roomId`, `roomName`, `kind`, `note`, `reportedAt`), retried until it answers 2xx. Admins list and resolve problems under `/api/admin/problems`.',
          ...roomReader,
          parameters: [roomIdParameter],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ProblemReport' } } } },
          responses: {
            '201': { description: 'Kept (or kept before, under the same id); the problem as stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } } },
            '400': errorResponse('Invalid input: an unknown `kind`, a note over 500 characters, an `id` that is not a UUID, malformed JSON'),
            ...accessRefusals,
            '404': errorResponse('No such room'),
            '409': errorResponse('The `id` was used for a different report (`action-id-reused`)'),
            '413': errorResponse('Body larger than 16 KB'),
            '415': errorResponse('Body is not JSON'),
            '429': errorResponse('Too many reports from this client (`rate-limited`): try again after `Retry-After` seconds'),
          },
        },
      },
      ...adminPaths(),
    },
    components: {
      securitySchemes: {
        ...adminSecurityScheme,
        metricsToken: { type: 'http', scheme: 'bearer', description: 'The bridge\'s LINTEL_METRICS_TOKEN, for /api/metrics.' },
        displayCredential: { type: 'http', scheme: 'bearer', description: "A paired display's credential, given with the pairing code an admin linked it by." },
        roomLink: { type: 'http', scheme: 'bearer', description: 'A phone\'s room link: the `link` parameter of the address in a paired display\'s QR code, valid 10 minutes.' },
      },
      schemas: {
        Health: schema(HealthReport, 'output'),
        Error: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { enum: [...ERROR_CODES] }, message: { type: 'string' } },
        },
        BaseUnitStatus: {
          type: 'object',
          required: ['connected', 'port', 'model', 'serial', 'firmware', 'lastSeenAt', 'lastFault', 'power', 'sharing', 'clients', 'people'],
          properties: {
            connected: { type: 'boolean' },
            port: { type: 'string', description: 'Where the bridge looks for the unit' },
            model: { type: ['string', 'null'] },
            serial: { type: ['string', 'null'] },
            firmware: { type: ['string', 'null'] },
            lastSeenAt: { type: ['string', 'null'], format: 'date-time' },
            lastFault: { type: ['object', 'null'], properties: { code: { type: 'string' }, text: { type: 'string' }, at: { type: 'string', format: 'date-time' } } },
            power: { enum: ['on', 'standby', null] },
            sharing: { type: 'boolean' },
            clients: { type: 'integer' },
            people: { type: ['integer', 'null'], description: 'null when the unit has no occupancy sensor' },
          },
        },
        RoomSummary: schema(RoomSummary, 'output'),
        RoomSummaryStatus: schema(RoomSummaryStatus, 'output'),
        RoomState: schema(RoomState, 'output'),
        WalkUpAction: schema(WalkUpAction, 'input'),
        ProblemReport: schema(ProblemReport, 'input'),
        Problem: schema(Problem, 'output'),
        ...adminSchemas(),
      },
    },
  };
}
