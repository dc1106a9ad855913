import { describe, expect, it } from 'vitest';
import type { AdminRoom, AuditEvent } from '../../../shared/admin-api.ts';
import { createAdminFormat } from './format.ts';
import { ADMIN_MESSAGES } from './i18n/index.ts';
import { auditDetail, calendarBlockReason, connectionReason, deviceFault, warningFix } from './wording.ts';

const en = ADMIN_MESSAGES.en;
const format = createAdminFormat('en-GB');
const harbour: AdminRoom = {
  id: 'harbour',
  name: 'Harbour',
  timeZone: 'Europe/Amsterdam',
  capacity: 8,
  location: { building: null, floor: null },
  status: 'available',
  access: 'paired',
  microsoft365: { mailbox: 'harbour@contoso.example', bookings: 'service-mailbox' },
  calendar: null,
  syncedAt: null,
  outboxDepth: 0,
  localFutureBookings: 0,
  displays: 1,
  devices: [],
};

describe('connection reasons', () => {
  it('words each reason the bridge gives, in the admin language', () => {
    expect(connectionReason({ state: 'connected' }, en, format)).toBeNull();
    expect(connectionReason({ state: 'not-connected', reason: 'not-configured' }, en, format)).toMatch(/not set up on this bridge/);
    expect(connectionReason({ state: 'not-connected', reason: 'not-signed-in' }, en, format)).toMatch(/press "Check status"/);
    expect(connectionReason({ state: 'not-connected', reason: 'no-account' }, en, format)).toBe(
      'Connect a Microsoft account that the room calendars are shared with: press "Connect with a Microsoft account".',
    );
    expect(connectionReason({ state: 'not-connected', reason: 'revoked', by: 'megan@contoso.example', at: '2026-11-23T09:30:00Z' }, en, format)).toMatch(
      /^Revoked by megan@contoso.example on 23 Nov 2026, \d\d:30: every room runs on local bookings/,
    );
    expect(connectionReason({ state: 'consent-pending', reason: 'consent-withdrawn', detail: 'AADSTS65001' }, en, format)).toMatch(/not granted consent/);
    expect(connectionReason({ state: 'broken', reason: 'service-principal-disabled', detail: 'AADSTS7000112' }, ADMIN_MESSAGES.de, format)).toBe(
      ADMIN_MESSAGES.de.warningTitles['service-principal-disabled'],
    );
    expect(connectionReason({ state: 'broken', reason: 'account-reconnect-needed', detail: 'AADSTS700082' }, en, format)).toBe(
      'The bridge can no longer sign in as the Microsoft account: room calendars are not synced until it is reconnected.',
    );
  });
});

describe('warning fixes', () => {
  it("put the room's mailbox into the command to run", () => {
    const fix = warningFix({ code: 'subjects-replaced', roomId: 'harbour', message: '', since: '2026-11-23T09:00:00Z' }, { rooms: [harbour], account: null }, en);
    expect(fix).toContain('Set-CalendarProcessing -Identity harbour@contoso.example -DeleteSubject $false');
  });

  it('leave the placeholder where the room is not known', () => {
    const fix = warningFix({ code: 'subjects-replaced', roomId: 'gone', message: '', since: '2026-11-23T09:00:00Z' }, { rooms: [harbour], account: null }, en);
    expect(fix).toContain('-Identity <room>');
  });

  it('name the connected Microsoft account to sign in as again', () => {
    const fix = warningFix({ code: 'account-reconnect-needed', message: '', since: '2026-11-23T09:00:00Z' }, { rooms: [harbour], account: 'rooms@contoso.example' }, en);
    expect(fix).toMatch(/^Press "Reconnect" and sign in as rooms@contoso\.example again\./);
  });

  it("put the account and the room's mailbox into the sharing command, in every language", () => {
    const warning = { code: 'calendar-not-shared', roomId: 'harbour', message: '', since: '2026-11-23T09:00:00Z' } as const;
    for (const messages of Object.values(ADMIN_MESSAGES)) {
      const fix = warningFix(warning, { rooms: [harbour], account: 'rooms@contoso.example' }, messages);
      expect(fix).toContain('Add-MailboxFolderPermission -Identity harbour@contoso.example:\\Calendar -User rooms@contoso.example -AccessRights Editor');
      expect(fix).not.toMatch(/<room>|<account>/);
    }
  });
});

