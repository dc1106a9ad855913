import { isLanguage, type Language } from '../../../shared/constants.ts';

/**
 * Choosing a language, apart from the texts themselves: the display imports
 * this without pulling every language into its first chunk (see
 * display-messages.svelte.ts).
 */

/** A display's language: its `?lang=` when that is one we speak, else the room's. */
export function displayLanguage(requested: string | null, roomLanguage: Language): Language {
  const wanted = requested?.toLowerCase();
  return isLanguage(wanted) ? wanted : roomLanguage;
}

/** The first of the browser's languages that we speak, else English: for screens that have no room (yet) to take it from. */
export function browserLanguage(browserLocales: readonly string[]): Language {
  return spokenLanguage(browserLocales) ?? 'en';
}

/** The first of the browser's languages that we speak; null when we speak none of them. */
export function spokenLanguage(browserLocales: readonly string[]): Language | null {
  for (const locale of browserLocales) {
    const language = locale.toLowerCase().split('-')[0];
    if (isLanguage(language)) return language;
  }
  return null;
}

export function textDirection(language: Language): 'ltr' | 'rtl' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The locale for Intl: the browser's own when it is a variant of the chosen
 * language (en-GB keeps its 24-hour clock), else the language itself.
 */
export function intlLocale(language: Language, browserLocales: readonly string[]): string {
  return browserLocales.find((locale) => locale.toLowerCase().split('-')[0] === language) ?? language;
}
