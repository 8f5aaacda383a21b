import { useCallback } from 'react';
import { useI18n } from '../../i18n';

/** UI text of the notification centre and the bell, Chinese first with English (kept with the chunk). */
const TEXT = {
  'title': { zh: '消息通知', en: 'Notifications' },
  'bell': { zh: '消息通知（{n} 条未读）', en: 'Notifications ({n} unread)' },
  'unreadOnly': { zh: '只看未读', en: 'Unread only' },
  'readAll': { zh: '全部标为已读', en: 'Mark all read' },
  'readAllDone': { zh: '已将 {n} 条标为已读', en: '{n} marked read' },
  'markRead': { zh: '标为已读', en: 'Mark read' },
  'open': { zh: '查看', en: 'Open' },
  'empty': { zh: '暂无消息', en: 'No notifications' },
  'emptyUnread': { zh: '没有未读消息', en: 'Nothing unread' },
  'unread': { zh: '未读', en: 'Unread' },
  'items': { zh: '{n} 项', en: '{n} items' },
  'summary': { zh: '共 {total} 条，{unread} 条未读', en: '{total} in all, {unread} unread' },
  'channels.title': { zh: '站外提醒（邮件、短信）', en: 'Outside the app (e-mail, SMS)' },
  'channels.intro': {
    zh: '消息始终在平台内提醒。如服务器已开通邮件或短信，可同时发送到下列地址。',
    en: 'Notifications always appear here. Where the server has e-mail or SMS switched on, they also go to the addresses below.',
  },
  'channels.email': { zh: '电子邮箱', en: 'E-mail address' },
  'channels.emailOn': { zh: '发送邮件', en: 'Send e-mail' },
  'channels.sms': { zh: '短信号码', en: 'SMS number' },
  'channels.smsHelp': { zh: '不填则使用人员信息中的电话：{phone}', en: 'Empty: the phone on your person record: {phone}' },
  'channels.smsHelpNone': { zh: '人员信息中没有电话，请填写号码', en: 'Your person record has no phone: give a number' },
  'channels.smsOn': { zh: '发送短信', en: 'Send SMS' },
  'channels.off': { zh: '服务器未开通{what}，设置会保存但不会发送', en: 'The server has {what} switched off: settings are kept but nothing is sent' },
  'channels.emailWord': { zh: '邮件', en: 'e-mail' },
  'channels.smsWord': { zh: '短信', en: 'SMS' },
  'channels.saved': { zh: '已保存', en: 'Saved' },
  'channels.emailRequired': { zh: '开启邮件须填写邮箱', en: 'Give an address to switch e-mail on' },
  'channels.emailInvalid': { zh: '邮箱格式不正确', en: 'Not an e-mail address' },
  'channels.smsInvalid': { zh: '号码只能包含数字，可以 + 开头', en: 'Digits only, optionally starting with +' },
} as const;

export type NotificationsTextKey = keyof typeof TEXT;
export type NotificationsT = (key: NotificationsTextKey, vars?: Record<string, string | number>) => string;

export function useNotificationsText(): NotificationsT {
  const { lang } = useI18n();
  return useCallback(
    (key, vars) => {
      let s: string = TEXT[key][lang];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    },
    [lang],
  );
}
