import { afterEach, describe, expect, it } from 'vitest';
import { startBridgeProcess, tempDataDir } from '../support/bridge-process.ts';
import { postJson } from '../support/http.ts';
import { until } from '../support/until.ts';
import { startWebhookServer } from '../support/webhook-server.ts';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('problem alerts across a restart of the bridge process', () => {
  it('are delivered once by the bridge started again after it crashed between two failed tries and the webhook recovering', async () => {
    const webhook = await startWebhookServer();
    cleanups.push(() => webhook.close());
    const data = tempDataDir();
    cleanups.push(() => data.remove());
    const env = { LINTEL_ALERT_WEBHOOK_URL: webhook.url, LINTEL_DEMO_MEETINGS: 'false' };

    webhook.answerNext(500, 500, 500, 500, 500);
    const first = await startBridgeProcess({ dataDir: data.dir, env });
    cleanups.push(() => first.stop());
    // Its log names the webhook's site, never the secret in its address.
    expect(first.startupOutput).toContain('"webhook":"http://127.0.0.1:');
    expect(first.startupOutput).not.toMatch(/s3cr3t|t0k3n/);
    const id = crypto.randomUUID();
    expect(await postJson(`${first.url}/api/rooms/demo/problems`, { id, kind: 'video', note: 'Camera shows nothing' })).toMatchObject({ status: 201 });
    await until(() => (webhook.received.length >= 2 ? true : undefined), 10_000, 'two failed tries');
    await first.stop('SIGKILL');
    expect(webhook.delivered()).toEqual([]);

    webhook.recover();
    const second = await startBridgeProcess({ dataDir: data.dir, env });
    cleanups.push(() => second.stop());
    const delivered = await until(() => (webhook.delivered().length > 0 ? webhook.delivered() : undefined), 10_000, 'the alert from the bridge started again');
    expect(delivered).toEqual([{ id, roomId: 'demo', roomName: 'Harbour', kind: 'video', note: 'Camera shows nothing', reportedAt: expect.any(String) }]);
    // Longer than the backoff the failures left: a delivered alert is not sent again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(webhook.delivered()).toHaveLength(1);
    expect(webhook.received.every((post) => (post.body as { id: string }).id === id)).toBe(true);
  });
});
