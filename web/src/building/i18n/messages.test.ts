import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../../shared/constants.ts';
import { BUILDING_MESSAGES } from './index.ts';

/** Every text as [path, text]; functions are called with a marker for their argument. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') return [[path, String((value as (arg: string) => string)('⟨x⟩'))]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key));
}

describe('building translations', () => {
  const english = new Map(leaves(BUILDING_MESSAGES.en));

  it('are there for every language the display speaks', () => {
    expect(Object.keys(BUILDING_MESSAGES).sort()).toEqual([...LANGUAGES].sort());
  });

  for (const [language, messages] of Object.entries(BUILDING_MESSAGES)) {
    it(`${language} has every text, filled in and translated`, () => {
      const texts = new Map(leaves(messages));
      expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [path, text] of texts) {
        expect(text.trim(), path).not.toBe('');
        if (english.get(path)?.includes('⟨x⟩')) expect(text, path).toContain('⟨x⟩');
        if (language !== 'en') expect(text, `${language} ${path} is still English`).not.toBe(english.get(path));
      }
    });
  }
});
