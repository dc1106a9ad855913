import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../../shared/errors.ts';
import { ADMIN_MESSAGES } from './index.ts';

/** Words that really are the same in another language (or names that stay as they are). */
const SAME_AS_ENGLISH = new Set(['Name', 'Status', 'Details', 'Display', 'Displays', 'Online', 'E-mail', 'Actions']);

/** Every text as [path, text]; functions are called with a marker for each argument. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') return [[path, String((value as (...args: string[]) => string)('⟨x⟩', '⟨y⟩', '⟨z⟩'))]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key));
}

describe('admin translations', () => {
  const english = new Map(leaves(ADMIN_MESSAGES.en));

  for (const [language, messages] of Object.entries(ADMIN_MESSAGES)) {
    it(`${language} has every text, filled in and translated`, () => {
      const texts = new Map(leaves(messages));
      expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [path, text] of texts) {
        expect(text.trim(), path).not.toBe('');
        for (const marker of ['⟨x⟩', '⟨y⟩', '⟨z⟩']) if (english.get(path)?.includes(marker)) expect(text, path).toContain(marker);
        if (language !== 'en' && !SAME_AS_ENGLISH.has(text)) expect(text, `${language} ${path} is still English`).not.toBe(english.get(path));
      }
      expect(Object.keys(messages.errors).sort()).toEqual([...ERROR_CODES, 'unreachable'].sort());
    });

    it(`${language} fixes name the page's buttons as they are labelled`, () => {
      expect(messages.warningFixes['consent-withdrawn']).toContain(messages.grantConsent);
      expect(messages.warningFixes['service-principal-deleted']).toContain(messages.grantConsent);
      for (const code of ['credential-invalid', 'credential-expiring', 'credential-renewal-failed'] as const) {
        expect(messages.warningFixes[code]).toContain(messages.renewCredentials);
      }
      expect(messages.connectionReasons.notSignedIn).toContain(messages.checkStatus);
    });
  }
});
