import { request } from 'node:https';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { EmulatorContext } from './context.ts';
import { GraphProblem } from './errors.ts';

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

interface SubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * JSON batching: each sub-request goes back through the server itself with
 * the envelope's token, so it meets the same faults, checks and routes as if
 * sent alone. They run one after another, in order, which satisfies any
 * `dependsOn`. A connection reset in a sub-request resets the envelope's.
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

    const responses: SubResponse[] = [];
    try {
      for (const sub of requests) {
        const path = sub.url.startsWith('/') ? sub.url : `/${sub.url}`;
        const answer = await send(ctx, `${ctx.origin()}/v1.0${path}`, sub.method, { ...sub.headers, authorization: req.get('authorization') ?? '' }, sub.body);
        responses.push({ id: sub.id, ...answer });
      }
    } catch {
      req.socket.destroy();
      return;
    }
    res.json({ responses });
  };
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
