import { describe, expect, it } from 'vitest';
import { LANGUAGES, PROBLEM_KINDS } from '../../../../shared/constants.ts';
import { expectTranslated } from '../../../../test/support/translations.ts';
import { PROBLEM_MESSAGES } from './index.ts';

describe('"Report a problem" translations', () => {
  it('are there for every language the display speaks', () => {
    expect(Object.keys(PROBLEM_MESSAGES).sort()).toEqual([...LANGUAGES].sort());
  });

  for (const [language, messages] of Object.entries(PROBLEM_MESSAGES)) {
    it(`${language} has every text, filled in and translated, and tells every kind apart`, () => {
      expectTranslated(language, messages, PROBLEM_MESSAGES.en);
      expect(new Set(PROBLEM_KINDS.map((kind) => messages.kinds[kind])).size).toBe(PROBLEM_KINDS.length);
    });
  }
});
