import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RoomAccess } from '../../shared/model.ts';
import type { GraphEmulator } from '../graph-emulator/graph-emulator.ts';

export interface EmulatedRoomLink {
  id: string;
  name: string;
  mailbox: string;
}

/**
 * The environment of a bridge process connected to the Graph emulator: the
 * emulator's CA and a rooms file (each room linked to its mailbox) are
 * written into `dataDir`, where the process finds them.
 */
export function emulatedM365Env(options: {
  dataDir: string;
  emulator: GraphEmulator;
  tenantId: string;
  clientId: string;
  secret: string;
  serviceMailbox: string;
  rooms: readonly EmulatedRoomLink[];
  /** Every room's zone; Europe/Amsterdam by default. */
  timeZone?: string;
  /** Every room's access in the rooms file; left out (so `paired`) by default. */
  access?: RoomAccess;
}): Record<string, string> {
  const caFile = join(options.dataDir, 'emulator-ca.pem');
  writeFileSync(caFile, options.emulator.ca);
  const roomsFile = join(options.dataDir, 'rooms.json');
  const rooms = options.rooms.map((room) => ({
    id: room.id,
    name: room.name,
    ...(options.access ? { access: options.access } : {}),
    timeZone: options.timeZone ?? 'Europe/Amsterdam',
    microsoft365: { mailbox: room.mailbox },
  }));
  writeFileSync(roomsFile, JSON.stringify({ rooms }));
  return {
    LINTEL_CONFIG: roomsFile,
    LINTEL_DEMO_MEETINGS: 'false',
    LINTEL_M365_TENANT_ID: options.tenantId,
    LINTEL_M365_CLIENT_ID: options.clientId,
    LINTEL_M365_CLIENT_SECRET: options.secret,
    LINTEL_M365_SERVICE_MAILBOX: options.serviceMailbox,
    LINTEL_M365_AUTHORITY_HOST: options.emulator.url,
    LINTEL_M365_GRAPH_URL: options.emulator.url,
    LINTEL_M365_CA_FILE: caFile,
  };
}
