import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ProblemKind } from '../../../shared/constants.ts';
import { maskedWebhookUrl } from '../masked-url.ts';

/** What the webhook receives about a problem: a JSON POST, the same body on every try. */
export interface ProblemAlert {
  id: string;
  roomId: string;
  roomName: string;
  kind: ProblemKind;
  note: string | null;
  reportedAt: string;
}

export type WebhookAnswer = { ok: true } | { ok: false; error: string };

/** Where problem alerts go (LINTEL_ALERT_WEBHOOK_URL): a port, so tests can answer as a failing webhook would. */
export interface AlertWebhook {
  /** Where it posts, as logs and the admin page may show it (see maskedWebhookUrl). */
  readonly describe: string;
  post(alert: ProblemAlert): Promise<WebhookAnswer>;
}

/** Long enough for a chat service's webhook, short enough that a hung one does not hold the alerts behind it. */
const TIMEOUT_MS = 10_000;

/**
 * Posts alerts over Node's own HTTP(S) client, as the rest of the bridge
 * reaches the network. Any 2xx is taken; anything else, no answer within
 * TIMEOUT_MS, or a network error is a failure the sender retries. Each post
 * carries `Idempotency-Key: <problem id>`: a receiver that honours it keeps
 * an alert once even when its answer was lost and the alert came again.
 */
export function httpAlertWebhook(url: string, timeoutMs = TIMEOUT_MS): AlertWebhook {
  const request = new URL(url).protocol === 'https:' ? httpsRequest : httpRequest;
  return {
    describe: maskedWebhookUrl(url),
    post: (alert) =>
      new Promise((resolve) => {
        const body = JSON.stringify(alert);
        const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': alert.id, 'user-agent': 'Lintel' };
        const outgoing = request(url, { method: 'POST', headers, timeout: timeoutMs }, (incoming) => {
          const status = incoming.statusCode ?? 0;
          // Read to the end, unused: the connection is then free again.
          incoming.resume();
          incoming.on('end', () => resolve(status >= 200 && status < 300 ? { ok: true } : { ok: false, error: `HTTP ${status}` }));
          incoming.on('error', (error) => resolve({ ok: false, error: error.message }));
        });
        outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)));
        outgoing.on('error', (error) => resolve({ ok: false, error: error.message }));
        outgoing.end(body);
      }),
  };
}
