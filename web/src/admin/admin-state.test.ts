import { describe, expect, it } from 'vitest';
import type { AdminRoom, AdminStatus } from '../../../shared/admin-api.ts';
import { AdminApiError, type AdminApi } from './admin-api.ts';
import { AdminState } from './admin-state.svelte.ts';

function status(displays: string[]): AdminStatus {
  return {
    you: { name: 'local admin token', via: 'local-token' },
    google: null,
    connection: { state: 'not-connected', reason: 'not-configured' },
    access: null,
    credential: null,
    warnings: [],
    rooms: [],
    displays: displays.map((id) => ({
      id,
      name: null,
      roomId: 'harbour',
      linkedAt: null,
      linkedBy: null,
      lastSeenAt: '2026-11-23T10:00:00Z',
      address: '10.0.0.9',
      credentialIssuedAt: '2026-11-20T10:00:00Z',
      online: true,
      staleDays: null,
    })),
    audit: [],
  };
}

const harbour: AdminRoom = {
  id: 'harbour',
  name: 'Harbour',
  timeZone: 'Europe/Amsterdam',
  capacity: null,
  location: { building: null, floor: null },
  status: 'available',
  access: 'paired',
  microsoft365: null,
  calendar: null,
  syncedAt: null,
  outboxDepth: 0,
  localFutureBookings: 0,
  displays: 0,
  devices: [],
};

function fakeApi(overrides: Partial<AdminApi>) {
  const calls: string[] = [];
  let displays = ['d1', 'd2'];
  const api = {
    status: async () => (calls.push('status'), status(displays)),
    unlink: async (id: string) => {
      calls.push(`unlink ${id}`);
      displays = displays.filter((each) => each !== id);
    },
    forget: async (id: string) => {
      calls.push(`forget ${id}`);
      if (!displays.includes(id)) throw new AdminApiError('not-found', `No display ${id}.`, 404);
      displays = displays.filter((each) => each !== id);
      return { id };
    },
    ...overrides,
  } as AdminApi;
  return { api, calls };
}

describe('admin state', () => {
  it('shows the status the bridge has after an action', async () => {
    const { api, calls } = fakeApi({});
    const state = new AdminState(api, () => {});
    await state.refresh();
    expect(await state.unlink('d1')).toBe(true);
    expect(calls).toEqual(['status', 'unlink d1', 'status']);
    expect(state.status?.displays.map((display) => display.id)).toEqual(['d2']);
    expect(state.done).toBe('unlink:d1');
    expect(state.busy).toBeNull();
  });

  it('forgets a display: the row is gone once the bridge answers, or the refusal is kept with that display', async () => {
    const { api, calls } = fakeApi({});
    const state = new AdminState(api, () => {});
    await state.refresh();
    expect(await state.forget('gone')).toBe(false);
    expect(state.problemOf('forget:gone')).toMatchObject({ code: 'not-found', message: 'No display gone.' });
    expect(state.status?.displays.map((display) => display.id)).toEqual(['d1', 'd2']);
    expect(await state.forget('d1')).toBe(true);
    expect(calls).toEqual(['status', 'forget gone', 'forget d1', 'status']);
    expect(state.status?.displays.map((display) => display.id)).toEqual(['d2']);
    // The earlier refusal is not shown next to a Forget that worked.
    expect([state.done, state.problem]).toEqual(['forget:d1', null]);
  });

  it('reads the status again quietly: what an action said stays, and an answer older than an action is dropped', async () => {
    let displays = ['d1'];
    let answer: ((value: AdminStatus) => void) | null = null;
    const { api } = fakeApi({ status: () => new Promise((resolve) => (answer = resolve)) });
    const state = new AdminState(api, () => {});
    await state.reload();
    expect(answer).toBeNull();

    const first = state.refresh();
    answer!(status(displays));
    await first;
    displays = ['d1', 'd2'];
    const reloading = state.reload();
    answer!(status(displays));
    await reloading;
    expect(state.status?.displays.map((display) => display.id)).toEqual(['d1', 'd2']);
    expect(state.done).toBe('refresh');

    const late = state.reload();
    const lateAnswer = answer!;
    const action = state.refresh();
    answer!(status(['d3']));
    await action;
    lateAnswer(status(['stale']));
    await late;
    expect(state.status?.displays.map((display) => display.id)).toEqual(['d3']);
  });

  it("sets a room's access and shows the room as the bridge then has it", async () => {
    const calls: string[] = [];
    let access: 'paired' | 'open' = 'paired';
    const withRoom = (): AdminStatus => ({ ...status([]), rooms: [{ ...harbour, access }] });
    const { api } = fakeApi({
      status: async () => withRoom(),
      setRoomAccess: async (roomId, request) => {
        calls.push(`access ${roomId} ${request.access}`);
        access = request.access;
        return { ...harbour, access };
      },
    });
    const state = new AdminState(api, () => {});
    expect(await state.setRoomAccess('harbour', 'open')).toBe(true);
    expect(calls).toEqual(['access harbour open']);
    expect(state.status?.rooms[0]?.access).toBe('open');
    expect(state.done).toBe('access:harbour');
  });

  it('keeps a refusal with the action it belongs to, and goes back to sign-in when the token is refused', async () => {
    const refused: AdminApiError[] = [];
    const { api } = fakeApi({
      renewCredentials: async () => {
        throw new AdminApiError('internal', 'Graph said no', 500);
      },
      check: async () => {
        throw new AdminApiError('unauthorized', 'Token expired', 401);
      },
    });
    const state = new AdminState(api, (error) => refused.push(error));
    expect(await state.renew()).toBe(false);
    expect(state.problemOf('renew')?.message).toBe('Graph said no');
    expect(state.problemOf('check')).toBeNull();
    expect(refused).toEqual([]);
    await state.check();
    expect(refused.map((error) => error.code)).toEqual(['unauthorized']);
  });

  it("removes the Microsoft account's authorization and shows the status the bridge answers with", async () => {
    const calls: string[] = [];
    const after: AdminStatus = { ...status([]), connection: { state: 'not-connected', reason: 'no-account' }, access: { mode: 'delegated', account: null, redirectUri: 'https://lintel.contoso.example/api/admin/m365/callback' } };
    const { api } = fakeApi({ removeAccount: async () => (calls.push('remove account'), after) });
    const state = new AdminState(api, () => {});
    expect(await state.removeAccount()).toBe(true);
    expect(calls).toEqual(['remove account']);
    expect(state.status?.connection).toEqual({ state: 'not-connected', reason: 'no-account' });
    expect(state.done).toBe('remove-account');
  });
});
