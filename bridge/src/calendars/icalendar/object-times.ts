import ICAL from 'ical.js';
import { ianaZoneOf } from '../zone-name.ts';
import { vtimezoneZone } from './vtimezone.ts';
import { wallOf, type Wall } from './wall-time.ts';
import { instantOf, intlZone, UTC_ZONE, type Zone } from './zone.ts';

/** A DATE or DATE-TIME value as written, with the zone that reads it. */
export interface When {
  wall: Wall;
  isDate: boolean;
  zone: Zone;
}

/** The instant a value names; for a date, the first instant of that day in its zone (the room's). */
export function instantOfWhen(when: When): number {
  return instantOf(when.wall, when.zone);
}

/**
 * Reads the DATE and DATE-TIME values of one VCALENDAR, each in its zone
 * (RFC 5545 3.3.5): UTC when it ends in Z; its TZID's zone, as the object's
 * VTIMEZONE of that TZID defines it (RFC 5545 3.6.5; each object has its
 * own), else as the IANA (or Windows) zone of that name, which feeds often
 * write without a VTIMEZONE; the room's zone for a floating time, and for a
 * TZID no one knows. A DATE is a day of the room (an all-day event covers the
 * room's local day).
 */
export class ObjectTimes {
  readonly #vcalendar: ICAL.Component;
  readonly #roomZone: Zone;
  readonly #zones = new Map<string, Zone>();

  constructor(vcalendar: ICAL.Component, roomZone: Zone) {
    this.#vcalendar = vcalendar;
    this.#roomZone = roomZone;
  }

  /** The first value of a property (DTSTART, DTEND, RECURRENCE-ID), null when absent; throws when it is no date or date-time. */
  first(component: ICAL.Component, name: string): When | null {
    const property = component.getFirstProperty(name);
    if (!property) return null;
    const value = property.getFirstValue();
    if (!(value instanceof ICAL.Time)) throw new TypeError(`${name} is not a date or date-time`);
    return this.when(value, property);
  }

  /** A value of `property`, read in the property's zone. */
  when(value: ICAL.Time, property: ICAL.Property): When {
    return { wall: wallOf(value), isDate: value.isDate, zone: this.#zoneOf(value, property) };
  }

  #zoneOf(value: ICAL.Time, property: ICAL.Property): Zone {
    if (value.isDate) return this.#roomZone;
    // RFC 5545 3.3.5 form #2: a time ending in Z is UTC, whatever TZID says.
    if (value.zone === ICAL.Timezone.utcTimezone) return UTC_ZONE;
    return this.#zoneOfTzid(tzidOf(property));
  }

  #zoneOfTzid(tzid: string | undefined): Zone {
    if (!tzid) return this.#roomZone;
    let zone = this.#zones.get(tzid);
    if (!zone) {
      zone = this.#definedZone(tzid) ?? this.#namedZone(tzid) ?? this.#roomZone;
      this.#zones.set(tzid, zone);
    }
    return zone;
  }

  #definedZone(tzid: string): Zone | null {
    const vtimezone = this.#vcalendar.getAllSubcomponents('vtimezone').find((component) => component.getFirstPropertyValue('tzid') === tzid);
    return vtimezone ? vtimezoneZone(vtimezone) : null;
  }

  #namedZone(tzid: string): Zone | null {
    // RFC 5545 3.2.19: a leading solidus marks a globally unique zone name, such as an IANA one.
    const iana = ianaZoneOf(tzid.replace(/^\//, ''));
    return iana === null ? null : intlZone(iana);
  }
}

/** A property's TZID parameter, if it has one. */
export function tzidOf(property: ICAL.Property): string | undefined {
  const tzid: unknown = property.getFirstParameter('tzid');
  return typeof tzid === 'string' && tzid !== '' ? tzid : undefined;
}
