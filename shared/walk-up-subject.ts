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
