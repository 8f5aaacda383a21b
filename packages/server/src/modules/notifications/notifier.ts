import type { Db, Tx } from '../../db/database.js';
import type { ChannelConfig } from './adapters.js';
import * as repo from './notifications.repository.js';

type Label = { zh: string; en: string };

/** One notification to write. Exactly one recipient: a user, or a person record. */
export interface NotificationInput {
  recipient: { userId: string } | { personId: string };
  kind: string;
  title: Label;
  body?: Label;
  link?: string | null;
  entity?: { type: string; id: string } | null;
  /** The region it concerns (the reader's scope must hold it). */
  regionCode: string;
  jobRunId?: string | null;
  data?: Record<string, unknown>;
}

export interface DeliveryReport {
  emailSent: number;
  smsSent: number;
  failed: number;
}

/**
 * How the app tells people. In-app delivery is part of the caller's transaction (a notification
 * exists exactly when the change that caused it does); the external channels run after the commit,
 * best effort, each attempt logged in notification_delivery.
 */
export interface Notifier {
  notify(trx: Tx, items: NotificationInput[]): Promise<string[]>;
  deliverExternal(db: Db, ids: string[]): Promise<DeliveryReport>;
  /** Whether e-mail / SMS adapters are switched on. */
  readonly channels: { email: boolean; sms: boolean };
}

const MAX_SMS = 300;

export function createNotifier(cfg: ChannelConfig): Notifier {
  return {
    channels: { email: cfg.email !== null, sms: cfg.sms !== null },

    async notify(trx, items) {
      return repo.insertNotifications(
        trx,
        items.map((i) => ({
          recipientUserId: 'userId' in i.recipient ? i.recipient.userId : null,
          recipientPersonId: 'personId' in i.recipient ? i.recipient.personId : null,
          kind: i.kind,
          titleZh: i.title.zh,
          titleEn: i.title.en,
          bodyZh: i.body?.zh ?? '',
          bodyEn: i.body?.en ?? '',
          link: i.link ?? null,
          entityType: i.entity?.type ?? null,
          entityId: i.entity?.id ?? null,
          regionCode: i.regionCode,
          dedupeKey: null,
          data: i.data ?? {},
          jobRunId: i.jobRunId ?? null,
        })),
      );
    },

    async deliverExternal(db, ids) {
      const report: DeliveryReport = { emailSent: 0, smsSent: 0, failed: 0 };
      if (!cfg.email && !cfg.sms) return report;
      const targets = await repo.externalTargets(db, ids);
      const log: Parameters<typeof repo.recordDeliveries>[1] = [];
      for (const t of targets) {
        const adapter = t.channel === 'email' ? cfg.email : cfg.sms;
        if (!adapter) continue;
        const link = t.link ? (cfg.appUrl ? cfg.appUrl + t.link : t.link) : null;
        try {
          if (t.channel === 'email') {
            const text = [t.title_zh, ...(t.body_zh ? [t.body_zh] : []), '', t.title_en, ...(t.body_en ? [t.body_en] : []), ...(link ? ['', link] : [])].join('\n');
            await cfg.email!.send({ to: t.address, subject: `${t.title_zh} / ${t.title_en}`, text });
          } else {
            const text = `【矿产资源执法监管平台】${t.title_zh}${t.body_zh ? '：' + t.body_zh : ''}${link && cfg.appUrl ? ' ' + link : ''}`;
            await cfg.sms!.send({ to: t.address, text: text.length > MAX_SMS ? text.slice(0, MAX_SMS - 1) + '…' : text });
          }
          if (t.channel === 'email') report.emailSent++;
          else report.smsSent++;
          log.push({ notificationId: t.notification_id, channel: t.channel, adapter: adapter.name, address: t.address, status: 'sent', error: null });
        } catch (err) {
          report.failed++;
          log.push({ notificationId: t.notification_id, channel: t.channel, adapter: adapter.name, address: t.address, status: 'failed', error: (err as Error).message.slice(0, 500) });
        }
      }
      await repo.recordDeliveries(db, log);
      return report;
    },
  };
}
