/**
 * The state of an emulated ClickShare base unit and its resources, as
 * Barco's "ClickShare REST API" reference (R5915531) describes them; not as
 * the bridge's driver reads them. Members the driver never reads are here
 * too, so a driver that breaks on a full answer fails against it.
 */

export type UnitPower = 'On' | 'Standby';

/** Where a resource lives, as the reference names it under the major version (R5915531, 1.1 Versions). */
export const RESOURCES = {
  status: '/v2/configuration/system/status',
  powerManagement: '/v2/configuration/system/power-management',
  personalization: '/v2/configuration/personalization',
} as const;
export type ResourceName = keyof typeof RESOURCES;

/** A PATCH the reference does not allow (a read-only or unknown member), as the 400 the emulator answers. */
export class RejectedChange extends Error {}

const SUPPORTED_POWER_MODES = ['EcoStandby', 'NetworkedStandby', 'DeepStandby'];
const SUPPORTED_STANDBY_TIMEOUTS = ['Infinite', '1', '5', '10', '15', '30', '45', '60'];
const SUPPORTED_LANGUAGES = ['English', 'Dutch', 'French', 'German'];

export class EmulatedUnit {
  power: UnitPower = 'On';
  /** A source (Button, app) is connected. */
  inUse = false;
  /** A connected source shares content on the display. */
  sharing = false;
  meetingRoomName = 'ClickShare';
  location = '';
  language = 'English';
  readonly #bootedAt = Date.now();
  readonly #changed: (resource: ResourceName) => void;

  /** `changed` is told of every change, for the subscriptions. */
  constructor(changed: (resource: ResourceName) => void) {
    this.#changed = changed;
  }

  /** R5915531 2.42 configuration/system/status, GET. */
  status(): object {
    const uptime = Math.floor((Date.now() - this.#bootedAt) / 1000);
    return { currentUptime: uptime, errorCode: 'Ok', errorMessage: '', firstUsed: '2024-03-01 09:00:00', inUse: this.inUse, sharing: this.sharing, totalUptime: 86_400 + uptime };
  }

  /** R5915531 2.40 configuration/system/power-management, GET. */
  powerManagement(): object {
    return {
      powerMode: 'EcoStandby',
      standbyTimeout: '10',
      status: this.power,
      supportedPowerModes: SUPPORTED_POWER_MODES,
      supportedStandbyTimeouts: SUPPORTED_STANDBY_TIMEOUTS,
      supportedStatuses: ['On', 'Standby'],
    };
  }

  /** R5915531 2.31 configuration/personalization, GET. */
  personalization(): object {
    return {
      language: this.language,
      location: this.location,
      meetingRoomName: this.meetingRoomName,
      screenIdOverlay: 'Standard',
      screensaver: { mode: 'Default', state: false, supportedModes: ['Default'], supportedTimeouts: ['Infinite', '10', '60'], timeout: 'Infinite' },
      showNetworkInfo: true,
      showWallpaper: true,
      supportedLanguages: SUPPORTED_LANGUAGES,
      supportedScreenIdOverlays: ['Standard', 'Small'],
      theaterMode: { enabled: false },
    };
  }

  read(resource: ResourceName): object {
    if (resource === 'status') return this.status();
    if (resource === 'powerManagement') return this.powerManagement();
    return this.personalization();
  }

  /** R5915531 2.31 PATCH of the writable string members; the supported lists are read-only. */
  patchPersonalization(body: Record<string, unknown>): void {
    for (const [member, value] of Object.entries(body)) {
      if ((member === 'meetingRoomName' || member === 'location') && typeof value === 'string') continue;
      if (member === 'language' && typeof value === 'string' && SUPPORTED_LANGUAGES.includes(value)) continue;
      throw new RejectedChange(`${member}: read-only, unknown or not a supported value`);
    }
    if (typeof body.meetingRoomName === 'string') this.meetingRoomName = body.meetingRoomName;
    if (typeof body.location === 'string') this.location = body.location;
    if (typeof body.language === 'string') this.language = body.language;
    this.#changed('personalization');
  }

  setPower(power: UnitPower): void {
    if (this.power === power) return;
    this.power = power;
    this.#changed('powerManagement');
  }

  /**
   * Someone starts or stops sharing (a Button plugged in and pressed, or
   * unplugged). A source connecting wakes the unit ("Button or app
   * connecting with the Base Unit", Barco manual R5900023, "About standby").
   */
  share(sharing: boolean): void {
    if (sharing) this.setPower('On');
    if (this.sharing === sharing && this.inUse === sharing) return;
    this.sharing = sharing;
    this.inUse = sharing;
    this.#changed('status');
  }

  /** A source connected without sharing (a Button plugged in, not pressed), or none. */
  connectSource(inUse: boolean): void {
    if (inUse) this.setPower('On');
    if (this.inUse === inUse) return;
    this.inUse = inUse;
    if (!inUse) this.sharing = false;
    this.#changed('status');
  }
}
