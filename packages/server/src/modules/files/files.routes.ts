import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FILE_PURPOSES, FILE_SIZE_LIMIT, fileUploadResultSchema, regionCodeSchema } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import { AppError } from '../../errors.js';
import { parseFields } from '../../read-upload.js';
import { FileStore, type Received } from './files.store.js';
import * as service from './files.service.js';

const tags = ['files'];
/** No upload of any purpose may exceed this; the purpose's own limit is checked once the fields are read. */
const HARD_LIMIT = Math.max(...Object.values(FILE_SIZE_LIMIT));

// Browsers send the file name as raw UTF-8 (busboy reads it as latin1 unless told). throwFileSizeLimit
// is read by @fastify/multipart at run time but missing from its option type; off, an oversize file
// is reported with the limit of its purpose instead of a generic 413.
const PART_OPTIONS = { defParamCharset: 'utf8', limits: { fileSize: HARD_LIMIT + 1, files: 1, fields: 10 }, throwFileSizeLimit: false } as { defParamCharset: string; limits: { fileSize: number; files: number; fields: number } };

const uploadFields = z.strictObject({
  purpose: z.enum(FILE_PURPOSES),
  regionCode: regionCodeSchema.optional(),
});

/**
 * The store under `dir`; without one (tests, tools) a private temporary directory that is removed
 * when the app closes. main.ts always passes `<DATA_DIR>/files`.
 */
export async function openFileStore(app: FastifyInstance, dir: string | undefined): Promise<FileStore> {
  if (dir) {
    await mkdir(dir, { recursive: true });
    return new FileStore(path.resolve(dir));
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'minewatch-files-'));
  app.addHook('onClose', async () => rm(tmp, { recursive: true, force: true }));
  return new FileStore(tmp);
}

/** RFC 6266 / RFC 5987: an ASCII fallback plus the exact UTF-8 name (Chinese names survive). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const utf8 = encodeURIComponent(name).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

const INLINE = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);

export function filesRoutes(app: FastifyInstance, db: Db, store: FileStore): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/files', {
    schema: {
      tags,
      summary: `Upload one file (multipart: purpose = photo|document, optional regionCode, file). Type told by content: photos JPEG/PNG/WebP/HEIC up to ${FILE_SIZE_LIMIT.photo / 1024 / 1024} MiB; documents also PDF/DOCX/XLSX/OFD up to ${FILE_SIZE_LIMIT.document / 1024 / 1024} MiB. 201 new, 200 when the same bytes were already stored for the region`,
      consumes: ['multipart/form-data'],
      response: { 200: fileUploadResultSchema, 201: fileUploadResultSchema },
    },
  }, async (req, reply) => {
    const actor = authorize(req, 'file.write');
    if (!req.isMultipart()) throw new AppError('VALIDATION', 'send the file as multipart/form-data', [{ path: 'body', message: 'multipart/form-data expected' }]);
    const fields: Record<string, string> = {};
    let received: Received | null = null;
    let fileName = '';
    try {
      for await (const part of req.parts(PART_OPTIONS)) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') throw new AppError('VALIDATION', `the file must be sent in the field "file", not "${part.fieldname}"`, [{ path: 'body.file', message: 'required' }]);
          fileName = part.filename ?? '';
          received = await store.receive(part.file, HARD_LIMIT);
          if (part.file.truncated) received.truncated = true;
        } else fields[part.fieldname] = String(part.value);
      }
      if (!received) throw new AppError('VALIDATION', 'no file uploaded', [{ path: 'body.file', message: 'required' }]);
      const { file, created } = await service.uploadFile(db, store, actor, parseFields(uploadFields, fields), fileName, received);
      received = null; // the service disposed of it
      return reply.code(created ? 201 : 200).send(file);
    } finally {
      await store.discard(received);
    }
  });

  r.get('/api/files/:id', {
    schema: {
      tags,
      summary: 'The bytes of a file in your region (ETag = its SHA-256; If-None-Match answers 304)',
      params: z.strictObject({ id: z.uuid() }),
      produces: ['application/octet-stream'],
    },
  }, async (req, reply) => {
    const row = await service.getFile(db, authorize(req, 'file.read'), req.params.id);
    const etag = `"${row.sha256}"`;
    reply.header('etag', etag);
    reply.header('cache-control', 'private, max-age=86400');
    reply.header('x-content-type-options', 'nosniff');
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
    reply.header('content-type', row.mime);
    reply.header('content-length', String(row.size));
    reply.header('content-disposition', contentDisposition(INLINE.has(row.mime) ? 'inline' : 'attachment', row.original_name));
    // a row whose bytes are gone is our fault (disk lost or edited by hand): a 500 that names it in the log
    if (!(await store.has(row.sha256))) throw new Error(`the bytes of file ${row.id} (sha256 ${row.sha256}) are missing from ${store.root}`);
    return reply.send(store.open(row.sha256));
  });
}
