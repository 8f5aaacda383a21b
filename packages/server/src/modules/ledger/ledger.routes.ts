import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MIME_XLSX, PROBLEM_SOURCES, ledgerCommitResultSchema, ledgerCommitSchema, ledgerPreviewSchema, problemFilterQuerySchema } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import { AppError } from '../../errors.js';
import { contentDisposition } from '../files/files.routes.js';
import * as service from './ledger.service.js';

const tags = ['ledger'];
const idParams = z.strictObject({ id: z.uuid() });
/** Largest 附件1 workbook accepted (a 100,000-row ledger is about 10 MiB). */
export const LEDGER_FILE_LIMIT = 100 * 1024 * 1024;

const importFields = z.strictObject({
  /** The day the problems were found (排查); default today. Deadlines before it are refused. */
  foundOn: z.iso.date().optional(),
  source: z.enum(PROBLEM_SOURCES).optional(),
});

export function ledgerRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/campaigns/:id/ledger.xlsx', {
    schema: {
      tags,
      summary: "The campaign's problems as its 附件1 ledger (title, 排查工作组 line, the nine columns, the notes; one sheet per work group; A4 landscape), streamed; the list's filters apply (default: every state but voided)",
      params: idParams,
      querystring: problemFilterQuerySchema.omit({ campaignId: true }),
      produces: [MIME_XLSX],
    },
  }, async (req, reply) => {
    const actor = authorize(req, 'problem.read');
    const prepared = await service.prepareExport(db, actor, req.params.id);
    const out = new PassThrough();
    service.writeLedger(db, actor, prepared, req.query, out).catch((err: unknown) => {
      req.log.error({ err }, 'ledger export failed mid-stream');
      out.destroy(err as Error);
    });
    reply.header('content-type', MIME_XLSX);
    reply.header('content-disposition', contentDisposition('attachment', `${prepared.title}.xlsx`));
    return reply.send(out);
  });

  r.post('/api/campaigns/:id/ledger/import', {
    schema: {
      tags,
      summary: 'Step 1 of a 附件1 import (multipart: file = .xlsx as officials fill it; optional foundOn, source): every row checked against the campaign rules and matched to townships, people and registry sites; returns a preview with errors per sheet, row and column; writes no problem. At most 2 previews run at once in a server process; another gets 429 with Retry-After',
      params: idParams,
      consumes: ['multipart/form-data'],
      response: { 200: ledgerPreviewSchema },
    },
  }, async (req) => {
    const actor = authorize(req, 'ledger.import');
    if (!req.isMultipart()) throw new AppError('VALIDATION', 'send the workbook as multipart/form-data', [{ path: 'body', message: 'multipart/form-data expected' }]);
    const fields: Record<string, string> = {};
    let file: { name: string; bytes: Buffer } | null = null;
    for await (const part of req.parts({ defParamCharset: 'utf8', limits: { fileSize: LEDGER_FILE_LIMIT, files: 1, fields: 10 } } as object)) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new AppError('VALIDATION', `the workbook must be sent in the field "file", not "${part.fieldname}"`, [{ path: 'body.file', message: 'required' }]);
        const bytes = await part.toBuffer();
        if (part.file.truncated) throw new AppError('VALIDATION', `the workbook is larger than ${LEDGER_FILE_LIMIT / 1024 / 1024} MiB`, [{ path: 'body.file', message: 'too large' }]);
        file = { name: part.filename || 'ledger.xlsx', bytes };
      } else fields[part.fieldname] = String(part.value);
    }
    if (!file) throw new AppError('VALIDATION', 'no workbook uploaded', [{ path: 'body.file', message: 'required' }]);
    if (file.bytes.subarray(0, 4).toString('binary') !== 'PK\u0003\u0004') {
      throw new AppError('VALIDATION', `${file.name} is not an .xlsx workbook (save it as Excel 工作簿 .xlsx; .xls and .csv are not read)`, [{ path: 'body.file', message: 'not an .xlsx workbook' }]);
    }
    const parsed = importFields.safeParse(fields);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: 'body.' + (i.path.length ? i.path.join('.') : ((i as { keys?: string[] }).keys ?? ['fields']).join(',')), message: i.message }));
      throw new AppError('VALIDATION', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
    }
    return service.previewImport(db, actor, req.params.id, file.bytes, { fileName: file.name, ...parsed.data });
  });

  r.post('/api/campaigns/:id/ledger/import/:previewId/commit', {
    schema: {
      tags,
      summary: 'Step 2 of a 附件1 import: every previewed row becomes a problem, all or nothing; refused while errors remain; confirmEnterprises lists the unmatched enterprises to record by name',
      params: z.strictObject({ id: z.uuid(), previewId: z.uuid() }),
      body: ledgerCommitSchema.optional(),
      response: { 201: ledgerCommitResultSchema },
    },
  }, async (req, reply) => {
    const body = req.body ?? { confirmEnterprises: [] };
    return reply.code(201).send(await service.commitImport(db, authorize(req, 'ledger.import'), req.params.id, req.params.previewId, body.confirmEnterprises));
  });
}
