import type ICAL from 'ical.js';

/** What a display shows of an event, besides its times. */
export interface EventFields {
  subject: string;
  organizer: string | null;
  isPrivate: boolean;
}

/** SUMMARY, ORGANIZER and CLASS of a VEVENT; an override (RFC 5545 3.8.4.4) is a VEVENT of its own and has its own. */
export function eventFields(component: ICAL.Component): EventFields {
  // RFC 5545 3.8.1.3: PRIVATE and CONFIDENTIAL both keep the details from others.
  const classification = textOf(component, 'class')?.toUpperCase();
  return {
    subject: textOf(component, 'summary') ?? '',
    organizer: organizerOf(component),
    isPrivate: classification === 'PRIVATE' || classification === 'CONFIDENTIAL',
  };
}

/** RFC 5545 3.8.1.11: STATUS:CANCELLED, a meeting that no longer takes place. */
export function isCancelled(component: ICAL.Component): boolean {
  return textOf(component, 'status')?.toUpperCase() === 'CANCELLED';
}

/** RFC 5545 3.8.4.3: the organizer's common name (CN) when given, else the address, without its mailto: scheme. */
function organizerOf(component: ICAL.Component): string | null {
  const property = component.getFirstProperty('organizer');
  if (!property) return null;
  const name: unknown = property.getFirstParameter('cn');
  if (typeof name === 'string' && name.trim() !== '') return name.trim();
  const address = property.getFirstValue();
  if (typeof address !== 'string') return null;
  const bare = address.replace(/^mailto:/i, '').trim();
  return bare === '' ? null : bare;
}

function textOf(component: ICAL.Component, name: string): string | null {
  const value = component.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : null;
}
