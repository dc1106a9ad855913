/**
 * Asks Graph for immutable event ids. By default an Outlook item's id changes
 * when the item moves to another folder, and the preference holds only for
 * the request that carries it, so every request that answers or names an
 * event id asks: the ids the bridge stores then match whichever request made
 * them (a create, a delta round, a lookup) and keep naming the event.
 */
// Graph: concepts/outlook-immutable-id.md ("you must include this header with every API request").
export const IMMUTABLE_IDS = 'IdType="ImmutableId"';

/** `headers` with IdType="ImmutableId" added to the Prefer header they carry, unless it already names an IdType. */
export function preferImmutableIds(headers: Record<string, string> = {}): Record<string, string> {
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'prefer');
  const prefer = name === undefined ? undefined : headers[name];
  if (prefer !== undefined && /(^|,)\s*IdType\s*=/i.test(prefer)) return headers;
  const others = Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
  return { ...others, Prefer: prefer ? `${prefer}, ${IMMUTABLE_IDS}` : IMMUTABLE_IDS };
}
