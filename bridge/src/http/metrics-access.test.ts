import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { requireMetricsAccess } from './metrics-access.ts';

const TOKEN = 'metrics-token-0123456789abcdef';

interface Scrape {
  /** The TCP peer, as the socket reports it. */
  peer: string | undefined;
  headers?: Record<string, string>;
  /** What express would say with `trust proxy` set and a forged X-Forwarded-For. */
  ip?: string;
}

interface Answer {
  passed: boolean;
  status?: number;
  body?: unknown;
  headers: Record<string, string>;
}

/** What a scraper gets: through to the metrics, or the refusal's status, headers and body. */
function scrape(token: string | undefined, { peer, headers = {}, ip }: Scrape): Answer {
  const answer: Answer = { passed: false, headers: {} };
  const req = { socket: { remoteAddress: peer }, ip: ip ?? peer, get: (name: string) => headers[name.toLowerCase()] } as unknown as Request;
  const res = {
    setHeader: (name: string, value: string) => void (answer.headers[name.toLowerCase()] = value),
    status(code: number) {
      answer.status = code;
      return this;
    },
    json: (body: unknown) => void (answer.body = body),
  } as unknown as Response;
  requireMetricsAccess(token)(req, res, () => void (answer.passed = true));
  return answer;
}

describe('who may read /api/metrics without LINTEL_METRICS_TOKEN', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('this machine, over loopback (%s)', (peer) => {
    expect(scrape(undefined, { peer })).toEqual({ passed: true, headers: {} });
  });

  it.each(['192.168.1.20', '10.127.0.1', '::ffff:10.0.0.5', 'fe80::1', '2001:db8::1', '::', undefined])('nobody else (%s): 403, saying to set the token', (peer) => {
    expect(scrape(undefined, { peer })).toEqual({
      passed: false,
      status: 403,
      body: { code: 'forbidden', message: expect.stringContaining('set LINTEL_METRICS_TOKEN') },
      headers: {},
    });
  });

  it('goes by the connection, not by what the request claims (X-Forwarded-For)', () => {
    expect(scrape(undefined, { peer: '192.168.1.20', ip: '127.0.0.1', headers: { 'x-forwarded-for': '127.0.0.1' } })).toMatchObject({ passed: false, status: 403 });
  });

  it('refuses what a proxy on this machine relays from elsewhere', () => {
    expect(scrape(undefined, { peer: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } })).toMatchObject({ passed: false, status: 403, body: { code: 'forbidden' } });
    expect(scrape(undefined, { peer: '::1', headers: { forwarded: 'for=203.0.113.9' } })).toMatchObject({ passed: false, status: 403, body: { code: 'forbidden' } });
  });
});

describe('who may read /api/metrics with LINTEL_METRICS_TOKEN', () => {
  it('whoever sends the token, from anywhere', () => {
    expect(scrape(TOKEN, { peer: '192.168.1.20', headers: { authorization: `Bearer ${TOKEN}` } })).toEqual({ passed: true, headers: {} });
    expect(scrape(TOKEN, { peer: '::ffff:10.0.0.5', headers: { authorization: `bearer ${TOKEN}` } })).toMatchObject({ passed: true });
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'Bearer metrics-token-0123456789abcdeX'],
    ['the token cut short', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token as a password', `Basic ${Buffer.from(`prometheus:${TOKEN}`).toString('base64')}`],
  ])('nobody with %s, not even this machine: 401 asking for a bearer token', (_what, authorization) => {
    expect(scrape(TOKEN, { peer: '127.0.0.1', headers: authorization === undefined ? {} : { authorization } })).toEqual({
      passed: false,
      status: 401,
      body: { code: 'unauthorized', message: expect.stringContaining('LINTEL_METRICS_TOKEN') },
      headers: { 'www-authenticate': 'Bearer' },
    });
  });
});
