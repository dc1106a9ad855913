import { z } from 'zod';

/**
 * A room's `"display"` in the rooms file (issue 21): the commercial display
 * or TV the hardware policy switches on and to standby, and how the bridge
 * reaches it. One shape per control protocol, told apart by `"protocol"`.
 */

const SerialPath = z
  .string()
  .min(1)
  .max(4096)
  .describe("The serial device wired to the display's RS-232 port, e.g. /dev/ttyUSB0 (a USB RS-232 adapter); a /dev/serial/by-id/… name survives replugging.");

const Host = z.string().trim().min(1).max(253).describe("The display's address on the LAN: an IP address or a host name.");

const tcpPort = (defaultPort: number) =>
  z.number().int().min(1).max(65_535).optional().describe(`The TCP port the display's control listens on, with "host"; ${defaultPort} when not given.`);

/** Either a serial path or a host, said plainly when neither or both are given. */
function reachedOneWay<T extends z.ZodObject>(schema: T) {
  type Where = { path?: string; host?: string; port?: number };
  return schema
    .refine((where: Where) => where.path !== undefined || where.host !== undefined, {
      message: 'give the display\'s serial "path" (RS-232, e.g. /dev/ttyUSB0) or its "host" (LAN, e.g. 10.0.0.5)',
    })
    .refine((where: Where) => where.path === undefined || where.host === undefined, { message: 'give "path" or "host", not both' })
    .refine((where: Where) => where.port === undefined || where.host !== undefined, { message: '"port" goes with "host": a serial display has no port number', path: ['port'] });
}

export const SamsungMdcDisplay = reachedOneWay(
  z.strictObject({
    protocol: z.literal('samsung-mdc').describe("Samsung's Multiple Display Control (MDC), plain over TCP (not its secured variant) or RS-232 at 9600 8N1."),
    path: SerialPath.optional(),
    host: Host.optional(),
    port: tcpPort(1515),
    // 0xFE (254) addresses every display on the chain and gets no answer, so the bridge could not read the power back: not allowed.
    id: z.number().int().min(0).max(253).default(1).describe("The display's ID as its menu shows it (0 to 253), default 1."),
  }),
).describe('A Samsung display controlled by MDC, on a serial "path" or at a "host".');

export const LgDisplay = z
  .strictObject({
    protocol: z.literal('lg').describe("LG's RS-232 control (the ka power command), 9600 8N1."),
    path: SerialPath,
    // Set ID 0 addresses every set and is not acknowledged: the bridge must read the power back.
    setId: z.number().int().min(1).max(255).default(1).describe("The display's Set ID as its menu shows it (1 to 255), default 1."),
  })
  .describe('An LG display on a serial "path".');

/** NEC numbers monitors 1 to 100 and writes ID n as the character 'A' + n - 1 on the wire; both forms are accepted here. */
const NecMonitorId = z
  .union([z.number().int().min(1).max(100), z.string().regex(/^[A-Z]$/, 'a monitor ID as a number 1 to 100, or its letter "A" (ID 1) to "Z" (ID 26)')])
  .transform((id) => (typeof id === 'number' ? id : id.charCodeAt(0) - 'A'.charCodeAt(0) + 1))
  .default(1)
  .describe('The monitor ID as its menu shows it (1 to 100), or as the letter of the protocol ("A" is ID 1); default 1.');

export const NecDisplay = reachedOneWay(
  z.strictObject({
    protocol: z.literal('nec').describe("NEC's external control protocol, over TCP or RS-232 at 9600 8N1."),
    path: SerialPath.optional(),
    host: Host.optional(),
    port: tcpPort(7142),
    monitorId: NecMonitorId,
  }),
).describe('An NEC display, on a serial "path" or at a "host".');

export const CecDisplay = z
  .strictObject({
    protocol: z.literal('cec').describe("HDMI-CEC through libcec's cec-client (Debian cec-utils), best effort: many TVs ignore standby."),
    device: z.string().min(1).max(4096).describe('The USB-CEC adapter, e.g. /dev/ttyACM0.'),
  })
  .describe('A TV on HDMI-CEC through a USB-CEC adapter.');

export const DisplayControlConfig = z
  .discriminatedUnion('protocol', [SamsungMdcDisplay, LgDisplay, NecDisplay, CecDisplay])
  .describe('The room\'s display and how the bridge controls its power: "samsung-mdc", "lg", "nec" or "cec".');
export type DisplayControlConfig = z.infer<typeof DisplayControlConfig>;
export type SamsungMdcDisplay = z.infer<typeof SamsungMdcDisplay>;
export type LgDisplay = z.infer<typeof LgDisplay>;
export type NecDisplay = z.infer<typeof NecDisplay>;
export type CecDisplay = z.infer<typeof CecDisplay>;
