import { describe, expect, it } from 'vitest';
import { phoneLanguages } from './phone-language.ts';

describe("the phone page's language", () => {
  it("is the phone's own, with a switch to the room's when they differ", () => {
    expect(phoneLanguages(['de-DE', 'en'], 'en', null)).toEqual({ shown: 'de', offered: ['de', 'en'] });
    expect(phoneLanguages(['de-DE', 'en'], 'en', 'en')).toEqual({ shown: 'en', offered: ['de', 'en'] });
    expect(phoneLanguages(['de-DE', 'en'], 'en', 'de')).toEqual({ shown: 'de', offered: ['de', 'en'] });
  });

  it("is the first of the phone's languages Lintel speaks", () => {
    expect(phoneLanguages(['pt-BR', 'ar-EG', 'fr'], 'ja', null)).toEqual({ shown: 'ar', offered: ['ar', 'ja'] });
  });

  it("is the room's, with no switch, when Lintel speaks none of the phone's or the room speaks the phone's", () => {
    expect(phoneLanguages(['pt-BR', 'sv'], 'nl', null)).toEqual({ shown: 'nl', offered: [] });
    expect(phoneLanguages(['fr-CA'], 'fr', null)).toEqual({ shown: 'fr', offered: [] });
  });

  it("is the phone's until the room's state has come, and English when there is neither", () => {
    expect(phoneLanguages(['ja-JP'], null, null)).toEqual({ shown: 'ja', offered: [] });
    expect(phoneLanguages(['pt-BR'], null, null)).toEqual({ shown: 'en', offered: [] });
  });

  it('keeps the language picked once the room has gone (its link expired), with no switch', () => {
    expect(phoneLanguages(['de-DE'], null, 'en')).toEqual({ shown: 'en', offered: [] });
  });
});
