import type { ProblemMessages } from './messages.ts';

export const nl: ProblemMessages = {
  whatIsWrong: 'Wat is er mis?',
  kinds: { screen: 'Scherm', video: 'Videoapparatuur', sound: 'Geluid', climate: 'Klimaat', cleanliness: 'Schoonmaak', other: 'Overig' },
  noteLabel: 'Opmerking (optioneel)',
  send: 'Versturen',
  sending: 'Bezig met versturen…',
  thanks: 'Bedankt — facilitair beheer is op de hoogte.',
  queued: 'Wordt verstuurd zodra het scherm weer online is.',
  notSent: (reason) => `Niet verstuurd: ${reason}`,
  close: 'Sluiten',
};
