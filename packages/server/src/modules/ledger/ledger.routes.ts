import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MIME_XLSX, PROBLEM_SOURCES, ledgerCommitResultSchema, ledgerCommitSchema, ledgerPreviewSchema, problemFilterQuerySchema } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import { AppError } from '../../errors.js';
import { parseFields, readUpload } from '../../read-upload.js';
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
    const { file, fields } = await readUpload(req, { limit: LEDGER_FILE_LIMIT, maxFields: 10, defaultName: 'ledger.xlsx', noun: 'workbook' });
    const [p0, p1, p2, p3] = file.bytes;
    if (p0 !== 0x50 || p1 !== 0x4b || p2 !== 3 || p3 !== 4) {
      throw new AppError('VALIDATION', `${file.name} is not an .xlsx workbook (save it as Excel 工作簿 .xlsx; .xls and .csv are not read)`, [{ path: 'body.file', message: 'not an .xlsx workbook' }]);
    }
    return service.previewImport(db, actor, req.params.id, file.bytes, { fileName: file.name, ...parseFields(importFields, fields) });
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
