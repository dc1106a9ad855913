import { z } from 'zod';
import { BridgeEnvironment } from './config.ts';
import { RoomsFile } from './rooms-file.ts';

/** Defaults that depend on the machine (its folders, its time zone): their descriptions say what they are instead. */
const PER_MACHINE_DEFAULTS = new Set(['LINTEL_DATA_DIR', 'LINTEL_WEB_DIR', 'LINTEL_TIME_ZONE']);

/**
 * The JSON Schemas published in kiosk-config/schema/, made from the zod
 * schemas the bridge checks its configuration with, so they cannot drift:
 * a test compares the published files with these.
 */
export function configSchemas(): Record<string, object> {
  return {
    'rooms.schema.json': {
      ...header('Lintel rooms file', 'The rooms a Lintel bridge serves (LINTEL_CONFIG), with their settings, base units and Microsoft 365 links.'),
      ...withoutSchemaKey(z.toJSONSchema(RoomsFile, { io: 'input', target: 'draft-2020-12' })),
    },
    'bridge-environment.schema.json': {
      ...header('Lintel bridge environment', 'The environment variables a Lintel bridge reads at start (e.g. /etc/lintel/lintel.env). Every value is a string, as in an environment file.'),
      type: 'object',
      properties: Object.fromEntries(Object.entries(BridgeEnvironment.shape).map(([key, field]) => [key, asEnvironmentString(key, field)])),
    },
  };
}

function header(title: string, description: string) {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', title, description };
}

function withoutSchemaKey(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _published, ...rest } = schema;
  return rest;
}

/** A setting as the string an environment file holds: its choices, format and limits kept, numbers and flags as their text. */
function asEnvironmentString(key: string, field: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const limits = json.type === 'integer' ? { pattern: '^[0-9]+$', description: `${String(json.description ?? '')} From ${String(json.minimum)} to ${String(json.maximum)}.`.trim() } : {};
  return {
    type: 'string',
    ...(json.description === undefined ? {} : { description: json.description }),
    ...(Array.isArray(json.enum) ? { enum: json.enum.map(String) } : {}),
    ...(typeof json.format === 'string' ? { format: json.format } : {}),
    ...limits,
    ...(json.default === undefined || PER_MACHINE_DEFAULTS.has(key) ? {} : { default: String(json.default) }),
  };
}
