import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../shared/problems.ts';
import { AdminApiError, type AdminApi } from './admin-api.ts';
import { ProblemList } from './problem-list.svelte.ts';

const open = (id: string, kind: Problem['kind']): Problem => ({ id, roomId: 'harbour', kind, note: null, reportedAt: '2026-11-23T09:00:00.000Z', resolvedAt: null, resolvedBy: null });

/** The bridge's side: its problems, resolved as an admin asks; `refuse` makes it answer with that instead. */
function bridgeWith(problems: Problem[]) {
  let refuse: AdminApiError | null = null;
  const api: Pick<AdminApi, 'problems' | 'resolveProblem'> = {
    problems: () => Promise.resolve({ problems: problems.map((problem) => ({ ...problem })) }),
    resolveProblem: (id) => {
      if (refuse) return Promise.reject(refuse);
      const problem = problems.find((each) => each.id === id)!;
      Object.assign(problem, { resolvedAt: '2026-11-23T09:30:00.000Z', resolvedBy: 'megan@contoso.example' });
      return Promise.resolve({ ...problem });
    },
  };
  return { api, refuseWith: (error: AdminApiError) => (refuse = error) };
}

describe('the problems on the admin page', () => {
  it('shows who resolved a problem as the bridge recorded it, and has the page read its status again', async () => {
    const { api } = bridgeWith([open('p1', 'screen'), open('p2', 'sound')]);
    let reloads = 0;
    const list = new ProblemList(api, () => {}, () => reloads++);
    await list.load();
    expect(list.problems?.map((problem) => problem.kind)).toEqual(['screen', 'sound']);

    await list.resolve('p2');
    expect(list.resolved).toMatchObject({ id: 'p2', resolvedBy: 'megan@contoso.example' });
    expect(list.problems?.find((problem) => problem.id === 'p2')?.resolvedBy).toBe('megan@contoso.example');
    expect(reloads).toBe(1);
    expect(list.busy).toBeNull();
  });

  it('says why a resolve was refused, keeps the list, and sends a refused sign-in back to signing in', async () => {
    const { api, refuseWith } = bridgeWith([open('p1', 'climate')]);
    const signedOut: AdminApiError[] = [];
    const list = new ProblemList(api, (error) => signedOut.push(error), () => {});
    await list.load();
    refuseWith(new AdminApiError('not-found', 'There is no problem "p1".', 404));
    await list.resolve('p1');
    expect(list.failureOf('resolve:p1')?.code).toBe('not-found');
    expect(list.resolved).toBeNull();
    expect(list.problems).toMatchObject([{ id: 'p1', resolvedAt: null }]);

    refuseWith(new AdminApiError('unauthorized', 'Sign in again.', 401));
    await list.resolve('p1');
    expect(signedOut.map((error) => error.code)).toEqual(['unauthorized']);
  });
});
