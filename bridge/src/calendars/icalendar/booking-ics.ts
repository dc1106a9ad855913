import ICAL from 'ical.js';

const UID_SUFFIX = '@lintel';

/** RFC 5545 3.6: every iCalendar object names the product that made it (PRODID, 3.7.3). */
const LINTEL_PRODID = '-//Lintel//Room display//EN';

/**
 * The UID of the event a walk-up booking makes: its key, so that a retry
 * after a lost answer or a crash finds the event the first attempt made
 * (RFC 5545 3.8.4.7: unique, with a domain-like right-hand side).
 */
export function uidForKey(key: string): string {
  return `${key}${UID_SUFFIX}`;
}

/** The walk-up key an event the bridge made was created with; undefined for any other UID. */
export function keyFromUid(uid: string): string | undefined {
  return uid.endsWith(UID_SUFFIX) && uid.length > UID_SUFFIX.length ? uid.slice(0, -UID_SUFFIX.length) : undefined;
}

/**
 * The calendar resource of a walk-up booking: a VCALENDAR with one VEVENT,
 * its times in UTC. ical.js writes it, escaping TEXT values (RFC 5545
 * 3.3.11) and folding lines at 75 octets (RFC 5545 3.1) with CRLF endings.
 */
export function bookingCalendar(key: string, meeting: { subject: string; start: string; end: string }, now: number): string {
  const vcalendar = new ICAL.Component('vcalendar');
  vcalendar.addPropertyWithValue('version', '2.0');
  vcalendar.addPropertyWithValue('prodid', LINTEL_PRODID);
  const vevent = new ICAL.Component('vevent');
  // RFC 5545 3.6.1: UID and DTSTAMP are required; DTSTAMP is when the object was made.
  vevent.addPropertyWithValue('uid', uidForKey(key));
  vevent.addPropertyWithValue('dtstamp', utcTime(now));
  vevent.addPropertyWithValue('dtstart', utcTime(instant(meeting.start)));
  vevent.addPropertyWithValue('dtend', utcTime(instant(meeting.end)));
  vevent.addPropertyWithValue('summary', meeting.subject);
  // RFC 5545 3.8.2.7: the room is busy for the booking.
  vevent.addPropertyWithValue('transp', 'OPAQUE');
  vcalendar.addSubcomponent(vevent);
  return icalendarText(vcalendar);
}

/** An instant as an iCalendar UTC DATE-TIME (RFC 5545 3.3.5 form #2), to the second. */
export function utcTime(ms: number): ICAL.Time {
  return ICAL.Time.fromJSDate(new Date(ms), true);
}

/**
 * A whole iCalendar object as text: RFC 5545 3.1 ends every content line, the
 * last too, with CRLF, and folds lines longer than 75 octets. ical.js cuts
 * lines into pieces of `foldLength` octets and puts each continuation's
 * leading space on top, so it is asked for 74 while it writes (and only then:
 * the setting is the library's, shared).
 */
export function icalendarText(vcalendar: ICAL.Component): string {
  const foldLength = ICAL.foldLength;
  ICAL.foldLength = 74;
  try {
    return `${vcalendar.toString()}\r\n`;
  } finally {
    ICAL.foldLength = foldLength;
  }
}

function instant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${iso}`);
  return ms;
}
