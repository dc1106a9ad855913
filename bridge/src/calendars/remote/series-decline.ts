import type { Language } from '../../../../shared/constants.ts';

/**
 * A recurring series the room gives up after no-shows in a row, queued in
 * the outbox like a walk-up change: `seriesId` is its series' id in the
 * room's calendar (an occurrence's `seriesId`), `comment` what the organizer reads, worded when
 * it was queued.
 */
export interface SeriesDecline {
  kind: 'decline-series';
  seriesId: string;
  comment: string;
}

/** The outbox files a series' change under this key, never a meeting's id: a sync forgetting an occurrence must not drop it. */
export function seriesOutboxKey(seriesId: string): string {
  return `series:${seriesId}`;
}

/** What the organizer reads with the room's decline, in the room's language. */
export function seriesDeclineComment(language: Language, roomName: string, noShows: number): string {
  const text: Record<Language, string> = {
    en: `Released by Lintel: nobody checked in to the last ${noShows} occurrences in ${roomName}. Book again if you still need the room.`,
    de: `Von Lintel freigegeben: Zu den letzten ${noShows} Terminen in ${roomName} hat niemand eingecheckt. Buchen Sie erneut, wenn Sie den Raum noch brauchen.`,
    fr: `Libérée par Lintel : personne ne s'est enregistré aux ${noShows} dernières occurrences dans ${roomName}. Réservez à nouveau si vous avez encore besoin de la salle.`,
    nl: `Vrijgegeven door Lintel: bij de laatste ${noShows} keren in ${roomName} heeft niemand ingecheckt. Boek opnieuw als u de ruimte nog nodig hebt.`,
    es: `Liberada por Lintel: nadie registró su llegada en las últimas ${noShows} repeticiones en ${roomName}. Vuelva a reservar si todavía necesita la sala.`,
    ja: `Lintel により解放されました: ${roomName} での直近 ${noShows} 回、誰もチェックインしませんでした。引き続き会議室が必要な場合は、もう一度予約してください。`,
    ar: `حرّرها Lintel: لم يسجّل أحد حضوره في آخر ${noShows} مرات في ${roomName}. احجز مجددًا إن كنت لا تزال بحاجة إلى الغرفة.`,
  };
  return text[language];
}
