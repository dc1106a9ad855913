import type { ProblemMessages } from './messages.ts';

export const de: ProblemMessages = {
  whatIsWrong: 'Was ist nicht in Ordnung?',
  kinds: { screen: 'Bildschirm', video: 'Videotechnik', sound: 'Ton', climate: 'Raumklima', cleanliness: 'Sauberkeit', other: 'Sonstiges' },
  noteLabel: 'Notiz (freiwillig)',
  send: 'Senden',
  sending: 'Wird gesendet…',
  thanks: 'Danke – das Facility-Management ist informiert.',
  queued: 'Wird gesendet, sobald das Display wieder online ist.',
  notSent: (reason) => `Nicht gesendet: ${reason}`,
  close: 'Schließen',
};
