import type { ExportProgress } from '../../../shared/admin-api.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { Logger } from '../logger.ts';
import type { Microsoft365Integration } from '../calendars/microsoft-365/microsoft-365.ts';

/**
 * Bulk exports the admin page started, one per room at a time, followed by
 * polling: an export of hundreds of bookings outlives one HTTP request, and
 * a second click while one runs joins it instead of starting another.
 */
export class ExportJobs {
  readonly #integration: Microsoft365Integration;
  readonly #logger: Logger;
  readonly #jobs = new Map<string, ExportProgress>();

  constructor(integration: Microsoft365Integration, logger: Logger) {
    this.#integration = integration;
    this.#logger = logger;
  }

  /** Starts the room's export unless one is running; `finished` hears how it ended. */
  start(roomId: string, finished: (progress: ExportProgress) => void): ExportProgress {
    const running = this.#jobs.get(roomId);
    if (running?.state === 'running') return { ...running };
    const progress: ExportProgress = { roomId, state: 'running', done: 0, total: this.#integration.exportableCount(roomId), exported: 0, refused: [], message: null };
    this.#jobs.set(roomId, progress);
    void this.#integration
      .exportFutureBookings(roomId, (done, total) => Object.assign(progress, { done, total }))
      .then((report) => {
        if (report.ok) Object.assign(progress, { state: 'done', done: report.data.total, total: report.data.total, exported: report.data.exported, refused: report.data.refused });
        else Object.assign(progress, { state: 'failed', message: report.message });
      })
      .catch((error: unknown) => {
        this.#logger.error({ err: error, roomId }, 'bulk export failed');
        Object.assign(progress, { state: 'failed', message: 'The export stopped on an error on the bridge; it has been logged. Start it again: nothing is exported twice.' });
      })
      .finally(() => finished({ ...progress }));
    return { ...progress };
  }

  get(roomId: string): Result<ExportProgress> {
    const progress = this.#jobs.get(roomId);
    return progress ? ok({ ...progress, refused: [...progress.refused] }) : fail('not-found', 'No export was started for this room since the bridge started.');
  }
}
