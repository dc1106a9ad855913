import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors.ts';
import { expectTranslated } from '../../../test/support/translations.ts';
import { browserLanguage, displayLanguage, intlLocale, MESSAGES, textDirection } from './index.ts';
import { errorText, NOT_FOR_DISPLAYS } from './messages.ts';

/** Words that really are the same in another language. */
const SAME_AS_ENGLISH = new Set(['OK', 'Offline']);

describe('translations', () => {
  for (const [language, messages] of Object.entries(MESSAGES)) {
    it(`${language} has every text, filled in and translated`, () => {
      expectTranslated(language, messages, MESSAGES.en, SAME_AS_ENGLISH);
      expect(Object.keys(messages.errors).sort()).toEqual(ERROR_CODES.filter((code) => !(NOT_FOR_DISPLAYS as readonly string[]).includes(code)).sort());
    });
  }

  it('words a refusal a display is never meant to get as something gone wrong', () => {
    expect(errorText(MESSAGES.en, 'forbidden')).toBe(MESSAGES.en.errors.internal);
    expect(errorText(MESSAGES.de, 'wrong-pin')).toBe(MESSAGES.de.errors['wrong-pin']);
  });

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
