/**
 * A programmable Microsoft 365 tenant for the Graph emulator: rooms, the
 * Lintel application with its credentials and service principal, and the
 * faults a real tenant shows.
 */
export interface EmulatedRoom {
  id: string;
  displayName: string;
  emailAddress: string;
  capacity: number | null;
  building: string | null;
  floorNumber: number | null;
  /** Hidden from the address list: Places never returns it. */
  hiddenFromAddressList?: boolean;
}

export interface EmulatedSecret {
  keyId: string;
  secretText: string;
  /** ISO instant. */
  endDateTime: string;
}

export interface EmulatedApp {
  appId: string;
  displayName: string;
  secrets: EmulatedSecret[];
  servicePrincipal: 'enabled' | 'disabled' | 'deleted';
  adminConsented: boolean;
  /** Application permissions granted (app roles). */
  roles: string[];
}

export type InjectedFault = { kind: 'throttle'; retryAfterSeconds: number } | { kind: 'server-error'; status: 500 | 502 | 503 | 504 };

export class EmulatedTenant {
  readonly tenantId: string;
  readonly rooms: EmulatedRoom[] = [];
  readonly apps = new Map<string, EmulatedApp>();
  /** Faults served, in order, to the next Graph requests. */
  readonly faults: InjectedFault[] = [];

  constructor(tenantId: string = crypto.randomUUID()) {
    this.tenantId = tenantId;
  }

  addRoom(room: Partial<EmulatedRoom> & { displayName: string }): EmulatedRoom {
    const slug = room.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const full: EmulatedRoom = {
      id: room.id ?? crypto.randomUUID(),
      emailAddress: room.emailAddress ?? `${slug}@contoso.example`,
      capacity: room.capacity ?? null,
      building: room.building ?? null,
      floorNumber: room.floorNumber ?? null,
      ...room,
    };
    this.rooms.push(full);
    return full;
  }

  addApp(app: Partial<EmulatedApp> & { secret: string; secretEndDateTime: string }): EmulatedApp {
    const full: EmulatedApp = {
      appId: app.appId ?? crypto.randomUUID(),
      displayName: app.displayName ?? 'Lintel',
      secrets: [{ keyId: crypto.randomUUID(), secretText: app.secret, endDateTime: app.secretEndDateTime }],
      servicePrincipal: app.servicePrincipal ?? 'enabled',
      adminConsented: app.adminConsented ?? true,
      roles: app.roles ?? ['Calendars.ReadWrite', 'Place.Read.All'],
    };
    this.apps.set(full.appId, full);
    return full;
  }
}
