import { describe, expect, it } from 'vitest';
import { preferImmutableIds } from './immutable-ids.ts';

describe('asking Graph for immutable ids', () => {
  it('adds IdType to the Prefer header a call carries, once, keeping its other preferences and headers', () => {
    expect(preferImmutableIds()).toEqual({ Prefer: 'IdType="ImmutableId"' });
    expect(preferImmutableIds({ prefer: 'outlook.timezone="UTC"', 'content-type': 'application/json' })).toEqual({
      Prefer: 'outlook.timezone="UTC", IdType="ImmutableId"',
      'content-type': 'application/json',
    });
    const delta = { Prefer: 'outlook.timezone="UTC", IdType="ImmutableId", odata.maxpagesize=50' };
    expect(preferImmutableIds(delta)).toEqual(delta);
  });
});
