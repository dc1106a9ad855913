import type { BuildingMessages } from './messages.ts';

export const ja: BuildingMessages = {
  pageTitle: '会議室の一覧',
  freeNow: (count) => `現在空室（${count}）`,
  noBuilding: 'その他の会議室',
  floor: (floor) => `${floor}階`,
  noFloor: '階数未設定',
  noRooms: 'このブリッジにはまだ会議室がありません。',
  noneFreeNow: '現在空いている会議室はありません。',
  mayBeOutOfDate: '表示中の状況は最新でない可能性があります。',
  freeRoomsNearby: '近くの空き会議室',
  looking: '空き会議室を検索しています…',
  noFreeRoomNearby: '現在ほかに空いている会議室はありません。',
  needsConnection: '空き会議室を探すにはブリッジへの接続が必要です。このディスプレイがオンラインに戻ったら、もう一度お試しください。',
  allFreeRooms: '空き会議室の一覧',
  shownOnItsOwnDisplay: 'この会議室の予定は、その会議室の画面にだけ表示されます。',
  close: '閉じる',
};
