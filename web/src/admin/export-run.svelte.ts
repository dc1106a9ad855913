import type { ExportProgress } from '../../../shared/admin-api.ts';
import type { Clock } from '../../../shared/clock.ts';
import { AdminApiError, type AdminApi } from './admin-api.ts';

const POLL_MS = 500;

const asProblem = (error: unknown) => (error instanceof AdminApiError ? error : new AdminApiError('internal', String(error), 0));

/**
 * A bulk export of a room's future walk-up bookings to its Microsoft 365
 * calendar, followed every 500 ms while the bridge runs it. A poll that
 * fails (the bridge restarting, say) is shown and tried again: the export
 * itself goes on on the bridge either way. When it ends, `onEnded` lets
 * the page reload what the export changed (the room's counts, the audit log).
 */
export class ExportRun {
  progress = $state<ExportProgress | null>(null);
  problem = $state<AdminApiError | null>(null);
  starting = $state(false);

  readonly #api: Pick<AdminApi, 'startExport' | 'exportProgress'>;
  readonly #clock: Clock;
  readonly #onEnded: () => void;
  #cancel: () => void = () => {};
  #stopped = false;

  constructor(api: Pick<AdminApi, 'startExport' | 'exportProgress'>, clock: Clock, onEnded: () => void = () => {}) {
    this.#api = api;
    this.#clock = clock;
    this.#onEnded = onEnded;
  }

  get running(): boolean {
    return this.starting || this.progress?.state === 'running';
  }

  async start(roomId: string): Promise<void> {
    if (this.running) return;
    this.#stopped = false;
    this.starting = true;
    this.problem = null;
    try {
      this.progress = await this.#api.startExport(roomId);
      this.#follow(roomId);
    } catch (error) {
      this.problem = asProblem(error);
    } finally {
      this.starting = false;
    }
  }

  /** The page is leaving: stop polling (the export goes on on the bridge). */
  stop(): void {
    this.#stopped = true;
    this.#cancel();
  }

  #follow(roomId: string): void {
    if (this.#stopped) return;
    if (this.progress?.state !== 'running') return this.#onEnded();
    this.#cancel = this.#clock.setTimer(async () => {
      try {
        this.progress = await this.#api.exportProgress(roomId);
        this.problem = null;
      } catch (error) {
        this.problem = asProblem(error);
      }
      this.#follow(roomId);
    }, POLL_MS);
  }
}
