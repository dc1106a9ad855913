import type { ProblemMessages } from './messages.ts';

export const fr: ProblemMessages = {
  whatIsWrong: 'Quel est le problème ?',
  kinds: { screen: 'Écran', video: 'Vidéo', sound: 'Son', climate: 'Température', cleanliness: 'Propreté', other: 'Autre' },
  noteLabel: 'Remarque (facultatif)',
  send: 'Envoyer',
  sending: 'Envoi…',
  thanks: 'Merci — les services généraux sont prévenus.',
  queued: 'Sera envoyé dès que l’écran sera de nouveau en ligne.',
  notSent: (reason) => `Non envoyé : ${reason}`,
  close: 'Fermer',
};
