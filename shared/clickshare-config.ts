import { z } from 'zod';

/**
 * A room's `"clickshare"` in the rooms file (issue 21): the Barco ClickShare
 * base unit in the room and how the bridge reaches its REST API. Secrets stay
 * in files the bridge's user can read, never in the rooms file itself.
 */

const FilePath = z.string().min(1).max(4096);

// Barco's REST API listens on 4003 ("{baseUnitAddress}:4003", ClickShare REST API R5915531, 1.1).
const CLICKSHARE_API_PORT = 4003;

export const ClickShareConfig = z
  .strictObject({
    host: z
      .string()
      .trim()
      .min(1)
      .max(253)
      .regex(/^[^\s/]+$/, 'the unit\'s address alone, e.g. 10.0.0.7 or clickshare-harbour.contoso.com: no "https://", no path')
      .describe("The ClickShare base unit's address on the LAN: an IP address or a host name."),
    port: z
      .number()
      .int()
      .min(1)
      .max(65_535)
      .default(CLICKSHARE_API_PORT)
      .describe(`The TCP port of the unit's REST API (HTTPS); ${CLICKSHARE_API_PORT} when not given.`),
    username: z
      .string()
      .min(1)
      .max(256)
      // Basic authentication sends "user:password": a colon in the user-id cannot be told apart (RFC 7617, section 2).
      .regex(/^[^:]+$/, 'a user name without ":"')
      .describe("The API user on the unit, as set in the unit's web configurator (e.g. admin or integrator)."),
    passwordFile: FilePath.describe(
      "A file holding that user's password, readable by the bridge's user only; a trailing newline is not part of the password. Read again at every reconnect, so a changed password needs no restart.",
    ),
    caFile: FilePath.optional().describe(
      "A PEM file with the certificate authority that signed the unit's certificate, when the unit has one of the organisation's certificates. Without it the unit's own self-signed certificate is pinned on first contact.",
    ),
  })
  .describe("The room's Barco ClickShare base unit: the bridge wakes it before meetings, lets it sleep after hours, sets its meeting-room name and learns when someone shares.");
export type ClickShareConfig = z.infer<typeof ClickShareConfig>;
