/**
 * Region-scope classification of the notification centre, picked up by test/scope-matrix.test.ts.
 * The fixture makes a real notification: an overdue problem in the region and an overdue run by the
 * region's office, which notifies that office.
 */
import { campaign001 } from '@minewatch/core';
import type { ScopeModule } from './scope-spec.js';
import { campaignData, matrixKey } from './campaign-data.js';

const items = (b: any) => (b.items as { regionCode: string }[]).map((x) => x.regionCode);
const channels = { email: 'matrix@example.cn', emailEnabled: true, sms: null, smsEnabled: false };

export const scope: ScopeModule = {
  tables: ['notification', 'notification_channel', 'job_run'],
  routes: {
    'GET /api/notifications': { kind: 'list', plain: () => ['/api/notifications', '/api/notifications?unread=true&limit=200'], regionsOf: items, ok: 200 },
    'POST /api/notifications/{id}/read': { kind: 'write', variants: (f) => [{ url: `/api/notifications/${f.x.nfNotificationId}/read` }], ok: 200 },
    'POST /api/notifications/read-all': { kind: 'write', variants: (f) => [{ url: '/api/notifications/read-all', payload: { upToId: f.x.nfNotificationId } }], ok: 200 },
    'GET /api/notifications/channels/{userId}': { kind: 'read', variants: (f) => [{ url: `/api/notifications/channels/${f.x.nfUserId}` }], ok: 200 },
    'PUT /api/notifications/channels/{userId}': { kind: 'write', variants: (f) => [{ url: `/api/notifications/channels/${f.x.nfUserId}`, payload: channels }], ok: 200 },
  },

  async fixture(ctx, f, user) {
    const me = await ctx.send(ctx.as(user), 'GET', { url: '/api/auth/me' });
    const campaign = await ctx.send(ctx.as(user), 'POST', { url: '/api/campaigns', payload: campaignData(campaign001, f.region, matrixKey('nf'), `通知矩阵行动${ctx.uniq()}`) });
    if (campaign.statusCode !== 201) throw new Error(`notification fixture campaign: ${campaign.statusCode} ${campaign.body}`);
    const type = (campaign.json().data.taxonomy as { code: string; hazardLedger: string | null }[]).find((t) => !t.hazardLedger)!.code;
    const problem = await ctx.send(ctx.as(user), 'POST', {
      url: '/api/problems',
      payload: { campaignId: campaign.json().id, regionCode: f.county, enterprise: `通知矩阵超期矿点${ctx.uniq()}`, typeCode: type, description: '矩阵测试：超期未整改', measures: '取缔', foundOn: '2022-05-01', deadline: '2022-06-01', responsibleUnitId: f.unitId, source: 'survey' },
    });
    if (problem.statusCode !== 201) throw new Error(`notification fixture problem: ${problem.statusCode} ${problem.body}`);
    const run = await ctx.send(ctx.as(user), 'POST', { url: '/api/jobs/overdue/run', payload: { regionCode: f.region } });
    if (run.statusCode !== 200) throw new Error(`notification fixture run: ${run.statusCode} ${run.body}`);
    const list = await ctx.send(ctx.as(user), 'GET', { url: '/api/notifications' });
    const note = (list.json().items as { id: string }[])[0];
    if (!note) throw new Error(`notification fixture: no notification for ${user}: ${list.body}`);
    return { ids: { nfNotificationId: note.id, nfUserId: me.json().userId } };
  },
};
