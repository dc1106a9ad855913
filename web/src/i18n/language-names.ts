import type { Language } from '../../../shared/constants.ts';

/** Each language by its own name, so anyone finds theirs: the admin page's language menu, the phone page's switch. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  nl: 'Nederlands',
  es: 'Español',
  ja: '日本語',
  ar: 'العربية',
};
