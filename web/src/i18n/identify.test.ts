import { describe, expect, it } from 'vitest';
import { expectTranslated } from '../../../test/support/translations.ts';
import { IDENTIFY_MESSAGES } from './identify.ts';

describe('what a display says when an admin identifies it', () => {
  for (const [language, messages] of Object.entries(IDENTIFY_MESSAGES)) {
    it(`${language} has every text, filled in and translated`, () => {
      expectTranslated(language, messages, IDENTIFY_MESSAGES.en, new Set());
      expect(messages.inRoom('Harbour')).toContain('Harbour');
      expect(messages.askedByAdmin('10')).toContain('10');
    });
  }
});
