import type { Language } from '../../../../../shared/constants.ts';
import { ar } from './ar.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';
import type { InsightsMessages } from './messages.ts';
import { nl } from './nl.ts';

/** The Insights section's texts, in its own chunk with it. */
export const INSIGHTS_MESSAGES: Record<Language, InsightsMessages> = { en, de, fr, nl, es, ja, ar };

export type { InsightsMessages };
