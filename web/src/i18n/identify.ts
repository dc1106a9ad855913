import type { Language } from '../../../shared/constants.ts';

/** What a display says when an admin asks which screen it is; loaded with that overlay only, never with the display. */
export interface IdentifyMessages {
  /** The overlay's accessible name. */
  thisDisplay: string;
  inRoom: (room: string) => string;
  pairingCode: string;
  askedByAdmin: (seconds: string) => string;
}

export const IDENTIFY_MESSAGES: Record<Language, IdentifyMessages> = {
  en: { thisDisplay: 'This display', inRoom: (room) => `Shows ${room}`, pairingCode: 'Pairing code', askedByAdmin: (seconds) => `Shown for ${seconds} s because an admin asked which screen this is.` },
  de: { thisDisplay: 'Dieses Display', inRoom: (room) => `Zeigt ${room}`, pairingCode: 'Kopplungscode', askedByAdmin: (seconds) => `${seconds} s lang gezeigt, weil ein Admin gefragt hat, welcher Bildschirm das ist.` },
  fr: { thisDisplay: 'Cet écran', inRoom: (room) => `Affiche ${room}`, pairingCode: 'Code d’association', askedByAdmin: (seconds) => `Affiché ${seconds} s parce qu’un administrateur a demandé quel écran c’est.` },
  nl: { thisDisplay: 'Dit scherm', inRoom: (room) => `Toont ${room}`, pairingCode: 'Koppelcode', askedByAdmin: (seconds) => `${seconds} s getoond omdat een beheerder vroeg welk scherm dit is.` },
  es: { thisDisplay: 'Esta pantalla', inRoom: (room) => `Muestra ${room}`, pairingCode: 'Código de vinculación', askedByAdmin: (seconds) => `Se muestra ${seconds} s porque un administrador preguntó qué pantalla es esta.` },
  ja: { thisDisplay: 'このディスプレイ', inRoom: (room) => `${room} を表示中`, pairingCode: 'ペアリングコード', askedByAdmin: (seconds) => `管理者がどの画面かを確認したため ${seconds} 秒間表示しています。` },
  ar: { thisDisplay: 'هذه الشاشة', inRoom: (room) => `تعرض ${room}`, pairingCode: 'رمز الإقران', askedByAdmin: (seconds) => `تُعرض ${seconds} ث لأن مسؤولًا سأل عن هذه الشاشة.` },
};
