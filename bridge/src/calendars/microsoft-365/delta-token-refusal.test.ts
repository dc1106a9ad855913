import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../test/support/fake-clock.ts';
import { refusesDeltaToken } from './delta-token-refusal.ts';
import { GraphGateway } from './graph-gateway.ts';
import type { GraphTokens } from './graph-tokens.ts';
import { WarningBoard } from '../remote/warning-board.ts';

const DELTA_LINK = 'https://graph.example/v1.0/users/harbour@contoso.example/calendarView/delta?$deltatoken=abc';

/** How the bridge takes Graph's answer to a deltaLink: `status` with this body (none when null) and headers. */
async function answerTo(status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const clock = new FakeClock('2026-11-23T09:00:00Z');
  const logger = pino({ level: 'silent' });
  const tokens = { getToken: () => Promise.resolve('token'), invalidate: () => undefined, consentMissing: false } as unknown as GraphTokens;
  const fetch = () => Promise.resolve(new Response(body === null ? null : JSON.stringify(body), { status, headers }));
  const gateway = new GraphGateway({ graphUrl: 'https://graph.example', fetch, tokens, clock, warnings: new WarningBoard(clock, logger, 'Microsoft 365'), logger });
  const answer = await gateway.send({ method: 'GET', path: DELTA_LINK });
  if (answer.ok) throw new Error('expected a refusal');
  return answer;
}

describe('a refused delta token', () => {
  it('is told by its code in any case, also when Graph nests it in innerError', async () => {
    expect(refusesDeltaToken(await answerTo(400, { error: { code: 'resyncRequired', message: 'The delta token is no longer valid.' } }))).toBe(true);
    expect(refusesDeltaToken(await answerTo(404, { error: { code: 'SyncStateNotFound', message: 'The sync state generation is not found.' } }))).toBe(true);
    const nested = await answerTo(400, { error: { code: 'invalidRequest', message: 'Resync is required.', innerError: { code: 'ResyncRequired', date: '2026-11-23T09:00:00' } } });
    expect(nested.innerCodes).toEqual(['ResyncRequired']);
    expect(refusesDeltaToken(nested)).toBe(true);
  });

  it('is any 410, even one with only a Location header and no body', async () => {
    const gone = await answerTo(410, null, { location: 'https://graph.example/v1.0/users/harbour@contoso.example/calendarView/delta?$deltatoken=' });
    expect(refusesDeltaToken(gone)).toBe(true);
  });

  it('is not another refusal', async () => {
    expect(refusesDeltaToken(await answerTo(400, { error: { code: 'ErrorInvalidUrlQuery', message: 'The sync state in the token is not valid.' } }))).toBe(false);
    expect(refusesDeltaToken(await answerTo(403, { error: { code: 'ErrorAccessDenied', message: 'Access is denied.' } }))).toBe(false);
  });
});
