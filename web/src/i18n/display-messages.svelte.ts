import type { Language } from '../../../shared/constants.ts';
import { en } from './en.ts';
import type { Messages } from './messages.ts';

/**
 * Each language but English in a chunk of its own: a display speaks one
 * language, so it fetches only that one. The service worker precaches every
 * chunk, so an offline display still has its room's language.
 */
const CHUNKS: Record<Exclude<Language, 'en'>, () => Promise<Messages>> = {
  de: async () => (await import('./de.ts')).de,
  fr: async () => (await import('./fr.ts')).fr,
  nl: async () => (await import('./nl.ts')).nl,
  es: async () => (await import('./es.ts')).es,
  ja: async () => (await import('./ja.ts')).ja,
  ar: async () => (await import('./ar.ts')).ar,
};

/**
 * The display's texts. English is in the display's first chunk and shows at
 * once; another language shows from the moment its chunk has come, English
 * until then (rather than nothing, which a display at its room must never be).
 */
export class DisplayMessages {
  #loaded = $state.raw<Partial<Record<Language, Messages>>>({ en });
  /** Not reactive: an effect that asks for a language must not run again because the answer came. */
  readonly #loading: Partial<Record<Language, Promise<void>>> = {};

  /** The language on screen for `wanted`: itself once loaded, else English. */
  shown(wanted: Language): Language {
    return this.#loaded[wanted] ? wanted : 'en';
  }

  /** The texts of `language`, English until they have come. */
  texts(language: Language): Messages {
    return this.#loaded[language] ?? en;
  }

  /** Fetches `language`'s texts once; resolves when they are in, or could not be had (English stays, and a later call tries again). */
  load(language: Language): Promise<void> {
    if (language === 'en') return Promise.resolve();
    return (this.#loading[language] ??= this.#fetch(language));
  }

  async #fetch(language: Exclude<Language, 'en'>): Promise<void> {
    try {
      const messages = await CHUNKS[language]();
      this.#loaded = { ...this.#loaded, [language]: messages };
    } catch (error) {
      this.#loading[language] = undefined;
      console.error(`Lintel could not load the display's texts in ${language}; it shows English meanwhile`, error);
    }
  }
}
