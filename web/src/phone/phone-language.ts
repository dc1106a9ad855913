import type { Language } from '../../../shared/constants.ts';
import { spokenLanguage } from '../i18n/language.ts';

export interface PhoneLanguages {
  /** The language the page is in. */
  shown: Language;
  /** The phone's and the room's, in that order, when they differ: the switch offers both. Empty: no switch. */
  offered: readonly Language[];
}

/**
 * The phone page's language: the one picked on its switch (kept when the
 * room has gone, its link expired), else the phone's own when Lintel speaks
 * it, else the room's (`room`: null until the room's state has come). A
 * visitor reads their own language; a switch gives them the room's, the one
 * its display and its colleagues speak.
 */
export function phoneLanguages(browserLocales: readonly string[], room: Language | null, picked: Language | null): PhoneLanguages {
  const own = spokenLanguage(browserLocales);
  const offered = own !== null && room !== null && own !== room ? [own, room] : [];
  const shown = picked ?? own ?? room ?? 'en';
  return { shown, offered };
}
