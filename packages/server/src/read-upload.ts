import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from './errors.js';

/** One uploaded file, whole in memory (imports parse the whole file anyway), with its name as sent. */
export interface Upload {
  name: string;
  bytes: Uint8Array;
}

/**
 * Reads a multipart request that carries one file (field `file`) and text fields. File names are
 * read as UTF-8 (browsers send Chinese names raw; busboy would read them as Latin-1). Refuses a
 * request that is not multipart, a file in another field, a file over `limit` bytes, or no file.
 */
export async function readUpload(
  req: FastifyRequest,
  o: { limit: number; maxFields?: number; defaultName?: string; /** what the messages call the file, e.g. "workbook" */ noun?: string },
): Promise<{ file: Upload; fields: Record<string, string> }> {
  const noun = o.noun ?? 'file';
  if (!req.isMultipart()) throw new AppError('VALIDATION', `send the ${noun} as multipart/form-data`, [{ path: 'body', message: 'multipart/form-data expected' }]);
  const fields: Record<string, string> = {};
  let file: Upload | null = null;
  for await (const part of req.parts({ defParamCharset: 'utf8', limits: { fileSize: o.limit, files: 1, fields: o.maxFields ?? 20 } } as object)) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') throw new AppError('VALIDATION', `the ${noun} must be sent in the field "file", not "${part.fieldname}"`, [{ path: 'body.file', message: 'required' }]);
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new AppError('VALIDATION', `the ${noun} is larger than ${o.limit / 1024 / 1024} MiB`, [{ path: 'body.file', message: 'too large' }]);
      file = { name: part.filename || (o.defaultName ?? 'upload'), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    } else fields[part.fieldname] = String(part.value);
  }
  if (!file) throw new AppError('VALIDATION', `no ${noun} uploaded`, [{ path: 'body.file', message: 'required' }]);
  return { file, fields };
}

/** The text fields of a multipart request checked with `schema`; errors name `body.<field>`. */
export function parseFields<S extends z.ZodType>(schema: S, fields: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ path: 'body.' + (i.path.length ? i.path.join('.') : ((i as { keys?: string[] }).keys ?? ['fields']).join(',')), message: i.message }));
  throw new AppError('VALIDATION', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
}
