import { describe, expect, it } from 'vitest';
import { DisplayMessages } from './display-messages.svelte.ts';

describe("the display's texts", () => {
  it('speaks English at once, and the wanted language once its chunk has come', async () => {
    const messages = new DisplayMessages();
    expect(messages.shown('de')).toBe('en');
    expect(messages.texts(messages.shown('de')).bookNow).toBe('Book now');

    await messages.load('de');
    expect(messages.shown('de')).toBe('de');
    expect(messages.texts('de').bookNow).toBe('Jetzt buchen');
    // Only what was asked for: another language still waits for its own chunk.
    expect(messages.shown('fr')).toBe('en');
  });
});
