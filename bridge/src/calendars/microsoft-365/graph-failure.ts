import type { ProviderFailure } from '../remote/remote-provider.ts';
import type { GraphAnswer } from './graph-gateway.ts';
import { roomRefusalWarning, type Permissions } from './graph-refusal.ts';

/**
 * A failed Graph call as the engine takes it: a refusal is not tried again
 * and says what is wrong with the room (about `mailbox`, the one refused);
 * throttling was waited out by the gateway already, and an outage or a
 * sign-in problem (told to the admin by the gateway) is tried again later.
 */
export function graphFailure(answer: Extract<GraphAnswer, { ok: false }>, mailbox: string, permissions: Permissions): ProviderFailure {
  const message = `${answer.status} ${answer.code}: ${answer.message}`;
  if (answer.kind === 'refused') {
    const warning = roomRefusalWarning(answer, mailbox, permissions);
    return { ok: false, failure: 'refused', message, ...(warning ? { warning } : {}) };
  }
  return { ok: false, failure: answer.kind === 'throttled' ? 'throttled' : 'unreachable', message };
}
