import type { ProblemMessages } from './messages.ts';

export const ja: ProblemMessages = {
  whatIsWrong: 'どのような問題ですか？',
  kinds: { screen: '画面', video: 'ビデオ', sound: '音声', climate: '空調', cleanliness: '清掃', other: 'その他' },
  noteLabel: 'メモ（任意）',
  send: '送信',
  sending: '送信中…',
  thanks: 'ありがとうございます。施設管理担当者に伝えました。',
  queued: 'ディスプレイがオンラインに戻ったら送信します。',
  notSent: (reason) => `送信できませんでした：${reason}`,
  close: '閉じる',
};
