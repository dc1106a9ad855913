import { ERROR_CODES } from '../../../shared/errors.ts';
import { RoomState, RoomSummary, WalkUpAction } from '../../../shared/model.ts';
import { adminPaths, adminSchemas, adminSecurityScheme } from './openapi-admin.ts';
import { errorResponse, roomIdParameter, schema } from './openapi-parts.ts';

/** The HTTP API as OpenAPI 3.1, generated from the same zod schemas that validate it. */
export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lintel bridge API',
      version,
      description:
        'Room state for displays and integrations, and walk-up actions; live updates are pushed over socket.io (`room:state`). Under `/api/admin`, the admin page\'s API, for an admin\'s Microsoft token or the local admin token.',
    },
    paths: {
      '/api/health': {
        get: {
          summary: 'Liveness of the bridge',
          responses: { '200': { description: 'The bridge is up', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } } },
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
      '/api/rooms/{id}/state': {
        get: {
          summary: "A room's status, current and next meetings, and today's events",
          parameters: [roomIdParameter],
          responses: {
            '200': { description: 'The room state now', content: { 'application/json': { schema: { $ref: '#/components/schemas/RoomState' } } } },
            '404': errorResponse('No such room'),
          },
        },
      },
      '/api/rooms/{id}/base-unit': {
        get: {
          summary: "The room's base unit: connected or not, model, serial, firmware, last seen, last fault, people, sharing",
          parameters: [roomIdParameter],
          responses: {
            '200': { description: 'The base unit now', content: { 'application/json': { schema: { $ref: '#/components/schemas/BaseUnitStatus' } } } },
            '404': errorResponse('No such room, or the room has no base unit'),
          },
        },
      },
      '/api/rooms/{id}/actions': {
        post: {
          summary: 'Apply a walk-up action (book now, extend, end now, check in)',
          description: 'Idempotent by `id`: the same action sent again is applied once and answered the same way. `minutes` is 15/30/45/60 for book-now (absent: until the next meeting, at most 60) and 15/30 for extend.',
          parameters: [roomIdParameter],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/WalkUpAction' } } } },
          responses: {
            '200': { description: 'Applied; the new room state', content: { 'application/json': { schema: { $ref: '#/components/schemas/RoomState' } } } },
            '400': errorResponse('Invalid input or malformed JSON'),
            '404': errorResponse('No such room'),
            '409': errorResponse('The action does not fit the schedule (the code says why)'),
            '413': errorResponse('Body larger than 16 KB'),
            '415': errorResponse('Body is not JSON'),
          },
        },
      },
      ...adminPaths(),
    },
    components: {
      securitySchemes: adminSecurityScheme,
      schemas: {
        Health: {
          type: 'object',
          required: ['status', 'version', 'time', 'rooms'],
          properties: {
            status: { const: 'ok' },
            version: { type: 'string' },
            time: { type: 'string', format: 'date-time' },
            rooms: { type: 'integer', description: 'Number of rooms served' },
          },
        },
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
        RoomState: schema(RoomState, 'output'),
        WalkUpAction: schema(WalkUpAction, 'input'),
        ...adminSchemas(),
      },
    },
  };
}
