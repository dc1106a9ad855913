import { describe, expect, it } from 'vitest';
import { EventStreamParser } from './event-stream-parser.ts';

describe('reading Server-Sent Events', () => {
  it("reads Barco's package as the reference spells it: data, JSON, a space, two newlines", () => {
    const parser = new EventStreamParser();
    expect(parser.push('data: {"inUse":true,"sharing":true} \n\n')).toEqual(['{"inUse":true,"sharing":true} ']);
    expect(JSON.parse(parser.push('data: {"sharing":false} \n\n')[0]!)).toEqual({ sharing: false });
  });

  it('puts together events split anywhere between chunks, a CR LF line end included', () => {
    const parser = new EventStreamParser();
    const stream = 'data: {"a":1}\r\n\r\ndata: {"b":2}\r\r: a comment\n\ndata: {"c":3}\n\n';
    const events: string[] = [];
    for (const char of stream) events.push(...parser.push(char));
    expect(events).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('joins several data lines, skips comments and other fields, and waits for the blank line', () => {
    const parser = new EventStreamParser();
    expect(parser.push(': keep-alive\n\nevent: update\nid: 7\nretry: 1000\ndata:{"x":\ndata: 1}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual(['{"x":\n1}']);
    expect(parser.push('data\n\n')).toEqual(['']);
  });

  it('refuses an event that never ends before it eats the memory', () => {
    const parser = new EventStreamParser(100);
    expect(() => parser.push(`data: ${'x'.repeat(200)}`)).toThrow(/more than 100 characters/);
  });
});
