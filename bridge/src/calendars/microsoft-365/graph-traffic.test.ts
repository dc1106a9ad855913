import { describe, expect, it } from 'vitest';
import { GraphTraffic } from './graph-traffic.ts';

describe('Graph traffic totals', () => {
  it('counts every request by the class of its answer, or as unanswered, and the answers that ask to slow down', () => {
    const traffic = new GraphTraffic();
    traffic.count({ status: 200, retryAfter: false });
    traffic.count({ status: 201, retryAfter: false });
    traffic.count({ status: 404, retryAfter: false });
    traffic.count({ status: 429, retryAfter: true });
    traffic.count({ status: 503, retryAfter: true });
    // A 503 without Retry-After is an outage, not a request to slow down.
    traffic.count({ status: 503, retryAfter: false });
    traffic.count(null);
    expect(traffic.totals()).toEqual({
      requests: { '2xx': 2, '3xx': 0, '4xx': 2, '5xx': 2, 'no-answer': 1 },
      throttles: { '429': 1, '503': 1 },
    });
  });

  it('hands out copies, so a reader cannot change the totals', () => {
    const traffic = new GraphTraffic();
    traffic.totals().requests['2xx'] = 99;
    expect(traffic.totals().requests['2xx']).toBe(0);
  });
});
