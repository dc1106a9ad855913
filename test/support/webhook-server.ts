import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The status it was answered with: 2xx is a delivery. */
  status: number;
}

/** An alert webhook on a random local port, as a chat or ticketing service's would be: records every post. */
export interface WebhookServer {
  /** Its address, with a secret in the path and the query as real webhooks have. */
  url: string;
  received: ReceivedPost[];
  /** The bodies it answered 2xx, in order. */
  delivered(): unknown[];
  /** The next posts are answered with these statuses, in order; then 204 again. */
  answerNext(...statuses: number[]): void;
  /** Every post is answered 204 from now on, whatever was scripted. */
  recover(): void;
  close(): Promise<void>;
}

export async function startWebhookServer(): Promise<WebhookServer> {
  const received: ReceivedPost[] = [];
  const scripted: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = scripted.shift() ?? 204;
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ path: req.url ?? '', headers: req.headers, body: text === '' ? null : (JSON.parse(text) as unknown), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/lintel-s3cr3t?token=t0k3n`,
    received,
    delivered: () => received.filter((post) => post.status >= 200 && post.status < 300).map((post) => post.body),
    answerNext: (...statuses) => scripted.push(...statuses),
    recover: () => void scripted.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
