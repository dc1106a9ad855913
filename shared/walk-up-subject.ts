import type { Language } from './constants.ts';

/** The subject of a walk-up booking, in the room's language: it lands in the organisation's calendar. */
export const WALK_UP_SUBJECT: Record<Language, string> = {
  en: 'Walk-up booking',
  de: 'Spontanbuchung',
  fr: 'Réservation sur place',
  nl: 'Spontane boeking',
  es: 'Reserva en el momento',
  ja: '当日予約',
  ar: 'حجز فوري',
};

/** The banner over a shared screen near a meeting's end, in the room's language (at most 120 bytes). */
export function meetingEndsBanner(language: Language, minutes: number): string {
  const text: Record<Language, string> = {
    en: `Meeting ends in ${minutes} min`,
    de: `Besprechung endet in ${minutes} Min.`,
    fr: `La réunion se termine dans ${minutes} min`,
    nl: `Vergadering eindigt over ${minutes} min`,
    es: `La reunión termina en ${minutes} min`,
    ja: `会議はあと${minutes}分で終了します`,
    ar: `ينتهي الاجتماع خلال ${minutes} دقائق`,
  };
  return text[language];
}
