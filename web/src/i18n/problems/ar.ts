import type { ProblemMessages } from './messages.ts';

export const ar: ProblemMessages = {
  whatIsWrong: 'ما المشكلة؟',
  kinds: { screen: 'الشاشة', video: 'الفيديو', sound: 'الصوت', climate: 'التكييف', cleanliness: 'النظافة', other: 'أخرى' },
  noteLabel: 'ملاحظة (اختيارية)',
  send: 'إرسال',
  sending: 'جارٍ الإرسال…',
  thanks: 'شكرًا — تمّ إبلاغ فريق المرافق.',
  queued: 'سيُرسل عند عودة الشاشة إلى الاتصال.',
  notSent: (reason) => `لم يُرسل: ${reason}`,
  close: 'إغلاق',
};
