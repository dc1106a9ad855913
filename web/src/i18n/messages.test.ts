import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors.ts';
import { expectTranslated } from '../../../test/support/translations.ts';
import { browserLanguage, displayLanguage, intlLocale, MESSAGES, textDirection } from './index.ts';

/** Words that really are the same in another language. */
const SAME_AS_ENGLISH = new Set(['OK', 'Offline']);

describe('translations', () => {
  for (const [language, messages] of Object.entries(MESSAGES)) {
    it(`${language} has every text, filled in and translated`, () => {
      expectTranslated(language, messages, MESSAGES.en, SAME_AS_ENGLISH);
      expect(Object.keys(messages.errors).sort()).toEqual([...ERROR_CODES].sort());
    });
  }

  it('picks the display language from ?lang= when it is one we speak, else the room', () => {
    expect(displayLanguage('DE', 'en')).toBe('de');
    expect(displayLanguage('xx', 'fr')).toBe('fr');
    expect(displayLanguage(null, 'ja')).toBe('ja');
    expect(textDirection('ar')).toBe('rtl');
    expect(intlLocale('en', ['en-GB', 'de'])).toBe('en-GB');
    expect(intlLocale('de', ['en-GB'])).toBe('de');
    expect(browserLanguage(['pt-BR', 'nl-BE', 'en'])).toBe('nl');
    expect(browserLanguage(['pt-BR'])).toBe('en');
  });
});
