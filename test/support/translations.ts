import { expect } from 'vitest';

const MARKERS = ['⟨x⟩', '⟨y⟩', '⟨z⟩'];

/** Every text as [path, text]; functions are called with a marker for each argument. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') return [[path, String((value as (...args: string[]) => string)(...MARKERS))]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key));
}

/**
 * Checks one language's messages against English: every text there, filled
 * in, with English's placeholders, and translated, unless it is one of the
 * words that really are the same in that language.
 */
export function expectTranslated(language: string, messages: unknown, english: unknown, sameAsEnglish: ReadonlySet<string> = new Set()): void {
  const englishTexts = new Map(leaves(english));
  const texts = new Map(leaves(messages));
  expect([...texts.keys()].sort()).toEqual([...englishTexts.keys()].sort());
  for (const [path, text] of texts) {
    expect(text.trim(), path).not.toBe('');
    for (const marker of MARKERS) if (englishTexts.get(path)?.includes(marker)) expect(text, path).toContain(marker);
    if (language !== 'en' && !sameAsEnglish.has(text)) expect(text, `${language} ${path} is still English`).not.toBe(englishTexts.get(path));
  }
}
