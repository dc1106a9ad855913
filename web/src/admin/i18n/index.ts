import { LANGUAGES, type Language } from '../../../../shared/constants.ts';
import type { RoomStatus } from '../../../../shared/model.ts';
import { MESSAGES } from '../../i18n/index.ts';
import type { AdminProblemCode } from '../admin-api.ts';
import { ar } from './ar.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';
import type { AdminMessages } from './messages.ts';
import { nl } from './nl.ts';

/** The admin page's texts, with a text for every error code (the admin's own wording, else the display's) and the display's status words. */
export type AdminTexts = Omit<AdminMessages, 'errors'> & { errors: Record<AdminProblemCode, string>; roomStatuses: Record<RoomStatus, string> };

const OWN: Record<Language, AdminMessages> = { en, de, fr, nl, es, ja, ar };

export const ADMIN_MESSAGES = Object.fromEntries(
  LANGUAGES.map((language) => [language, { ...OWN[language], roomStatuses: MESSAGES[language].status, errors: { ...MESSAGES[language].errors, ...OWN[language].errors } }]),
) as Record<Language, AdminTexts>;

export { LANGUAGE_NAMES } from '../../i18n/language-names.ts';

export type { AdminMessages };
