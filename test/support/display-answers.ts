import { expect } from 'vitest';
import type { DisplayAnswer, DisplayProtocol } from '../../bridge/src/devices/display-control/display-protocol.ts';

/** Reads every answer in `stream`, as a session would, each read taking some bytes; and how many bytes are left over. */
export function readAllAnswers(protocol: Pick<DisplayProtocol, 'readAnswer'>, stream: Uint8Array): { answers: DisplayAnswer[]; rest: number } {
  const answers: DisplayAnswer[] = [];
  let at = 0;
  for (let read = protocol.readAnswer(stream.subarray(at)); read; read = protocol.readAnswer(stream.subarray(at))) {
    expect(read.used).toBeGreaterThan(0);
    answers.push(read.answer);
    at += read.used;
  }
  return { answers, rest: stream.length - at };
}
