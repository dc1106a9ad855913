import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { publicUrlProblem, type HealthFetch } from './public-url-check.ts';

const report = { status: 'ok', version: '0.1.0', time: '2026-11-23T10:00:00.000Z', rooms: 1, problems: [], warnings: [] };
const answering =
  (status: number, body: unknown): HealthFetch =>
  async () => ({ status, json: async () => body });
const refusing: HealthFetch = async () => {
  throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 192.0.2.10:8080'), { code: 'ECONNREFUSED' }) });
};
const check = { publicUrl: 'http://192.0.2.10:8080/', configured: true, hostname: 'room-pc', port: 8080 };

describe('the check of the public URL at start', () => {
  it('says nothing when the bridge answers its health check there, healthy or not', async () => {
    const asked: string[] = [];
    const recording: HealthFetch = async (url) => {
      asked.push(url);
      return { status: 200, json: async () => report };
    };
    expect(await publicUrlProblem({ ...check, publicUrl: 'https://intranet.contoso.com/lintel/', fetch: recording })).toBeUndefined();
    expect(asked).toEqual(['https://intranet.contoso.com/lintel/api/health']);
    expect(await publicUrlProblem({ ...check, fetch: answering(503, { ...report, status: 'unhealthy' }) })).toBeUndefined();
  });

  it('warns, saying what to set, when nothing answers there', async () => {
    expect(await publicUrlProblem({ ...check, fetch: refusing })).toBe(
      'The public URL http://192.0.2.10:8080/ (LINTEL_PUBLIC_URL) does not reach this bridge from its own computer (ECONNREFUSED): QR codes and pairing links lead there, ' +
        'so phones and displays may not reach it either. Set LINTEL_PUBLIC_URL to the address they reach this bridge at, e.g. http://room-pc:8080/',
    );
  });

  it('warns when something else answers there, and says when the URL was guessed', async () => {
    const problem = await publicUrlProblem({ ...check, configured: false, fetch: answering(404, '<html>Not found</html>') });
    expect(problem).toMatch(/^The public URL http:\/\/192\.0\.2\.10:8080\/ \(guessed, as LINTEL_PUBLIC_URL is not set\) does not reach this bridge from its own computer \(it answers 404, not as a Lintel bridge\)/);
  });

  it('gives up after the time it was given, when the address swallows the request', async () => {
    const silent: HealthFetch = (_url, { signal }) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    expect(await publicUrlProblem({ ...check, fetch: silent, timeoutMs: 50 })).toContain('(no answer within 0.05 s)');
  });

  it('asks over node:http by itself: an answering bridge, a closed port, a server that never answers', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const listen = (handler: Parameters<typeof createServer>[1]) =>
      new Promise<Server>((resolve) => {
        const server = createServer(handler);
        server.on('connection', (socket) => sockets.add(socket));
        server.listen(0, '127.0.0.1', () => resolve(server));
      });
    const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const bridge = await listen((_req, res) => res.setHeader('Content-Type', 'application/json').end(JSON.stringify(report)));
    const silent = await listen(() => {});
    const closed = await listen(() => {});
    const closedUrl = urlOf(closed);
    await new Promise((resolve) => closed.close(resolve));
    try {
      expect(await publicUrlProblem({ ...check, publicUrl: urlOf(bridge) })).toBeUndefined();
      expect(await publicUrlProblem({ ...check, publicUrl: closedUrl })).toContain('(ECONNREFUSED)');
      expect(await publicUrlProblem({ ...check, publicUrl: urlOf(silent), timeoutMs: 100 })).toContain('(no answer within 0.1 s)');
    } finally {
      for (const socket of sockets) socket.destroy();
      await Promise.all([bridge, silent].map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});
