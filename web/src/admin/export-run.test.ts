import { describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../../shared/admin-api.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { AdminApiError } from './admin-api.ts';
import { ExportRun } from './export-run.svelte.ts';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function progress(done: number, state: ExportProgress['state'] = 'running'): ExportProgress {
  return { roomId: 'harbour', state, done, total: 3, exported: done, refused: [], message: null };
}

describe('export run', () => {
  it('polls every 500 ms while the bridge runs the export, then stops', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    const answers = [progress(1), progress(3, 'done')];
    const polls: string[] = [];
    let ended = 0;
    const run = new ExportRun(
      {
        startExport: async () => progress(0),
        exportProgress: async (roomId) => (polls.push(roomId), answers.shift()!),
      },
      clock,
      () => ended++,
    );
    await run.start('harbour');
    expect(run.progress?.done).toBe(0);
    expect(run.running).toBe(true);
    clock.advance(499);
    expect(polls).toEqual([]);
    clock.advance(1);
    await flush();
    expect(run.progress?.done).toBe(1);
    expect(ended).toBe(0);
    clock.advance(500);
    await flush();
    expect(run.progress?.state).toBe('done');
    expect(run.running).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
    expect(polls).toEqual(['harbour', 'harbour']);
    // The page reloads what the export changed, once.
    expect(ended).toBe(1);
  });

  it('shows a failed poll and keeps following', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    let fail = true;
    const run = new ExportRun(
      {
        startExport: async () => progress(0),
        exportProgress: async () => {
          if (fail) throw new AdminApiError('unreachable', 'Failed to fetch', 0);
          return progress(3, 'done');
        },
      },
      clock,
    );
    await run.start('harbour');
    clock.advance(500);
    await flush();
    expect(run.problem?.code).toBe('unreachable');
    fail = false;
    clock.advance(500);
    await flush();
    expect(run.problem).toBeNull();
    expect(run.progress?.state).toBe('done');
  });

  it('says why the bridge would not start it', async () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    const run = new ExportRun(
      {
        startExport: async () => {
          throw new AdminApiError('not-connected', 'The room is not linked to Microsoft 365.', 409);
        },
        exportProgress: async () => progress(0),
      },
      clock,
    );
    await run.start('harbour');
    expect(run.problem?.code).toBe('not-connected');
    expect(run.progress).toBeNull();
    expect(clock.pendingTimers()).toBe(0);
  });
});
