import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGraphGet } from './graph-client.ts';

describe('Graph client for the admin page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the admin token to a Graph host with a port, for a path and for a full nextLink', async () => {
    const seen: { url: string; authorization: string | null }[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push({ url: request.url, authorization: request.headers.get('authorization') });
      return new Response(JSON.stringify({ value: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const get = createGraphGet('https://127.0.0.1:8443', async () => 'graph-token');
    await get('/places/microsoft.graph.room?$top=100');
    await get('https://127.0.0.1:8443/v1.0/places/microsoft.graph.room?$top=100&$skip=100');
    expect(seen.map((each) => each.authorization)).toEqual(['Bearer graph-token', 'Bearer graph-token']);
    expect(seen.map((each) => decodeURIComponent(each.url))).toEqual([
      'https://127.0.0.1:8443/v1.0/places/microsoft.graph.room?$top=100',
      'https://127.0.0.1:8443/v1.0/places/microsoft.graph.room?$top=100&$skip=100',
    ]);
  });
});
