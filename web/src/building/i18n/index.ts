import type { Language } from '../../../../shared/constants.ts';
import { ar } from './ar.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';
import type { BuildingMessages } from './messages.ts';
import { nl } from './nl.ts';

export type { BuildingMessages };

export const BUILDING_MESSAGES: Record<Language, BuildingMessages> = { en, de, fr, nl, es, ja, ar };
