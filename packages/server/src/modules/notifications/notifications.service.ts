import type { Notification, NotificationChannels, NotificationChannelsInput, NotificationList } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { changeWithAudit } from '../../db/transaction.js';
import type { Actor } from '../../auth/actor.js';
import { AppError, notFound } from '../../errors.js';
import type { Notifier } from './notifier.js';
import * as repo from './notifications.repository.js';

/** Notification centre use cases: the caller's own notifications (as a user and as the person they act for). */

export function toNotification(r: repo.NotificationRow): Notification {
  return {
    id: r.id,
    kind: r.kind,
    title: { zh: r.title_zh, en: r.title_en },
    body: { zh: r.body_zh, en: r.body_en },
    link: r.link,
    entityType: r.entity_type,
    entityId: r.entity_id,
    regionCode: r.region_code,
    itemCount: r.item_count,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    readAt: r.read_at ? r.read_at.toISOString() : null,
  };
}

export async function listMine(db: Db, actor: Actor, q: { unread?: boolean | undefined; limit: number; offset: number }): Promise<NotificationList> {
  const me = await repo.recipientOf(db, actor.userId);
  const { rows, total, unread } = await repo.listMine(db, actor.scope, me, q);
  return { items: rows.map(toNotification), total, unread };
}

/** Marks one notification read (a notification already read is answered as it is, nothing written). */
export async function markRead(db: Db, actor: Actor, id: string): Promise<Notification> {
  const me = await repo.recipientOf(db, actor.userId);
  const seen = await repo.getMine(db, actor.scope, me, id);
  if (!seen) throw notFound('notification');
  if (seen.read_at) return toNotification(seen);
  return changeWithAudit(db, actor, async (trx) => {
    const row = await repo.getMine(trx, actor.scope, me, id, { forUpdate: true });
    if (!row) throw notFound('notification');
    const updated = (await repo.markRead(trx, id, new Date())) ?? row;
    return {
      result: toNotification(updated),
      audit: [{ action: 'notification.read', entityType: 'notification', entityId: id, regionCode: row.region_code, after: { readAt: updated.read_at } }],
    };
  });
}

/** Marks read every unread notification of the caller up to the one given (by last update). */
export async function markAllRead(db: Db, actor: Actor, upToId: string): Promise<{ marked: number; unread: number }> {
  const me = await repo.recipientOf(db, actor.userId);
  const upTo = await repo.getMine(db, actor.scope, me, upToId);
  if (!upTo) throw notFound('notification');
  const marked = await changeWithAudit(db, actor, async (trx) => {
    const done = await repo.markReadUpTo(trx, actor.scope, me, upTo.id, new Date());
    return {
      result: done.length,
      // One event for the whole action: which rows, so each notification's read is traceable.
      audit: [{ action: 'notification.read', entityType: 'notification', entityId: upTo.id, regionCode: upTo.region_code, after: { readAll: true, count: done.length, ids: done.map((d) => d.id) } }],
    };
  });
  const { unread } = await repo.listMine(db, actor.scope, me, { limit: 1, offset: 0 });
  return { marked, unread };
}

// ---------- channels ----------

/**
 * Who may see and set a user's channels: the user, or an office / the admin whose region holds the
 * user. Anyone else in scope is refused; a user out of scope is not found.
 */
async function channelTarget(db: Db, actor: Actor, userId: string) {
  const user = await repo.getUserInScope(db, actor.scope, userId);
  if (!user) throw notFound('user');
  if (user.id !== actor.userId && actor.role !== 'admin' && actor.role !== 'office') {
    throw new AppError('FORBIDDEN', 'Only the user or the office of the region sets where notifications go');
  }
  return user;
}

async function channelsView(db: Db, user: { id: string; person_phone: string | null }, notifier: Notifier): Promise<NotificationChannels> {
  const rows = await repo.channelsOf(db, user.id);
  const email = rows.find((r) => r.channel === 'email');
  const sms = rows.find((r) => r.channel === 'sms');
  return {
    userId: user.id,
    email: email?.address || null,
    emailEnabled: email?.enabled ?? false,
    sms: sms?.address || null,
    smsEnabled: sms?.enabled ?? false,
    personPhone: user.person_phone,
    emailAvailable: notifier.channels.email,
    smsAvailable: notifier.channels.sms,
  };
}

export async function getChannels(db: Db, actor: Actor, userId: string, notifier: Notifier): Promise<NotificationChannels> {
  return channelsView(db, await channelTarget(db, actor, userId), notifier);
}

export async function setChannels(db: Db, actor: Actor, userId: string, input: NotificationChannelsInput, notifier: Notifier): Promise<NotificationChannels> {
  const user = await channelTarget(db, actor, userId);
  if (input.emailEnabled && !input.email) throw new AppError('VALIDATION', 'body.email: give an address to turn e-mail on', [{ path: 'body.email', message: 'give an address to turn e-mail on' }]);
  if (input.smsEnabled && !input.sms && !user.person_phone) {
    throw new AppError('VALIDATION', 'body.sms: give a number (the person record has no phone)', [{ path: 'body.sms', message: 'give a number: the person record has no phone' }]);
  }
  await changeWithAudit(db, actor, async (trx) => {
    await repo.setChannel(trx, user.id, 'email', input.email, input.emailEnabled);
    await repo.setChannel(trx, user.id, 'sms', input.sms, input.smsEnabled);
    return {
      result: null,
      audit: [{ action: 'notification.channels', entityType: 'user', entityId: user.id, regionCode: user.region_code, after: { email: input.email, emailEnabled: input.emailEnabled, sms: input.sms, smsEnabled: input.smsEnabled } }],
    };
  });
  return channelsView(db, user, notifier);
}
