import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import { expectTranslated } from '../../../../test/support/translations.ts';
import { ADMIN_MESSAGES } from './index.ts';

/** Words that really are the same in another language (or names that stay as they are). */
const SAME_AS_ENGLISH = new Set(['Name', 'Status', 'Details', 'Display', 'Displays', 'Online', 'Offline', 'Open', 'E-mail', 'Actions', 'Account', 'ClickShare', 'Standby', 'Google Workspace', 'CalDAV']);

describe('admin translations', () => {
  for (const [language, messages] of Object.entries(ADMIN_MESSAGES)) {
    it(`${language} has every text, filled in and translated`, () => {
      expectTranslated(language, messages, ADMIN_MESSAGES.en, SAME_AS_ENGLISH);
      expect(Object.keys(messages.errors).sort()).toEqual([...ERROR_CODES, 'unreachable'].sort());
    });

    it(`${language} names every button by its visible text too`, () => {
      expect(messages.linkCalendarOf('Harbour')).toContain(messages.linkCalendar);
      expect(messages.chooseCalendar('Harbour')).toContain(messages.choose);
      expect(messages.resolveProblem(messages.problemKinds.sound, 'Harbour')).toContain(messages.resolve);
    });

    it(`${language} explains each room access by the name the choice has`, () => {
      for (const access of ['paired', 'open'] as const) expect(messages.roomAccessMeanings[access].startsWith(messages.roomAccessNames[access])).toBe(true);
    });

    it(`${language} fixes name the page's buttons as they are labelled`, () => {
      expect(messages.warningFixes['consent-withdrawn']).toContain(messages.grantConsent);
      expect(messages.warningFixes['service-principal-deleted']).toContain(messages.grantConsent);
      for (const code of ['credential-invalid', 'credential-expiring', 'credential-renewal-failed'] as const) {
        expect(messages.warningFixes[code]).toContain(messages.renewCredentials);
      }
      expect(messages.connectionReasons.notSignedIn).toContain(messages.checkStatus);
      expect(messages.connectionReasons.noAccount).toContain(messages.connectAccount);
      expect(messages.warningFixes['account-reconnect-needed']).toContain(messages.reconnectAccount);
      expect(messages.warningFixes['calendar-not-shared']).toContain(messages.checkStatus);
      expect(messages.calendarsMissing('rooms@contoso.example')).toContain(messages.refreshCalendars);
      expect(messages.warningFixes['alert-webhook-failing']).toContain(messages.problemsHeading);
    });
  }
});
