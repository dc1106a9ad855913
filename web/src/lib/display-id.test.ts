import { describe, expect, it } from 'vitest';
import { displayId } from './display-id.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

describe('display id', () => {
  it('is made once and then read back, so the display keeps its pairing across reloads', () => {
    const storage = memoryStorage();
    const first = displayId(storage);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(storage.items.get('lintel.displayId')).toBe(first);
    expect(displayId(storage)).toBe(first);
  });

  it('still gives an id when storage refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(displayId(refusing)).toMatch(/^[0-9a-f-]{36}$/);
    expect(displayId(undefined)).not.toBe(displayId(undefined));
  });
});
