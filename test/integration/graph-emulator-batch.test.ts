import { describe, expect, it } from 'vitest';
import { ALICE, booking, office, ROOM, SERVICE } from '../graph-emulator/office.ts';
import { until } from '../support/until.ts';

interface BatchAnswer {
  responses: { id: string; status: number; headers: Record<string, string>; body?: Record<string, unknown> }[];
}

const WINDOW = 'startDateTime=2026-10-20T00:00:00Z&endDateTime=2026-10-21T00:00:00Z';
const walkUp = booking('Walk-up', '2026-10-20T09:00:00', '2026-10-20T09:30:00');
const JSON_HEADERS = { 'content-type': 'application/json' };
const ATTIC = 'attic@contoso.example';

/** `count` calendar reads on a mailbox, with ids `<prefix>-1`, `<prefix>-2`... */
function reads(mailbox: string, count: number, prefix: string) {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i + 1}`, method: 'GET', url: `/users/${mailbox}/calendarView?${WINDOW}` }));
}

/** A fault that holds the next request on `mailbox` until `release` is called. */
function stall(mailbox: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { fault: { kind: 'stall' as const, released, mailbox }, release };
}

async function officeWithAttic() {
  const graph = await office();
  graph.tenant.addRoom({ displayName: 'Attic', emailAddress: 'attic@contoso.example' });
  return graph;
}

describe('Graph emulator: $batch', () => {
  it('runs each sub-request through the same routes, answering each with its own status, headers and body', async () => {
    const { tenant, graph } = await officeWithAttic();
    const answer = await graph('/$batch', {
      method: 'POST',
      body: {
        requests: [
          { id: '1', method: 'POST', url: `/users/${SERVICE}/events`, headers: { 'content-type': 'application/json' }, body: walkUp },
          { id: '2', method: 'GET', url: `/users/${ROOM}/calendarView?${WINDOW}`, headers: { prefer: 'outlook.timezone="Europe/Amsterdam"' } },
          { id: '3', method: 'GET', url: `users/${SERVICE}/events/AAMkADunknown` },
          { id: '4', method: 'GET', url: '/places/microsoft.graph.room' },
        ],
      },
    });
    expect(answer.status).toBe(200);
    const { responses } = answer.body as BatchAnswer;
    expect(responses.map((response) => [response.id, response.status])).toEqual([
      ['1', 201],
      ['2', 200],
      ['3', 404],
      ['4', 200],
    ]);
    expect(responses[0]!.body).toMatchObject({ subject: 'Walk-up', attendees: [{ status: { response: 'none' } }] });
    expect(responses[0]!.headers['content-type']).toContain('application/json');
    expect(responses[1]!.headers['preference-applied']).toContain('Europe/Amsterdam');
    expect(responses[1]!.body).toMatchObject({ value: [{ subject: 'Walk-up', start: { dateTime: '2026-10-20T11:00:00.0000000', timeZone: 'Europe/Amsterdam' } }] });
    expect(responses[2]!.body).toMatchObject({ error: { code: 'ErrorItemNotFound' } });
    expect(tenant.eventsOf(SERVICE)).toHaveLength(1);
  });

  it('takes at most 20 requests and refuses a write without a Content-Type', async () => {
    const { graph } = await officeWithAttic();
    const gets = (count: number) => Array.from({ length: count }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/places/microsoft.graph.room' }));
    expect(await graph('/$batch', { method: 'POST', body: { requests: gets(21) } })).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
    const twenty = await graph('/$batch', { method: 'POST', body: { requests: gets(20) } });
    expect(twenty.status).toBe(200);
    expect((twenty.body as BatchAnswer).responses).toHaveLength(20);
    expect(await graph('/$batch', { method: 'POST', body: { requests: [{ id: '1', method: 'POST', url: `/users/${SERVICE}/events`, body: walkUp }] } })).toMatchObject({
      status: 400,
      body: { error: { code: 'BadRequest' } },
    });
  });

  it("meets faults and the envelope's token per sub-request, and counts sub-requests against their mailbox", async () => {
    const { tenant, graph } = await officeWithAttic();
    tenant.faults.push({ kind: 'throttle', retryAfterSeconds: 11, mailbox: ROOM });
    const answer = await graph('/$batch', {
      method: 'POST',
      body: {
        requests: [
          { id: 'room', method: 'GET', url: `/users/${ROOM}/calendarView?${WINDOW}` },
          { id: 'attic', method: 'GET', url: `/users/attic@contoso.example/calendarView?${WINDOW}` },
          { id: 'room-again', method: 'GET', url: `/users/${ROOM}/calendarView?${WINDOW}` },
        ],
      },
    });
    const [room, attic, again] = (answer.body as BatchAnswer).responses;
    expect(room).toMatchObject({ status: 429, headers: { 'retry-after': '11' }, body: { error: { code: 'ApplicationThrottled' } } });
    expect(attic!.status).toBe(200);
    expect(again!.status).toBe(200);
    expect(tenant.requestCount(ROOM)).toBe(2);
    expect(tenant.requestCount('attic@contoso.example')).toBe(1);

    expect(await graph('/$batch', { method: 'POST', body: { requests: [] }, token: null })).toMatchObject({ status: 401 });
    const readOnly = await office({ roles: ['Calendars.Read'] });
    const refused = await readOnly.graph('/$batch', {
      method: 'POST',
      body: { requests: [{ id: '1', method: 'POST', url: `/users/${SERVICE}/events`, headers: { 'content-type': 'application/json' }, body: walkUp }] },
    });
    expect((refused.body as BatchAnswer).responses[0]).toMatchObject({ status: 403, body: { error: { code: 'ErrorAccessDenied' } } });
  });

  it('resets the connection when a sub-request meets a connection reset', async () => {
    const { tenant, graph } = await officeWithAttic();
    tenant.faults.push({ kind: 'connection-reset', mailbox: ROOM });
    await expect(graph('/$batch', { method: 'POST', body: { requests: [{ id: '1', method: 'GET', url: `/users/${ROOM}/calendarView?${WINDOW}` }] } })).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
  });
  it('with the tenant running batches in parallel, starts every sub-request without dependsOn at once', async () => {
    const { tenant, graph } = await officeWithAttic();
    tenant.batches.parallel = true;
    const { fault, release } = stall(ROOM);
    tenant.faults.push(fault);
    const answer = graph('/$batch', {
      method: 'POST',
      body: {
        requests: [
          { id: 'read', method: 'GET', url: `/users/${ROOM}/calendarView?${WINDOW}` },
          { id: 'book', method: 'POST', url: `/users/${SERVICE}/events`, headers: JSON_HEADERS, body: walkUp },
        ],
      },
    });
    try {
      // The booking listed after the read is made while the read still hangs.
      await until(() => (tenant.eventsOf(SERVICE).length === 1 ? true : undefined), 5_000, 'the booking while the read hangs');
    } finally {
      release();
    }
    const { responses } = (await answer).body as BatchAnswer;
    expect(responses.map((response) => [response.id, response.status])).toEqual([
      ['read', 200],
      ['book', 201],
    ]);
  });

  it('refuses a sub-request past 4 running on one mailbox with 429 MailboxConcurrency, and counts it against the mailbox', async () => {
    const { tenant, graph } = await officeWithAttic();
    const batchOf = (requests: unknown[]) => graph('/$batch', { method: 'POST', body: { requests } });
    const statuses = async (requests: unknown[]) => ((await batchOf(requests)).body as BatchAnswer).responses.map((response) => response.status);
    expect(await statuses(reads(ROOM, 6, 'room'))).toEqual([200, 200, 200, 200, 200, 200]);

    tenant.batches.parallel = true;
    const answer = await batchOf([...reads(ROOM, 6, 'room'), ...reads(ATTIC, 2, 'attic')]);
    const { responses } = answer.body as BatchAnswer;
    expect(responses.map((response) => [response.id, response.status])).toEqual([
      ['room-1', 200],
      ['room-2', 200],
      ['room-3', 200],
      ['room-4', 200],
      ['room-5', 429],
      ['room-6', 429],
      ['attic-1', 200],
      ['attic-2', 200],
    ]);
    expect(responses[4]).toMatchObject({
      headers: { 'retry-after': expect.stringMatching(/^\d+$/) },
      body: { error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' } },
    });
    expect(tenant.requestCount(ROOM)).toBe(12);
    // 4 running and one more asked for: a refused one ends at once.
    expect(tenant.batches.peak(ROOM)).toBe(5);
    expect(tenant.batches.peak(ATTIC)).toBe(2);
    // Places free again as the requests end.
    expect(await statuses(reads(ROOM, 4, 'room'))).toEqual([200, 200, 200, 200]);
  });

  it('runs a sub-request after those it dependsOn, and fails it with 424 when one of them failed', async () => {
    const { tenant, graph } = await officeWithAttic();
    tenant.batches.parallel = true;
    const { fault, release } = stall(ROOM);
    tenant.faults.push(fault);
    const waiting = graph('/$batch', {
      method: 'POST',
      body: {
        requests: [
          { id: 'read', method: 'GET', url: `/users/${ROOM}/calendarView?${WINDOW}` },
          { id: 'book', dependsOn: ['read'], method: 'POST', url: `/users/${SERVICE}/events`, headers: JSON_HEADERS, body: walkUp },
          { id: 'alice', method: 'POST', url: `/users/${ALICE}/events`, headers: JSON_HEADERS, body: walkUp },
        ],
      },
    });
    try {
      await until(() => (tenant.eventsOf(ALICE).length === 1 ? true : undefined), 5_000, 'the independent booking');
      expect(tenant.eventsOf(SERVICE)).toHaveLength(0);
    } finally {
      release();
    }
    expect(((await waiting).body as BatchAnswer).responses.map((response) => response.status)).toEqual([200, 201, 201]);
    expect(tenant.eventsOf(SERVICE)).toHaveLength(1);

    const failing = await graph('/$batch', {
      method: 'POST',
      body: {
        requests: [
          { id: 'missing', method: 'GET', url: `/users/${SERVICE}/events/AAMkADunknown` },
          { id: 'book', dependsOn: ['missing'], method: 'POST', url: `/users/${SERVICE}/events`, headers: JSON_HEADERS, body: walkUp },
          { id: 'read', dependsOn: ['book'], method: 'GET', url: `/users/${ROOM}/calendarView?${WINDOW}` },
          { id: 'alone', method: 'GET', url: `/users/${ROOM}/calendarView?${WINDOW}` },
        ],
      },
    });
    expect((failing.body as BatchAnswer).responses.map((response) => [response.id, response.status])).toEqual([
      ['missing', 404],
      ['book', 424],
      ['read', 424],
      ['alone', 200],
    ]);
    expect(tenant.eventsOf(SERVICE)).toHaveLength(1);

    const unknown = [{ id: '1', dependsOn: ['2'], method: 'GET', url: '/places/microsoft.graph.room' }];
    const circle = [
      { id: '1', dependsOn: ['2'], method: 'GET', url: '/places/microsoft.graph.room' },
      { id: '2', dependsOn: ['1'], method: 'GET', url: '/places/microsoft.graph.room' },
    ];
    for (const requests of [unknown, circle]) {
      expect(await graph('/$batch', { method: 'POST', body: { requests } })).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
    }
  });
});
