/** RFC 4648 7: the "Extended Hex" alphabet, which Calendar API event ids use ("lowercase letters a-v and digits 0-9"). */
const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
/** Marks an id the bridge made, so one read back is known for a walk-up booking and not taken for anyone's. */
const PREFIX = 'lintel:';

/**
 * The event id of a walk-up booking, from its key: Calendar API events.insert
 * takes an id the client chooses (base32hex characters, length 5 to 1024), so
 * a retry under the same key asks for the same id, which Google refuses as a
 * duplicate instead of making a second event. The id is the key itself,
 * encoded, so every copy of the event (the room's too) says whose it is.
 */
export function eventIdForKey(key: string): string {
  let bits = 0;
  let value = 0;
  let id = '';
  for (const byte of Buffer.from(`${PREFIX}${key}`, 'utf8')) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      id += BASE32HEX[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) id += BASE32HEX[(value << (5 - bits)) & 31];
  return id;
}

/** The walk-up key an event id was made from (eventIdForKey); undefined for any other event's id. */
export function keyOfEventId(id: string): string | undefined {
  if (!/^[0-9a-v]+$/.test(id)) return undefined;
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of id) {
    value = ((value << 5) | BASE32HEX.indexOf(char)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  const text = Buffer.from(bytes).toString('utf8');
  return text.startsWith(PREFIX) && eventIdForKey(text.slice(PREFIX.length)) === id ? text.slice(PREFIX.length) : undefined;
}