describe('calendars that cannot be linked', () => {
  it('say why, and what would let them be', () => {
    expect(calendarBlockReason('read-only', en)).toMatch(/walk-up bookings need edit rights: share it with the account with "Can edit" permission, or make the account a delegate/);
    expect(calendarBlockReason('not-main', en)).toMatch(/the bridge keeps a mailbox's main calendar in step: link the room's main calendar instead\.$/);
    expect(calendarBlockReason('read-only', ADMIN_MESSAGES.ja)).toBe(ADMIN_MESSAGES.ja.calendarReadOnly);
  });
});

describe('device faults', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  const threeMinutesAgo = '2026-11-23T09:57:00Z';

  it('say when, and what in words for the display controller\'s codes', () => {
    expect(deviceFault({ code: 'no-answer', text: 'no answer to the power query within 1000 ms', at: threeMinutesAgo }, now, en, format)).toBe(
      'Last fault 3 minutes ago: no answer',
    );
    expect(deviceFault({ code: 'disconnected', text: 'the connection closed', at: '2026-11-23T10:00:00Z' }, now, en, format)).toBe('Last fault now: connection lost');
    expect(deviceFault({ code: 'unreachable', text: 'connect ECONNREFUSED', at: threeMinutesAgo }, now, ADMIN_MESSAGES.de, createAdminFormat('de-DE'))).toBe(
      'Letzte Störung vor 3 Minuten: nicht erreichbar',
    );
  });

  it("keep a code of another device's protocol as it came", () => {
    expect(deviceFault({ code: '3', text: 'lamp overheated', at: threeMinutesAgo }, now, en, format)).toBe('Last fault 3 minutes ago: fault 3');
    expect(deviceFault({ code: 'constructor', text: '', at: threeMinutesAgo }, now, en, format)).toBe('Last fault 3 minutes ago: fault constructor');
  });

  it('word every known code in every language', () => {
    for (const [language, messages] of Object.entries(ADMIN_MESSAGES)) {
      for (const [code, words] of Object.entries(messages.deviceFaults)) {
        const text = deviceFault({ code, text: '', at: threeMinutesAgo }, now, messages, format);
        expect(text, `${language} ${code}`).toContain(words);
        expect(text, `${language} ${code}`).not.toContain(messages.deviceFaultCode(code));
      }
    }
  });
});

