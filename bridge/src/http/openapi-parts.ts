import { z } from 'zod';

/** A zod schema as OpenAPI 3.1's JSON Schema: requests as they may be sent (`input`), answers as they come (`output`). */
export function schema(type: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(type, { io, unrepresentable: 'any' });
  return rest;
}

export const jsonContent = (ref: string) => ({ content: { 'application/json': { schema: { $ref: ref } } } });

export const errorResponse = (description: string) => ({ description, ...jsonContent('#/components/schemas/Error') });

export const roomIdParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Room id, as listed by GET /api/rooms.' };
