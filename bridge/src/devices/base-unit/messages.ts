/**
 * BUCP/1 messages (base-unit-protocol.md): what the unit sends, parsed, and
 * what the host sends, formatted. Parsing never throws: a line that fits no
 * form is noise, which line noise on RS-232 makes real.
 */

export type UnitMessage =
  | { kind: 'ok'; tag: string; fields: Record<string, string> }
  | { kind: 'error'; tag: string; code: number; text: string }
  | { kind: 'event'; name: string; fields: Record<string, string> }
  | { kind: 'noise'; line: string; reason: string };

const TAG = /^[0-9A-Fa-f]{1,4}$/;
const NAME = /^[A-Z]+$/;
const KEY_VALUE = /^([a-z]+)=([\x21-\x7e]*)$/;

function isPrintableAscii(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}

function parseFields(tokens: readonly string[]): Record<string, string> | null {
  const fields: Record<string, string> = {};
  for (const token of tokens) {
    const match = KEY_VALUE.exec(token);
    if (!match) return null;
    fields[match[1]!] = match[2]!;
  }
  return fields;
}

export function parseUnitLine(line: string): UnitMessage {
  const noise = (reason: string): UnitMessage => ({ kind: 'noise', line, reason });
  if (!isPrintableAscii(line)) return noise('bytes outside printable ASCII');
  const tokens = line.split(' ');
  const [first, second, ...rest] = tokens;
  if (first === undefined || second === undefined) return noise('too few tokens');
  if (first === '!') {
    if (!NAME.test(second)) return noise('bad event name');
    const fields = parseFields(rest);
    return fields ? { kind: 'event', name: second, fields } : noise('bad event field');
  }
  if (!TAG.test(first)) return noise('bad tag');
  if (second === 'OK') {
    const fields = parseFields(rest);
    return fields ? { kind: 'ok', tag: first, fields } : noise('bad reply field');
  }
  if (second === 'ERR') {
    const [code, ...text] = rest;
    if (code === undefined || !/^\d{3}$/.test(code)) return noise('bad error code');
    return { kind: 'error', tag: first, code: Number(code), text: text.join(' ') };
  }
  return noise('neither OK nor ERR');
}

export type Command =
  | { name: 'HELLO' }
  | { name: 'PING' }
  | { name: 'STATUS' }
  | { name: 'POWER'; state: 'ON' | 'STANDBY' }
  | { name: 'LED'; color: LedColor; mode: LedMode }
  | { name: 'TEXT'; text: string }
  | { name: 'CLOCK'; unixSeconds: number };

export const LED_COLORS = ['GREEN', 'RED', 'AMBER', 'BLUE', 'WHITE', 'OFF'] as const;
export const LED_MODES = ['SOLID', 'BLINK', 'PULSE'] as const;
export type LedColor = (typeof LED_COLORS)[number];
export type LedMode = (typeof LED_MODES)[number];

/** Banner text is at most 120 bytes of UTF-8 before encoding. */
const MAX_BANNER_BYTES = 120;

/** The request line for `command` with `tag`, without its CR LF. Throws on text the protocol cannot carry. */
export function formatRequest(tag: string, command: Command): string {
  switch (command.name) {
    case 'HELLO':
      return `${tag} HELLO proto=1`;
    case 'PING':
    case 'STATUS':
      return `${tag} ${command.name}`;
    case 'POWER':
      return `${tag} POWER ${command.state}`;
    case 'LED':
      return `${tag} LED ${command.color} ${command.mode}`;
    case 'TEXT': {
      if (command.text === '') return `${tag} TEXT`;
      const bytes = new TextEncoder().encode(command.text);
      if (bytes.length > MAX_BANNER_BYTES) throw new RangeError(`Banner text is ${bytes.length} bytes; BUCP/1 allows ${MAX_BANNER_BYTES}`);
      return `${tag} TEXT ${Buffer.from(bytes).toString('base64url')}`;
    }
    case 'CLOCK':
      return `${tag} CLOCK ${Math.floor(command.unixSeconds)}`;
  }
}
