import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../../shared/constants.ts';
import { expectTranslated } from '../../../../test/support/translations.ts';
import { BUILDING_MESSAGES } from './index.ts';

describe('building translations', () => {
  it('are there for every language the display speaks', () => {
    expect(Object.keys(BUILDING_MESSAGES).sort()).toEqual([...LANGUAGES].sort());
  });

  for (const [language, messages] of Object.entries(BUILDING_MESSAGES)) {
    it(`${language} has every text, filled in and translated`, () => {
      expectTranslated(language, messages, BUILDING_MESSAGES.en);
    });
  }
});
