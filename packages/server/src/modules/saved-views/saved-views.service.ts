import { SAVED_VIEW_LIMIT, type Action, type SavedView, type SavedViewInput, type SavedViewList, type SavedViewPage } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { changeWithAudit } from '../../db/transaction.js';
import type { Actor } from '../../auth/actor.js';
import { invalid, notFound } from '../../errors.js';
import * as repo from './saved-views.repository.js';

/**
 * Saved views (保存的视图) are the caller's own: listed, saved and deleted only by the user who keeps
 * them, whatever their role. Keeping a view of a page needs the right to read that page's list.
 */
export const PAGE_ACTION: Record<SavedViewPage, Action> = { ledger: 'problem.read' };

const toView = (r: repo.SavedViewRow): SavedView => ({
  id: r.id,
  page: r.page as SavedViewPage,
  name: r.name,
  query: r.query,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});
const snapshot = (r: repo.SavedViewRow) => ({ page: r.page, name: r.name, query: r.query });

export async function listViews(db: Db, actor: Actor, page: SavedViewPage): Promise<SavedViewList> {
  return { items: (await repo.listOf(db, actor.userId, page)).map(toView), limit: SAVED_VIEW_LIMIT };
}

/** Saves a view under its name, replacing the query of the caller's view of that page and name; a new name counts against the limit. */
export async function saveView(db: Db, actor: Actor, v: SavedViewInput): Promise<SavedView> {
  return changeWithAudit(db, actor, async (trx) => {
    await repo.lockUser(trx, actor.userId);
    const before = await repo.byName(trx, actor.userId, v.page, v.name);
    if (!before && (await repo.countOf(trx, actor.userId, v.page)) >= SAVED_VIEW_LIMIT) {
      throw invalid(
        'body.name',
        `每页最多保存 ${SAVED_VIEW_LIMIT} 个视图，请先删除不用的视图，或以已有视图的名称保存以替换它 (you already keep ${SAVED_VIEW_LIMIT} saved views of this page: delete one first, or save under an existing name to replace it)`,
      );
    }
    const saved = await repo.upsert(trx, { userId: actor.userId, page: v.page, name: v.name, query: v.query });
    return {
      result: toView(saved),
      audit: [{ action: 'view.save', entityType: 'saved_view', entityId: saved.id, regionCode: actor.regionCode, before: before ? snapshot(before) : null, after: snapshot(saved) }],
    };
  });
}

/** Deletes one of the caller's views; another user's view is "not found", as if it did not exist. */
export async function deleteView(db: Db, actor: Actor, id: string): Promise<void> {
  await changeWithAudit(db, actor, async (trx) => {
    const row = await repo.ownForUpdate(trx, actor.userId, id);
    if (!row) throw notFound('saved view');
    await repo.remove(trx, row.id);
    return { result: null, audit: [{ action: 'view.delete', entityType: 'saved_view', entityId: row.id, regionCode: actor.regionCode, before: snapshot(row), after: null }] };
  });
}
