import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock.ts';
import { startTestBridge, type TestBridge } from '../support/in-process-bridge.ts';
import { parseMetrics, scrape } from '../support/prometheus-text.ts';

const TOKEN = 'scrape-token-0123456789abcdef0123';

let bridge: TestBridge;
afterEach(async () => {
  await bridge.close();
});

async function start(metricsToken?: string): Promise<void> {
  bridge = await startTestBridge({ clock: new FakeClock('2026-11-23T10:00:00+01:00'), ...(metricsToken === undefined ? {} : { metricsToken }) });
}

/** GET /api/metrics as a scraper on this machine sends it. */
async function metrics(headers: Record<string, string> = {}) {
  const response = await fetch(`${bridge.url}/api/metrics`, { headers });
  const type = response.headers.get('content-type');
  return {
    status: response.status,
    type,
    authenticate: response.headers.get('www-authenticate'),
    body: type?.startsWith('application/json') ? ((await response.json()) as unknown) : await response.text(),
  };
}

describe('/api/metrics with LINTEL_METRICS_TOKEN set', () => {
  it('answers a request with the token as a bearer token, and no other, even from this machine', async () => {
    await start(TOKEN);
    for (const authorization of [undefined, 'Bearer scrape-token-0123456789abcdef012X', `Basic ${Buffer.from(`prometheus:${TOKEN}`).toString('base64')}`]) {
      expect(await metrics(authorization === undefined ? {} : { authorization })).toEqual({
        status: 401,
        type: 'application/json; charset=utf-8',
        authenticate: 'Bearer',
        body: { code: 'unauthorized', message: expect.stringContaining('LINTEL_METRICS_TOKEN') },
      });
    }
    const scraped = await metrics({ authorization: `Bearer ${TOKEN}` });
    expect(scraped).toMatchObject({ status: 200, type: 'text/plain; version=0.0.4; charset=utf-8', authenticate: null });
    expect(parseMetrics(scraped.body as string).samples.get('lintel_displays_connected')).toBe(0);
  });
});

describe('/api/metrics without LINTEL_METRICS_TOKEN', () => {
  it('answers this machine', async () => {
    await start();
    expect((await scrape(bridge.url)).get('lintel_displays_connected')).toBe(0);
  });

  it('refuses a request a proxy on this machine relays from elsewhere, saying to set the token', async () => {
    await start();
    expect(await metrics({ 'x-forwarded-for': '203.0.113.9' })).toEqual({
      status: 403,
      type: 'application/json; charset=utf-8',
      authenticate: null,
      body: { code: 'forbidden', message: expect.stringContaining('set LINTEL_METRICS_TOKEN') },
    });
  });
});
