import type { BuildingMessages } from './messages.ts';

export const ar: BuildingMessages = {
  pageTitle: 'الغرف في لمحة',
  freeNow: (count) => `متاحة الآن (${count})`,
  noBuilding: 'غرف أخرى',
  floor: (floor) => `الطابق ${floor}`,
  noFloor: 'الطابق غير محدد',
  noRooms: 'لا يدير هذا الجسر أي غرفة بعد.',
  noneFreeNow: 'لا توجد غرفة متاحة الآن.',
  mayBeOutOfDate: 'قد لا تكون الحالات المعروضة محدّثة.',
  freeRoomsNearby: 'غرف متاحة قريبة',
  looking: 'جارٍ البحث عن غرف متاحة…',
  noFreeRoomNearby: 'لا توجد غرفة أخرى متاحة الآن.',
  needsConnection: 'يحتاج البحث عن غرفة متاحة إلى الاتصال بالجسر. حاول مرة أخرى عندما تعود هذه الشاشة إلى الاتصال.',
  allFreeRooms: 'كل الغرف المتاحة',
  shownOnItsOwnDisplay: 'تظهر اجتماعات هذه الغرفة على شاشتها فقط.',
  close: 'إغلاق',
};
