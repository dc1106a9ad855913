import type { ProblemMessages } from './messages.ts';

export const es: ProblemMessages = {
  whatIsWrong: '¿Qué ocurre?',
  kinds: { screen: 'Pantalla', video: 'Vídeo', sound: 'Sonido', climate: 'Climatización', cleanliness: 'Limpieza', other: 'Otro' },
  noteLabel: 'Nota (opcional)',
  send: 'Enviar',
  sending: 'Enviando…',
  thanks: 'Gracias: mantenimiento ya está avisado.',
  queued: 'Se enviará cuando la pantalla vuelva a estar en línea.',
  notSent: (reason) => `No enviado: ${reason}`,
  close: 'Cerrar',
};
