import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs, or `destination`'s lines; anything that looks like a
 * secret is masked wherever it appears (before any destination sees it).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'lintel-bridge' },
    redact: {
      paths: ['*.secret', '*.clientSecret', '*.metricsToken', '*.password', '*.token', '*.accessToken', '*.refreshToken', '*.pin', 'headers.authorization'],
      censor: '[masked]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Readable lines for a person at a terminal: the time, the level and the
 * message, then the details. Loaded only then; a service's output (journald,
 * a log collector) stays one JSON object a line.
 */
export async function terminalLines(): Promise<pino.DestinationStream> {
  const { default: pretty } = await import('pino-pretty');
  // In this thread, written as they come: a worker's transport would cost memory, and lose the last lines of a crash.
  return pretty({ sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' });
}
