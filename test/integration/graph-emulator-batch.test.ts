import { describe, expect, it } from 'vitest';
import { booking, office, ROOM, SERVICE } from '../graph-emulator/office.ts';

interface BatchAnswer {
  responses: { id: string; status: number; headers: Record<string, string>; body?: Record<string, unknown> }[];
}

const WINDOW = 'startDateTime=2026-10-20T00:00:00Z&endDateTime=2026-10-21T00:00:00Z';
const walkUp = booking('Walk-up', '2026-10-20T09:00:00', '2026-10-20T09:30:00');

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
});
