import { z } from 'zod';
import { parseRetryAfter } from '../remote/http-failure.ts';
import type { CreatedEvent, ProviderAnswer } from '../remote/remote-provider.ts';
import type { Clock } from '../../../../shared/clock.ts';
import { createdEvent, type BookingRequest } from './booking-request.ts';
import type { GraphGateway } from './graph-gateway.ts';
import { GraphEvent } from './graph-event.ts';
import { IMMUTABLE_IDS } from './immutable-ids.ts';

const BatchAnswer = z.object({
  responses: z.array(z.object({ id: z.string(), status: z.number(), headers: z.record(z.string(), z.string()).nullish(), body: z.unknown() })),
});

/**
 * Creates a few bookings in one `$batch` (an export sends 4 at a time, one
 * batch after another), so it never has more than 4 requests running on
 * the mailbox: Graph may run a batch's requests all at once, and Outlook
 * refuses an app's fifth concurrent request on a mailbox (429
 * MailboxConcurrency). Not chained with `dependsOn` instead: one refused
 * booking would fail the rest of its chain with 424. An answer for each
 * request, in order.
 */
// Graph docs: concepts/throttling-limits.md (Outlook service limits for JSON batching): up to 4 requests in one batch running concurrently on a mailbox.
// Graph docs: concepts/json-batching.md (dependsOn): requests depending on one that failed fail with 424; a batch should be fully sequential or fully parallel.
export async function createInBatch(deps: { graph: GraphGateway; clock: Clock }, roomId: string, requests: BookingRequest[]): Promise<ProviderAnswer<CreatedEvent>[]> {
  const answer = await deps.graph.send({
    method: 'POST',
    path: '/$batch',
    roomId,
    // Each sub-request asks for immutable ids itself. Graph: concepts/outlook-immutable-id.md (the header applies only to its request)
    body: { requests: requests.map((r, index) => ({ id: String(index), method: 'POST', url: r.path, headers: { 'content-type': 'application/json', Prefer: IMMUTABLE_IDS }, body: r.body })) },
  });
  const parsed = answer.ok ? BatchAnswer.safeParse(answer.body) : null;
  if (!parsed?.success) return requests.map(() => ({ ok: false, failure: 'unreachable', message: 'Microsoft 365 did not answer the batch' }));
  return requests.map((request, index): ProviderAnswer<CreatedEvent> => {
    const response = parsed.data.responses.find((r) => r.id === String(index));
    const event = response && response.status < 300 ? GraphEvent.safeParse(response.body) : null;
    if (event?.success) return { ok: true, value: createdEvent(request, event.data) };
    if (!response || response.status === 429 || response.status >= 500) {
      const header = response?.headers?.['Retry-After'] ?? response?.headers?.['retry-after'];
      const retryAfterMs = header === undefined ? undefined : parseRetryAfter(header, deps.clock.now());
      return { ok: false, failure: 'throttled', message: `HTTP ${response?.status ?? 'no answer'}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    return { ok: false, failure: 'refused', message: reasonOf(response.body, response.status) };
  });
}

function reasonOf(body: unknown, status: number): string {
  const error = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).safeParse(body);
  return error.success ? `${error.data.error.code}: ${error.data.error.message}` : `HTTP ${status}`;
}
