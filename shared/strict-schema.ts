import { z } from 'zod';

/** What a schema's definition holds that a strict copy replaces: its parts, by the name Zod gives them. */
type Def = Record<string, unknown> & { type: string; catchall?: z.ZodType };

const WRAPPED = ['innerType', 'element', 'in', 'out', 'left', 'right', 'valueType'] as const;

/**
 * The same schema with every object in it strict: an unknown key is an
 * issue at its path. For files a person writes (a rooms file), where a
 * misspelt or not-yet-supported key would otherwise be dropped without a
 * word. Descriptions, defaults and refinements stay (each copy is made from
 * the schema it replaces, which it keeps as its parent for their metadata).
 */
export function deepStrict<T extends z.ZodType>(schema: T): T {
  return strictCopy(schema) as T;
}

function strictCopy(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as unknown as Def;
  const copy: Def = { ...def };
  let changed = false;
  if (def.type === 'object') {
    const shape = def.shape as Record<string, z.ZodType>;
    copy.shape = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, strictCopy(value)]));
    // Left as it is when the object takes other keys on purpose (a catchall); else unknown keys are refused.
    copy.catchall = def.catchall ?? z.never();
    changed = true;
  }
  if (def.type === 'union') {
    copy.options = (def.options as z.ZodType[]).map(strictCopy);
    changed = true;
  }
  for (const part of WRAPPED) {
    const inner = def[part];
    if (inner instanceof z.ZodType) {
      copy[part] = strictCopy(inner);
      changed = true;
    }
  }
  return changed ? schema.clone(copy as unknown as typeof schema._zod.def, { parent: true }) : schema;
}
