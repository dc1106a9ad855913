import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues } from './validation.ts';
import { deepStrict } from './strict-schema.ts';

const Settings = z.object({ language: z.enum(['en', 'nl']).default('en'), checkIn: z.object({ required: z.boolean().default(false) }).prefault({}) });
const Room = z.object({
  id: z.string().describe('The room id.'),
  settings: Settings.prefault({}),
  calendar: z.discriminatedUnion('type', [z.object({ type: z.literal('ics'), url: z.string() }), z.object({ type: z.literal('google'), calendarId: z.string() })]).nullable().default(null),
  unit: z.object({ path: z.string().optional() }).refine((unit) => unit.path !== undefined, 'give a path').nullable().default(null),
});
const File = deepStrict(z.object({ rooms: z.array(Room) }));

describe('a strict copy of a schema', () => {
  it('names every unknown key with its path, however deep, in unions and arrays too', () => {
    const parsed = File.safeParse({
      rooms: [{ id: 'harbour', capacity: 8, settings: { checkIn: { requierd: true } }, calendar: { type: 'ics', url: 'https://x', walkups: 'local' } }],
      extra: true,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.success ? '' : describeIssues(parsed.error)).toBe(
      'rooms.0.settings.checkIn: Unrecognized key: "requierd"; rooms.0.calendar: Unrecognized key: "walkups"; rooms.0: Unrecognized key: "capacity"; Unrecognized key: "extra"',
    );
  });

  it('keeps what the schema did: defaults, refinements and descriptions', () => {
    expect(File.parse({ rooms: [{ id: 'harbour' }] })).toEqual({ rooms: [{ id: 'harbour', settings: { language: 'en', checkIn: { required: false } }, calendar: null, unit: null }] });
    expect(File.safeParse({ rooms: [{ id: 'harbour', unit: {} }] }).error?.issues[0]?.message).toBe('give a path');
    expect(z.toJSONSchema(File, { io: 'input' })).toMatchObject({ additionalProperties: false, properties: { rooms: { items: { properties: { id: { description: 'The room id.' } }, additionalProperties: false } } } });
  });
});