describe('audit details', () => {
  const cases: [AuditEvent, string][] = [
    [{ action: 'link', display: '0f3a9c21', room: 'Harbour', mailbox: 'harbour@contoso.example' }, 'Display 0f3a9c21 now shows Harbour (harbour@contoso.example).'],
    [{ action: 'link', display: '0f3a9c21', room: 'Loft', mailbox: null }, 'Display 0f3a9c21 now shows Loft.'],
    [{ action: 'unlink', display: '0f3a9c21', room: 'Loft' }, 'Display 0f3a9c21 no longer shows Loft.'],
    [{ action: 'forget', display: '0f3a9c21', room: 'Loft' }, 'Display 0f3a9c21 no longer shows Loft; its record and credential were deleted.'],
    [{ action: 'forget', display: '0f3a9c21', room: null }, 'Display 0f3a9c21: its record and credential were deleted.'],
    [{ action: 'room-access', room: 'Loft', access: 'open' }, 'Loft: access set to "Open".'],
    [{ action: 'link-room', room: 'Loft', mailbox: 'loft@contoso.example' }, 'Loft takes its calendar from loft@contoso.example.'],
    [{ action: 'remove', room: 'Harbour', mailbox: 'harbour@contoso.example' }, 'Harbour no longer uses Microsoft 365 and runs on local bookings.'],
    [{ action: 'revoke', rooms: 1200 }, 'Credentials and tokens deleted. Rooms back on local bookings: 1,200.'],
    [{ action: 'connect-account', account: 'rooms@contoso.example' }, 'The bridge now works as rooms@contoso.example.'],
    [{ action: 'sign-in-link', address: '10.0.0.7' }, 'From 10.0.0.7; the link is used up.'],
    [{ action: 'rename-display', display: '0d1f3a2b', name: 'Lobby left', before: null }, 'Display 0d1f3a2b is now called “Lobby left”.'],
    [{ action: 'remove-account', account: 'rooms@contoso.example', rooms: 3 }, 'Authorization for rooms@contoso.example removed. Rooms back on local bookings: 3.'],
    [{ action: 'renew', outcome: { ok: true, kind: 'secret', expiresAt: '2027-05-24T00:00:00Z' } }, 'Renewed: Client secret, valid until 24 May 2027, '],
    [{ action: 'renew', outcome: { ok: true, kind: 'certificate', expiresAt: null } }, 'Renewed: Certificate, valid until Unknown.'],
    [{ action: 'renew', outcome: { ok: false, reason: 'Authorization_RequestDenied' } }, 'Renewal failed: Authorization_RequestDenied'],
    [{ action: 'export', room: 'Loft', outcome: { ok: true, exported: 44, refused: 1 } }, 'Loft: 44 exported, 1 refused.'],
    [{ action: 'export', room: 'Loft', outcome: { ok: false, reason: 'Microsoft 365 is not reachable.' } }, 'Loft: export failed: Microsoft 365 is not reachable.'],
    [{ action: 'no-show-strike', room: 'Harbour', subject: 'Weekly sync', organizer: 'Ada Lovelace', strike: 2, of: 3 }, 'No-show 2 of 3 in a row for "Weekly sync" (Ada Lovelace) in Harbour.'],
    [{ action: 'no-show-strike', room: 'Harbour', subject: null, organizer: null, strike: 1, of: 3 }, 'No-show 1 of 3 in a row for a recurring meeting in Harbour.'],
    [
      { action: 'series-released', room: 'Harbour', subject: null, organizer: 'Ada Lovelace', noShows: 3, release: { outcome: 'declined' } },
      'Harbour is no longer booked for a recurring meeting organized by Ada Lovelace: declined in Microsoft 365, with a note to the organizer.',
    ],
    [
      { action: 'series-released', room: 'Harbour', subject: 'Weekly sync', organizer: null, noShows: 3, release: { outcome: 'removed', occurrences: 1200 } },
      'Harbour is no longer booked for "Weekly sync": future occurrences removed: 1,200.',
    ],
    [
      { action: 'series-released', room: 'Harbour', subject: 'Weekly sync', organizer: 'Ada Lovelace', noShows: 3, release: { outcome: 'not-supported', reason: 'room-organizes-series' } },
      `Harbour stays booked for "Weekly sync" (Ada Lovelace): the room's own mailbox organizes it, and Lintel does not cancel a meeting for everyone.`,
    ],
  ];
  it.each(cases)('words %j', (event, expected) => {
    expect(auditDetail(event, en, format)).toContain(expected);
  });

  it('every event in every language, with its names and reasons as recorded', () => {
    for (const [language, messages] of Object.entries(ADMIN_MESSAGES)) {
      for (const [event] of cases) {
        const text = auditDetail(event, messages, format);
        const facts = Object.values({ ...event, ...('outcome' in event && !event.outcome.ok ? { reason: event.outcome.reason } : {}) });
        // A removed room's entry names the room; which mailbox it left is in the entry that linked it. An access is named in the admin's language.
        const named = facts.filter(
          (fact) => typeof fact === 'string' && fact !== event.action && !(event.action === 'remove' && fact === event.mailbox) && !(event.action === 'room-access' && fact === event.access),
        );
        if (event.action === 'room-access') named.push(messages.roomAccessNames[event.access]);
        for (const fact of named) expect(text, `${language} ${event.action}`).toContain(fact);
        if (language !== 'en') expect(text).not.toBe(auditDetail(event, en, format));
      }
    }
  });
});
