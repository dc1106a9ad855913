import { describe, expect, it } from 'vitest';
import { chooseCoding } from './content-coding.ts';

const both = ['br', 'gzip'] as const;

describe('chooseCoding', () => {
  it("sends brotli to a browser that takes it, as Chromium's Accept-Encoding lists it last", () => {
    expect(chooseCoding('gzip, deflate, br, zstd', both)).toBe('br');
  });

  it('sends gzip to a client without brotli, or when only a gzip copy exists', () => {
    expect(chooseCoding('gzip, deflate', both)).toBe('gzip');
    expect(chooseCoding('gzip, br', ['gzip'])).toBe('gzip');
    expect(chooseCoding('X-GZIP', both)).toBe('gzip');
  });

  it('sends no coding without the header, for identity alone, or when none offered is acceptable', () => {
    expect(chooseCoding(undefined, both)).toBeNull();
    expect(chooseCoding('', both)).toBeNull();
    expect(chooseCoding('identity', both)).toBeNull();
    expect(chooseCoding('deflate, zstd', both)).toBeNull();
    expect(chooseCoding('br', ['gzip'])).toBeNull();
  });

  it('follows qvalues: the highest wins, q=0 refuses, * stands for the codings not listed', () => {
    expect(chooseCoding('br;q=0.5, gzip;q=0.8', both)).toBe('gzip');
    expect(chooseCoding('br;q=0, *', both)).toBe('gzip');
    expect(chooseCoding('*;q=0.3', both)).toBe('br');
    expect(chooseCoding('*;q=0', both)).toBeNull();
    expect(chooseCoding('gzip ; Q=0.000, br;q=0', both)).toBeNull();
    expect(chooseCoding('identity;q=1, br;q=0.5', both)).toBeNull();
  });
});
