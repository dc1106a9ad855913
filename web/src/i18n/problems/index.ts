import type { Language } from '../../../../shared/constants.ts';
import { ar } from './ar.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';
import type { ProblemMessages } from './messages.ts';
import { nl } from './nl.ts';

export type { ProblemMessages };

export const PROBLEM_MESSAGES: Record<Language, ProblemMessages> = { en, de, fr, nl, es, ja, ar };
