import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { toIso } from '../../../shared/clock.ts';
import type { ProblemKind } from '../../../shared/constants.ts';
import type { Problem } from '../../../shared/problems.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { AlertSender, retryDelayMs } from './alert-sender.ts';
import { alertWarnings } from './alert-warning.ts';
import type { AlertWebhook, ProblemAlert, WebhookAnswer } from './alert-webhook.ts';
import { ProblemStore } from './problem-store.ts';

const WEBHOOK = 'https://hooks.example.org/***';

/** A webhook that answers as told: failing while `down`, taking alerts otherwise; every post recorded. */
class ScriptedWebhook implements AlertWebhook {
  readonly describe = WEBHOOK;
  readonly posts: { alert: ProblemAlert; taken: boolean }[] = [];
  down = false;

  post(alert: ProblemAlert): Promise<WebhookAnswer> {
    this.posts.push({ alert, taken: !this.down });
    return Promise.resolve(this.down ? { ok: false, error: 'HTTP 503' } : { ok: true });
  }

  delivered(): string[] {
    return this.posts.filter((post) => post.taken).map((post) => post.alert.id);
  }
}

function alertsAt(now = '2026-11-23T10:00:00Z') {
  const clock = new FakeClock(now);
  const store = new ProblemStore(openTestDatabase());
  const webhook = new ScriptedWebhook();
  const names: Record<string, string> = { harbour: 'Harbour', lobby: 'Lobby' };
  const sender = (options: { webhook?: AlertWebhook; roomsSentHere?: () => string[] } = {}) =>
    new AlertSender({ store, webhook: options.webhook ?? webhook, roomName: (roomId) => names[roomId], clock, logger: pino({ level: 'silent' }), ...options });
  const reported = (roomId: string, kind: ProblemKind, note: string | null = null): Problem => {
    const problem = { id: crypto.randomUUID(), roomId, kind, note, reportedAt: toIso(clock.now()), resolvedAt: null, resolvedBy: null };
    store.add(problem, true);
    clock.advance(1_000);
    return problem;
  };
  return { clock, store, webhook, sender, reported };
}

/** Moves the clock, then lets the sender finish what the due timers started. */
async function after(clock: FakeClock, sender: AlertSender, ms: number): Promise<void> {
  clock.advance(ms);
  await sender.idle();
}

describe('problem alerts', () => {
  it("deliver a problem to the webhook once, with its room's name, and nothing more", async () => {
    const { clock, webhook, sender, reported, store } = alertsAt();
    const sound = reported('harbour', 'sound', 'The speaker crackles');
    const alerts = sender();
    await alerts.wake();
    expect(webhook.posts.map((post) => post.alert)).toEqual([
      { id: sound.id, roomId: 'harbour', roomName: 'Harbour', kind: 'sound', note: 'The speaker crackles', reportedAt: '2026-11-23T10:00:00.000Z' },
    ]);
    await after(clock, alerts, 60 * 60_000);
    await alerts.wake();
    expect(webhook.posts).toHaveLength(1);
    expect(store.nextAlert()).toBeUndefined();
  });

  it('are tried again after 1 s, 2 s, 4 s while the webhook fails, and delivered once when it answers', async () => {
    const { clock, webhook, sender, reported } = alertsAt();
    const screen = reported('harbour', 'screen');
    webhook.down = true;
    const alerts = sender();
    await alerts.wake();
    expect(webhook.posts).toHaveLength(1);
    await after(clock, alerts, 999);
    expect(webhook.posts).toHaveLength(1);
    await after(clock, alerts, 1);
    expect(webhook.posts).toHaveLength(2);
    await after(clock, alerts, 1_999);
    expect(webhook.posts).toHaveLength(2);
    await after(clock, alerts, 1);
    expect(webhook.posts).toHaveLength(3);
    webhook.down = false;
    await after(clock, alerts, 3_999);
    expect(webhook.posts).toHaveLength(3);
    await after(clock, alerts, 1);
    expect(webhook.delivered()).toEqual([screen.id]);
    await after(clock, alerts, 60 * 60_000);
    expect(webhook.posts).toHaveLength(4);
  });

  it('wait twice as long after each failure, at most 5 minutes', () => {
    expect([1, 2, 3, 4, 9, 10, 30].map(retryDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000]);
  });

  it('go out in the order the problems were reported, those behind a failing one waiting with it', async () => {
    const { clock, webhook, sender, reported } = alertsAt();
    const first = reported('harbour', 'climate');
    const second = reported('lobby', 'cleanliness');
    webhook.down = true;
    const alerts = sender();
    await alerts.wake();
    await after(clock, alerts, 1_000);
    expect(webhook.posts.map((post) => post.alert.id)).toEqual([first.id, first.id]);
    webhook.down = false;
    await after(clock, alerts, 2_000);
    expect(webhook.delivered()).toEqual([first.id, second.id]);
  });

  it('resume after a restart where the store left them: never lost, waits growing on, delivered once', async () => {
    const { clock, store, webhook, sender, reported } = alertsAt();
    const video = reported('lobby', 'video');
    webhook.down = true;
    const before = sender();
    await before.wake();
    await after(clock, before, 1_000);
    before.stop();
    expect(webhook.posts).toHaveLength(2);

    // The bridge starts again: it tries at once, then waits 4 s, as after a third failure.
    const again = sender();
    await again.wake();
    expect(webhook.posts).toHaveLength(3);
    await after(clock, again, 2_000);
    expect(webhook.posts).toHaveLength(3);
    webhook.down = false;
    await after(clock, again, 2_000);
    expect(webhook.delivered()).toEqual([video.id]);
    expect(store.nextAlert()).toBeUndefined();
  });

  it("of rooms another bridge process holds are left to it", async () => {
    const { webhook, sender, reported } = alertsAt();
    const harbour = reported('harbour', 'sound');
    reported('lobby', 'sound');
    await sender({ roomsSentHere: () => ['harbour'] }).wake();
    expect(webhook.delivered()).toEqual([harbour.id]);
    await sender({ roomsSentHere: () => [] }).wake();
    expect(webhook.posts).toHaveLength(1);
  });

  it('show a warning on the admin page after 3 failed tries, with the last answer, until they are delivered', async () => {
    const { clock, store, webhook, sender, reported } = alertsAt();
    reported('harbour', 'screen');
    webhook.down = true;
    const alerts = sender();
    await alerts.wake();
    await after(clock, alerts, 1_000);
    expect(alertWarnings(store, WEBHOOK)).toEqual([]);
    await after(clock, alerts, 2_000);
    expect(alertWarnings(store, WEBHOOK)).toEqual([
      {
        code: 'alert-webhook-failing',
        message: `1 problem report waits for the alert webhook at ${WEBHOOK}; its last answer: HTTP 503.`,
        since: '2026-11-23T10:00:01.000Z',
      },
    ]);
    webhook.down = false;
    await after(clock, alerts, 4_000);
    expect(alertWarnings(store, WEBHOOK)).toEqual([]);
  });
});
