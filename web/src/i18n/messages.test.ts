import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors.ts';
import { browserLanguage, displayLanguage, intlLocale, MESSAGES, textDirection } from './index.ts';

/** Words that really are the same in another language. */
const SAME_AS_ENGLISH = new Set(['OK', 'Offline']);

function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') return [[path, String((value as (arg: string) => string)('⟨x⟩'))]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key));
}

describe('translations', () => {
  const english = new Map(leaves(MESSAGES.en));

  for (const [language, messages] of Object.entries(MESSAGES)) {
    it(`${language} has every text, filled in and translated`, () => {
      const texts = new Map(leaves(messages));
      expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [path, text] of texts) {
        expect(text.trim(), path).not.toBe('');
        if (english.get(path)?.includes('⟨x⟩')) expect(text, path).toContain('⟨x⟩');
        if (language !== 'en' && !SAME_AS_ENGLISH.has(text)) expect(text, `${language} ${path} is still English`).not.toBe(english.get(path));
      }
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
