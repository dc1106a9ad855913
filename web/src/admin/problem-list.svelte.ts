import type { Problem } from '../../../shared/problems.ts';
import { asAdminApiError, type AdminApi, type AdminApiError } from './admin-api.ts';

/** Loading the list, or resolving one problem (by its id). */
export type ProblemAction = 'load' | `resolve:${string}`;

/**
 * The problems people reported at the rooms, as the admin page lists them,
 * and resolving one. After a resolve the list is read again from the bridge,
 * so the page shows who resolved it as the bridge recorded it.
 */
export class ProblemList {
  problems = $state.raw<Problem[] | null>(null);
  busy = $state<ProblemAction | null>(null);
  failure = $state<{ action: ProblemAction; error: AdminApiError } | null>(null);
  /** The problem the last resolve resolved, for its confirmation. */
  resolved = $state.raw<Problem | null>(null);

  readonly #api: Pick<AdminApi, 'problems' | 'resolveProblem'>;
  readonly #unauthorized: (error: AdminApiError) => void;
  readonly #onResolved: () => void;

  /** `onResolved`: the page reloads what a resolve also changed (the audit log). */
  constructor(api: Pick<AdminApi, 'problems' | 'resolveProblem'>, unauthorized: (error: AdminApiError) => void, onResolved: () => void) {
    this.#api = api;
    this.#unauthorized = unauthorized;
    this.#onResolved = onResolved;
  }

  load = () => this.#run('load', async () => {});

  resolve = (problemId: string) =>
    this.#run(`resolve:${problemId}`, async () => {
      this.resolved = await this.#api.resolveProblem(problemId);
      this.#onResolved();
    });

  failureOf(action: ProblemAction): AdminApiError | null {
    return this.failure?.action === action ? this.failure.error : null;
  }

  async #run(action: ProblemAction, change: () => Promise<void>): Promise<void> {
    this.busy = action;
    this.failure = null;
    this.resolved = null;
    try {
      await change();
      this.problems = (await this.#api.problems()).problems;
    } catch (error) {
      const refusal = asAdminApiError(error);
      this.failure = { action, error: refusal };
      if (refusal.code === 'unauthorized') this.#unauthorized(refusal);
    } finally {
      this.busy = null;
    }
  }
}
