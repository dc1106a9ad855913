import type { ProblemMessages } from './messages.ts';

export const en: ProblemMessages = {
  whatIsWrong: 'What is wrong?',
  kinds: { screen: 'Screen', video: 'Video', sound: 'Sound', climate: 'Climate', cleanliness: 'Cleanliness', other: 'Other' },
  noteLabel: 'Note (optional)',
  send: 'Send',
  sending: 'Sending…',
  thanks: 'Thanks — facilities have been told.',
  queued: 'Will be sent when the display is back online.',
  notSent: (reason) => `Not sent: ${reason}`,
  close: 'Close',
};
