import { LANGUAGES, type Language } from '../../../shared/constants.ts';
import { ar } from './ar.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';
import type { Messages } from './messages.ts';
import { nl } from './nl.ts';

export type { Messages };

/**
 * Every language at once, for the building and admin pages. The display
 * never imports this as a value: it loads only its room's language
 * (display-messages.svelte.ts), keeping the others out of its first chunk.
 */
export const MESSAGES: Record<Language, Messages> = { en, de, fr, nl, es, ja, ar };

export { browserLanguage, displayLanguage, intlLocale, textDirection } from './language.ts';

export { LANGUAGES };
