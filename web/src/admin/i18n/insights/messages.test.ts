import { describe, expect, it } from 'vitest';
import { expectTranslated } from '../../../../../test/support/translations.ts';
import { INSIGHTS_MESSAGES } from './index.ts';

describe('Insights translations', () => {
  for (const [language, messages] of Object.entries(INSIGHTS_MESSAGES)) {
    it(`${language} has every text, filled in and translated`, () => {
      expectTranslated(language, messages, INSIGHTS_MESSAGES.en);
    });

    it(`${language} says which bar is which by the names the table's columns have`, () => {
      expect(messages.barLegend.booked).toContain(messages.booked);
      expect(messages.barLegend.occupied).toContain(messages.occupied);
    });
  }
});
