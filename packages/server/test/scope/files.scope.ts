/** Region-scope classification of the files routes and site attachments, picked up by test/scope-matrix.test.ts. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Fx, ScopeCtx, ScopeModule, Variant } from './scope-spec.js';

const PNG = readFileSync(new URL('../fixtures/photo-no-exif.png', import.meta.url));
/** A PNG with a random trailer: other bytes each time, so no upload is answered as a duplicate. */
const freshPng = () => Buffer.concat([PNG, randomBytes(16)]);
const photo = (regionCode: string): Variant => ({ url: '/api/files', form: { fields: { purpose: 'photo', regionCode }, file: { name: `矩阵照片${randomBytes(3).toString('hex')}.png`, bytes: freshPng() } } });

export const scope: ScopeModule = {
  tables: ['file', 'site_attachment'],
  routes: {
    'POST /api/files': {
      kind: 'write',
      variants: (f) => [photo(f.region), photo(f.village)],
      ok: 201,
    },
    'GET /api/files/{id}': {
      kind: 'read',
      variants: (f) => [{ url: `/api/files/${f.x.flFileId}` }, { url: `/api/files/${f.x.flAttachedFileId}` }],
      binary: true,
      ok: 200,
    },
    'GET /api/sites/{id}/attachments': {
      kind: 'read',
      variants: (f) => [{ url: `/api/sites/${f.siteId}/attachments` }],
      ok: 200,
    },
    'POST /api/sites/{id}/attachments': {
      kind: 'write',
      variants: (f, me) => [
        { url: `/api/sites/${f.siteId}/attachments`, payload: { fileId: f.x.flFileId, role: 'photo', caption: '矩阵附件' } },
        // the caller's own site with a file of another region (the same request in the positive control)
        { url: `/api/sites/${me.siteId}/attachments`, payload: { fileId: f.x.flFileId, role: 'photo', caption: '矩阵附件' } },
      ],
      ok: 201,
    },
  },

  /** Two photos kept for the region of the matrix site: one left free for the attach route, one attached with a caption. */
  async fixture(ctx: ScopeCtx, f: Fx, user) {
    const as = ctx.as(user);
    const tag = user === 'dehong.office' ? '德宏' : '克岚';
    const upload = async (name: string) => {
      const res = await ctx.send(as, 'POST', { url: '/api/files', form: { fields: { purpose: 'photo', regionCode: f.county }, file: { name, bytes: freshPng() } } });
      if (res.statusCode !== 201) throw new Error(`files fixture: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    };
    const freeName = `${tag}矩阵现场照片${ctx.uniq()}.png`;
    const attachedName = `${tag}矩阵井口照片${ctx.uniq()}.png`;
    const caption = `${tag}矩阵照片说明${ctx.uniq()}`;
    const flFileId = await upload(freeName);
    const flAttachedFileId = await upload(attachedName);
    const res = await ctx.send(as, 'POST', { url: `/api/sites/${f.siteId}/attachments`, payload: { fileId: flAttachedFileId, role: 'photo', caption } });
    if (res.statusCode !== 201) throw new Error(`files fixture attach: ${res.statusCode} ${res.body}`);
    return { ids: { flFileId, flAttachedFileId }, leaks: [freeName, attachedName, caption] };
  },
};
