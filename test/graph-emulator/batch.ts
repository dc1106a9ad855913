import { request } from 'node:https';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { EmulatorContext } from './context.ts';
import { GraphProblem, graphErrorBody } from './errors.ts';
import { addressedMailbox } from './faults.ts';

const MAX_REQUESTS = 20;
/** Headers that describe the loopback connection rather than the sub-request's answer. */
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'date', 'content-length', 'transfer-encoding', 'x-powered-by']);

const batch = z.object({
  requests: z.array(
    z.object({
      id: z.string().min(1),
      method: z.string().toUpperCase().pipe(z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE'])),
      url: z.string().min(1),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
      dependsOn: z.array(z.string()).optional(),
    }),
  ),
});

type SubRequest = z.infer<typeof batch>['requests'][number];

interface SubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
/** The wait a MailboxConcurrency refusal asks for: a place frees as soon as one of the running requests ends. */
const CONCURRENCY_RETRY_AFTER_SECONDS = 1;

/**
 * JSON batching: each sub-request goes back through the server itself with
 * the envelope's token, so it meets the same faults, checks and routes as if
 * sent alone. A sub-request waits for those it `dependsOn`; without the
 * tenant's `batches.parallel` it also waits for the one before it. A
 * connection reset in a sub-request resets the envelope's.
 */
export function batchRoute(ctx: EmulatorContext): RequestHandler {
  return async (req, res) => {
    const parsed = batch.safeParse(req.body);
    if (!parsed.success) throw new GraphProblem(400, 'BadRequest', 'Invalid batch payload format.');
    const { requests } = parsed.data;
    if (requests.length > MAX_REQUESTS) throw new GraphProblem(400, 'BadRequest', `The number of requests in the batch (${requests.length}) exceeds the maximum of ${MAX_REQUESTS}.`);
    if (new Set(requests.map((each) => each.id)).size !== requests.length) throw new GraphProblem(400, 'BadRequest', 'Batch request contains duplicate request ids.');
    const unannounced = requests.find((each) => each.body !== undefined && !Object.keys(each.headers ?? {}).some((name) => name.toLowerCase() === 'content-type'));
    if (unannounced) throw new GraphProblem(400, 'BadRequest', `Write request id : ${unannounced.id} does not contain Content-Type header or body.`);

    const authorization = req.get('authorization') ?? '';
    const answers = new Map<string, Promise<SubResponse>>();
    let previous: Promise<unknown> = Promise.resolve();
    for (const sub of executionOrder(requests)) {
      const dependencies = Promise.all((sub.dependsOn ?? []).map((id) => answers.get(id)!));
      const turn = ctx.tenant.batches.parallel ? Promise.resolve() : previous;
      const answer = Promise.all([dependencies, turn]).then(([settled]) => run(ctx, sub, settled, authorization));
      answers.set(sub.id, answer);
      previous = answer;
    }
    let responses: SubResponse[];
    try {
      responses = await Promise.all(requests.map((sub) => answers.get(sub.id)!));
    } catch {
      req.socket.destroy();
      return;
    }
    res.json({ responses });
  };
}

/** Each request after those it depends on, otherwise in the order given; a `dependsOn` naming no request of the batch, or a circle, is refused. */
function executionOrder(requests: SubRequest[]): SubRequest[] {
  const placed = new Set<string>();
  const order: SubRequest[] = [];
  while (order.length < requests.length) {
    const next = requests.find((each) => !placed.has(each.id) && (each.dependsOn ?? []).every((id) => placed.has(id)));
    if (!next) throw new GraphProblem(400, 'BadRequest', 'A dependsOn names a request that is not in the batch, or requests depend on each other in a circle.');
    placed.add(next.id);
    order.push(next);
  }
  return order;
}

/** One sub-request, once those it depends on have their answers. */
async function run(ctx: EmulatorContext, sub: SubRequest, dependencies: SubResponse[], authorization: string): Promise<SubResponse> {
  // Graph docs: concepts/json-batching.md (dependsOn): a request whose dependency failed fails with 424 Failed Dependency.
  const failed = dependencies.find((each) => each.status >= 400);
  if (failed) return { id: sub.id, status: 424, headers: JSON_HEADERS, body: graphErrorBody('FailedDependency', `Request ${failed.id}, which this one depends on, failed.`) };
  const path = sub.url.startsWith('/') ? sub.url : `/${sub.url}`;
  const mailbox = addressedMailbox(ctx.tenant, path);
  // Graph docs: concepts/json-batching.md (batch size limitations): each request meets the throttling limits on its own, and one over them gets 429.
  if (mailbox && !ctx.tenant.batches.enter(mailbox)) {
    ctx.tenant.recordRequest(mailbox);
    return {
      id: sub.id,
      status: 429,
      headers: { ...JSON_HEADERS, 'retry-after': String(CONCURRENCY_RETRY_AFTER_SECONDS) },
      body: graphErrorBody('ApplicationThrottled', 'Application is over its MailboxConcurrency limit.'),
    };
  }
  try {
    return { id: sub.id, ...(await send(ctx, `${ctx.origin()}/v1.0${path}`, sub.method, { ...sub.headers, authorization }, sub.body)) };
  } finally {
    if (mailbox) ctx.tenant.batches.leave(mailbox);
  }
}

function send(ctx: EmulatorContext, url: string, method: string, headers: Record<string, string>, body: unknown): Promise<Omit<SubResponse, 'id'>> {
  return new Promise((resolve, reject) => {
    const sub = request(url, { method, headers, ca: ctx.ca }, (answer) => {
      let text = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk: string) => (text += chunk));
      answer.on('end', () => {
        const shown: Record<string, string> = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !CONNECTION_HEADERS.has(name)) shown[name] = String(value);
        }
        const json = answer.headers['content-type']?.includes('json') ?? false;
        resolve({ status: answer.statusCode ?? 0, headers: shown, ...(text ? { body: json ? (JSON.parse(text) as unknown) : text } : {}) });
      });
    });
    sub.on('error', reject);
    sub.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
